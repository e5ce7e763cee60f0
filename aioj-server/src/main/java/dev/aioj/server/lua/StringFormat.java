package dev.aioj.server.lua;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Lua 5.1's {@code string.format}, which hands each conversion to C's
 * sprintf: flags, width and precision on {@code d i u c o x X e E f g G q s
 * %} (luaj's own ignores width and precision on floats). Integers are the
 * number cast to a C long; {@code %s} of a number is its {@code %.14g}.
 *
 * <p>Thread contract: stateless, any thread.
 */
final class StringFormat extends VarArgFunction {

    @Override
    public Varargs invoke(Varargs args) {
        LuaString fmt = args.checkstring(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int arg = 1;
        byte[] f = fmt.m_bytes;
        int end = fmt.m_offset + fmt.m_length;
        for (int i = fmt.m_offset; i < end; i++) {
            byte c = f[i];
            if (c != '%') {
                out.write(c);
                continue;
            }
            if (++i >= end) {
                throw new LuaError("invalid option '%' to 'format'");
            }
            if (f[i] == '%') {
                out.write('%');
                continue;
            }
            int start = i;
            while (i < end && "-+ #0".indexOf(f[i]) >= 0) {
                i++;
            }
            if (i - start > 5) {
                throw new LuaError("invalid format (repeated flags)");
            }
            int digits = 0;
            while (i < end && Character.isDigit(f[i])) {
                i++;
                digits++;
            }
            if (i < end && f[i] == '.') {
                i++;
                int p = 0;
                while (i < end && Character.isDigit(f[i])) {
                    i++;
                    p++;
                }
                digits = Math.max(digits, p);
            }
            if (digits > 4 || i >= end) {
                throw new LuaError("invalid format (width or precision too long)");
            }
            String spec = new String(f, start, i - start, StandardCharsets.ISO_8859_1);
            char conv = (char) f[i];
            arg++;
            String piece = switch (conv) {
                case 'c' -> String.valueOf((char) (args.checkint(arg) & 0xff));
                case 'd', 'i' -> cInteger(spec, (long) args.checkdouble(arg), 'd');
                case 'u' -> cInteger(spec, (long) args.checkdouble(arg), 'u');
                case 'o', 'x', 'X' -> cInteger(spec, (long) args.checkdouble(arg), conv);
                case 'e', 'E', 'f' -> String.format("%" + spec + conv, args.checkdouble(arg));
                case 'g', 'G' -> cG(spec, args.checkdouble(arg), conv == 'G');
                case 'q' -> quoted(args.checkstring(arg));
                case 's' -> string(spec, args.arg(arg), arg);
                default -> throw new LuaError("invalid option '%" + conv + "' to 'format'");
            };
            byte[] bytes = piece.getBytes(StandardCharsets.ISO_8859_1);
            out.write(bytes, 0, bytes.length);
        }
        return LuaValue.valueOf(out.toByteArray());
    }

    private static String cInteger(String spec, long v, char conv) {
        String body = switch (conv) {
            case 'o' -> Long.toOctalString(v);
            case 'x' -> Long.toHexString(v);
            case 'X' -> Long.toHexString(v).toUpperCase(java.util.Locale.ROOT);
            case 'u' -> Long.toUnsignedString(v);
            default -> Long.toString(v);
        };
        return pad(spec, body, conv == 'd');
    }

    /** Applies flags, width and (integer) precision to a formatted number. */
    private static String pad(String spec, String body, boolean signed) {
        boolean left = spec.indexOf('-') >= 0;
        boolean zero = spec.indexOf('0') >= 0 && !left;
        boolean plus = spec.indexOf('+') >= 0;
        boolean space = spec.indexOf(' ') >= 0;
        String rest = spec.replaceAll("^[-+ #0]*", "");
        int width = 0;
        int precision = -1;
        int dot = rest.indexOf('.');
        if (dot >= 0) {
            width = dot == 0 ? 0 : Integer.parseInt(rest.substring(0, dot));
            precision = dot + 1 == rest.length() ? 0 : Integer.parseInt(rest.substring(dot + 1));
        } else if (!rest.isEmpty()) {
            width = Integer.parseInt(rest);
        }
        String sign = "";
        if (body.startsWith("-")) {
            sign = "-";
            body = body.substring(1);
        } else if (signed && plus) {
            sign = "+";
        } else if (signed && space) {
            sign = " ";
        }
        if (precision >= 0) {
            zero = false;
            StringBuilder b = new StringBuilder(body);
            while (b.length() < precision) {
                b.insert(0, '0');
            }
            body = precision == 0 && body.equals("0") ? "" : b.toString();
        }
        StringBuilder s = new StringBuilder(sign + body);
        while (s.length() < width) {
            if (left) {
                s.append(' ');
            } else if (zero) {
                s.insert(sign.length(), '0');
            } else {
                s.insert(0, ' ');
            }
        }
        return s.toString();
    }

    private static String cG(String spec, double d, boolean upper) {
        String rest = spec.replaceAll("^[-+ #0]*", "");
        int dot = rest.indexOf('.');
        int precision = dot < 0 ? 6 : (dot + 1 == rest.length() ? 0 : Integer.parseInt(rest.substring(dot + 1)));
        String body = LuaNumbers.formatG(d, Math.max(precision, 1));
        if (upper) {
            body = body.toUpperCase(java.util.Locale.ROOT);
        }
        String flags = spec.substring(0, spec.length() - rest.length());
        String width = dot < 0 ? rest : rest.substring(0, dot);
        return pad(flags + width, body, !Double.isNaN(d));
    }

    private static String quoted(LuaString s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.m_length; i++) {
            int c = s.m_bytes[s.m_offset + i] & 0xff;
            switch (c) {
                case '"', '\\', '\n' -> b.append('\\').append((char) c);
                case '\r' -> b.append("\\r");
                case 0 -> b.append("\\000");
                default -> b.append((char) c);
            }
        }
        return b.append('"').toString();
    }

    private static String string(String spec, LuaValue v, int arg) {
        String s;
        if (v.type() == LuaValue.TNUMBER) {
            s = LuaNumbers.format14(v.todouble());
        } else if (v.type() == LuaValue.TSTRING) {
            LuaString ls = v.checkstring();
            s = new String(ls.m_bytes, ls.m_offset, ls.m_length, StandardCharsets.ISO_8859_1);
        } else {
            throw new LuaError("bad argument #" + arg + " to 'format' (string expected, got "
                    + (v.isnil() ? "no value" : v.typename()) + ")");
        }
        String rest = spec.replaceAll("^[-+ #0]*", "");
        int dot = rest.indexOf('.');
        if (dot >= 0) {
            int precision = dot + 1 == rest.length() ? 0 : Integer.parseInt(rest.substring(dot + 1));
            if (s.length() > precision) {
                s = s.substring(0, precision);
            }
        }
        boolean left = spec.indexOf('-') >= 0;
        int width = dot < 0 ? (rest.isEmpty() ? 0 : Integer.parseInt(rest))
                : (dot == 0 ? 0 : Integer.parseInt(rest.substring(0, dot)));
        StringBuilder b = new StringBuilder(s);
        while (b.length() < width) {
            if (left) {
                b.append(' ');
            } else {
                b.insert(0, ' ');
            }
        }
        return b.toString();
    }
}

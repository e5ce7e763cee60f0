package dev.aioj.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a directive's words become a value, and back: the value types of
 * Redis 7.0's config table ({@code config.c}), each with redis-server's
 * parsing rules and error texts, CONFIG GET's formatting and CONFIG
 * REWRITE's lines. Values are immutable: {@link Boolean}, {@link Long}
 * (numbers, unsigned ones as raw 64 bits), {@link Integer} (a choice, or
 * OR-ed flags), {@link String} (null when unset) and whatever a {@link
 * Special} type defines.
 *
 * <p>Thread contract: immutable, any thread.
 */
sealed interface DirectiveType {

    /** The value a server starts with when the directive is not given. */
    Object defaultValue();

    /**
     * The value for the directive's words (the arguments after its name).
     *
     * @param current the value now, for types whose words amend it (client-output-buffer-limit)
     * @throws DirectiveException with redis-server's reason when the words are not a value
     */
    Object parse(List<String> args, Object current, ParseContext context) throws DirectiveException;

    /** The value as CONFIG GET answers it. */
    String format(Object value);

    /**
     * The lines CONFIG REWRITE writes for the value: each forced into the
     * file when the value differs from the default, else written only over a
     * line the file already has. No lines: the directive's lines are removed.
     */
    List<RewriteLine> rewrite(String name, Object value);

    /** One line CONFIG REWRITE writes. */
    record RewriteLine(String text, boolean force) {}

    /** yes/no. */
    record Bool(boolean defaultBool) implements DirectiveType {

        @Override
        public Object defaultValue() {
            return defaultBool;
        }

        @Override
        public Object parse(List<String> args, Object current, ParseContext context) throws DirectiveException {
            String v = args.get(0);
            if (v.equalsIgnoreCase("yes")) {
                return Boolean.TRUE;
            }
            if (v.equalsIgnoreCase("no")) {
                return Boolean.FALSE;
            }
            throw new DirectiveException("argument must be 'yes' or 'no'");
        }

        @Override
        public String format(Object value) {
            return (Boolean) value ? "yes" : "no";
        }

        @Override
        public List<RewriteLine> rewrite(String name, Object value) {
            return List.of(new RewriteLine(name + " " + format(value), (Boolean) value != defaultBool));
        }
    }

    /**
     * An integer within bounds. {@code unsigned}: Redis's unsigned C types,
     * whose range errors print unsigned and where a negative number wraps
     * around (so it is out of range); the value is then 64 raw bits.
     */
    record Number(long min, long max, long defaultNumber, boolean unsigned, NumberFormat numberFormat)
            implements DirectiveType {

        @Override
        public Object defaultValue() {
            return defaultNumber;
        }

        @Override
        public Object parse(List<String> args, Object current, ParseContext context) throws DirectiveException {
            long n = parseNumber(args.get(0));
            boolean percent = numberFormat == NumberFormat.MEMORY_PERCENT && n < 0;
            if (unsigned) {
                if (Long.compareUnsigned(n, max) > 0 || Long.compareUnsigned(n, min) < 0) {
                    throw new DirectiveException("argument must be between "
                            + (numberFormat == NumberFormat.OCTAL
                                    ? Long.toOctalString(min) + " and " + Long.toOctalString(max)
                                    : Long.toUnsignedString(min) + " and " + Long.toUnsignedString(max))
                            + " inclusive");
                }
            } else if (percent) {
                if (n < min) {
                    throw new DirectiveException("percentage argument must be less or equal to " + -min);
                }
            } else if (n > max || n < min) {
                throw new DirectiveException("argument must be between " + min + " and " + max + " inclusive");
            }
            return n;
        }

        private long parseNumber(String v) throws DirectiveException {
            if (numberFormat == NumberFormat.MEMORY || numberFormat == NumberFormat.MEMORY_PERCENT) {
                Long bytes = memToBytes(v);
                if (bytes != null) {
                    return bytes;
                }
            }
            if (numberFormat == NumberFormat.MEMORY_PERCENT && v.length() > 1 && v.endsWith("%")) {
                byte[] digits = v.substring(0, v.length() - 1).getBytes(StandardCharsets.ISO_8859_1);
                if (Numbers.isLong(digits) && Numbers.toLong(digits) >= 0) {
                    return -Numbers.toLong(digits); // Redis keeps a percentage as a negative number
                }
            }
            if (numberFormat == NumberFormat.OCTAL) {
                Long octal = strtoll(v, 8);
                if (octal != null) {
                    return octal;
                }
            }
            byte[] bytes = v.getBytes(StandardCharsets.ISO_8859_1);
            if (numberFormat == NumberFormat.INTEGER && Numbers.isLong(bytes)) {
                return Numbers.toLong(bytes);
            }
            throw new DirectiveException(switch (numberFormat) {
                case MEMORY_PERCENT -> "argument must be a memory or percent value";
                case MEMORY -> "argument must be a memory value";
                case OCTAL -> "argument couldn't be parsed as an octal number";
                case INTEGER -> "argument couldn't be parsed into an integer";
            });
        }

        @Override
        public String format(Object value) {
            long n = (Long) value;
            return switch (numberFormat) {
                case MEMORY_PERCENT -> n < 0 ? -n + "%" : Long.toUnsignedString(n);
                case MEMORY -> Long.toUnsignedString(n);
                case OCTAL -> Long.toOctalString(n);
                case INTEGER -> Long.toString(n);
            };
        }

        @Override
        public List<RewriteLine> rewrite(String name, Object value) {
            long n = (Long) value;
            boolean force = n != defaultNumber;
            String text = switch (numberFormat) {
                case MEMORY_PERCENT -> n < 0 ? -n + "%" : memoryText(n);
                case MEMORY -> memoryText(n);
                case OCTAL -> Long.toOctalString(n);
                case INTEGER -> Long.toString(n);
            };
            return List.of(new RewriteLine(name + " " + text, force));
        }
    }

    /** How a {@link Number} is written: Redis's INTEGER, MEMORY, MEMORY|PERCENT and OCTAL configs. */
    enum NumberFormat { INTEGER, MEMORY, MEMORY_PERCENT, OCTAL }

    /**
     * One of a few words (Redis's enum configs), matched in any case; with
     * {@code flags}, several words OR-ed together (shutdown-on-sigterm).
     */
    record Choice(List<String> names, List<Integer> values, int defaultChoice, boolean flags)
            implements DirectiveType {

        public Choice {
            if (names.size() != values.size()) {
                throw new IllegalArgumentException("names and values differ in size: " + names + " " + values);
            }
            names = List.copyOf(names);
            values = List.copyOf(values);
        }

        /** Words whose values are their positions, the first being 0. */
        static Choice of(String defaultName, String... names) {
            List<Integer> values = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                values.add(i);
            }
            int def = List.of(names).indexOf(defaultName);
            if (def < 0) {
                throw new IllegalArgumentException("default " + defaultName + " is not one of " + List.of(names));
            }
            return new Choice(List.of(names), values, def, false);
        }

        /** The value of {@code name}, or -1. */
        int valueOf(String name) {
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equalsIgnoreCase(name)) {
                    return values.get(i);
                }
            }
            return -1;
        }

        @Override
        public Object defaultValue() {
            return defaultChoice;
        }

        @Override
        public Object parse(List<String> args, Object current, ParseContext context) throws DirectiveException {
            if (args.isEmpty() || (!flags && args.size() != 1)) {
                throw new DirectiveException(reason());
            }
            int result = 0;
            for (String arg : args) {
                int v = valueOf(arg);
                if (v < 0) {
                    throw new DirectiveException(reason());
                }
                result |= v;
            }
            return result;
        }

        private String reason() {
            String text = "argument(s) must be one of the following: " + String.join(", ", names);
            return text.length() > 255 ? text.substring(0, 255) : text; // Redis's LOADBUF_SIZE
        }

        @Override
        public String format(Object value) {
            int v = (Integer) value;
            StringBuilder b = new StringBuilder();
            int unmatched = v;
            for (int i = 0; i < names.size(); i++) {
                int item = values.get(i);
                if (v == item) {
                    return names.get(i);
                }
                if (flags && item != 0 && item == (unmatched & item)) {
                    b.append(b.isEmpty() ? "" : " ").append(names.get(i));
                    unmatched &= ~item;
                }
            }
            return b.isEmpty() || unmatched != 0 ? "unknown" : b.toString();
        }

        @Override
        public List<RewriteLine> rewrite(String name, Object value) {
            return List.of(new RewriteLine(name + " " + format(value), (Integer) value != defaultChoice));
        }
    }

    /**
     * A string. {@code emptyIsNull}: an empty string unsets it (null), as
     * Redis's EMPTY_STRING_IS_NULL configs (unixsocket, pidfile, requirepass).
     */
    record Text(String defaultText, boolean emptyIsNull) implements DirectiveType {

        @Override
        public Object defaultValue() {
            return defaultText;
        }

        @Override
        public Object parse(List<String> args, Object current, ParseContext context) throws DirectiveException {
            String v = args.get(0);
            return emptyIsNull && v.isEmpty() ? null : v;
        }

        @Override
        public String format(Object value) {
            return value == null ? "" : (String) value;
        }

        @Override
        public List<RewriteLine> rewrite(String name, Object value) {
            if (value == null) {
                return List.of();
            }
            return List.of(new RewriteLine(name + " " + quote((String) value), !Objects.equals(value, defaultText)));
        }
    }

    /**
     * A directive with rules of its own (save, bind, dir,
     * client-output-buffer-limit, ...): Redis's SPECIAL configs.
     */
    non-sealed interface Special extends DirectiveType {}

    // ---------------------------------------------------------------- Redis's number and string forms

    /**
     * Redis's {@code memtoull}: digits with an optional unit (b, k, kb, m,
     * mb, g, gb in any case; k is 1000, kb 1024); null when malformed. Like
     * Redis, no digits count as 0 and a product past 64 bits wraps.
     */
    static Long memToBytes(String v) {
        if (v.startsWith("-")) {
            return null;
        }
        int u = 0;
        while (u < v.length() && v.charAt(u) >= '0' && v.charAt(u) <= '9') {
            u++;
        }
        long multiplier = switch (v.substring(u).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1;
            case "k" -> 1000;
            case "kb" -> 1024;
            case "m" -> 1000 * 1000;
            case "mb" -> 1024 * 1024;
            case "g" -> 1000L * 1000 * 1000;
            case "gb" -> 1024L * 1024 * 1024;
            default -> 0;
        };
        if (multiplier == 0 || u >= 128) {
            return null;
        }
        long n;
        try {
            n = u == 0 ? 0 : Long.parseUnsignedLong(v.substring(0, u));
        } catch (NumberFormatException tooBig) {
            n = -1; // strtoull saturates at ULLONG_MAX
        }
        return n * multiplier;
    }

    /**
     * C's {@code strtoll(v, &end, radix)} where the whole string must be
     * read ({@code *end == '\\0'}): leading blanks and a sign allowed; null
     * otherwise or on overflow. As in C, the empty string reads as 0.
     */
    static Long strtoll(String v, int radix) {
        int i = 0;
        while (i < v.length() && InlineArgs.isSpace(v.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < v.length() && (v.charAt(i) == '+' || v.charAt(i) == '-')) {
            negative = v.charAt(i) == '-';
            i++;
        }
        int digitsStart = i;
        long n = 0;
        while (i < v.length()) {
            int digit = Character.digit(v.charAt(i), radix);
            if (digit < 0 || v.charAt(i) > 0x7F) {
                break;
            }
            if (n > (Long.MAX_VALUE - digit) / radix) {
                return null; // ERANGE
            }
            n = n * radix + digit;
            i++;
        }
        if (i == digitsStart) {
            return v.isEmpty() ? 0L : null; // no digits: strtoll's end is the start, which must be the end
        }
        return i == v.length() ? (negative ? -n : n) : null;
    }

    /** Redis's {@code rewriteConfigFormatMemory}: 1gb, 10mb, 4kb when exact, else the byte count. */
    static String memoryText(long bytes) {
        long gb = 1024L * 1024 * 1024;
        long mb = 1024L * 1024;
        if (bytes != 0 && bytes % gb == 0) {
            return bytes / gb + "gb";
        }
        if (bytes != 0 && bytes % mb == 0) {
            return bytes / mb + "mb";
        }
        if (bytes != 0 && bytes % 1024 == 0) {
            return bytes / 1024 + "kb";
        }
        return Long.toString(bytes);
    }

    /** Redis's {@code sdscatrepr} of the UTF-8 bytes: what the config file parser reads back as {@code s}. */
    static String quote(String s) {
        return InlineArgs.quote(s.getBytes(StandardCharsets.UTF_8));
    }
}

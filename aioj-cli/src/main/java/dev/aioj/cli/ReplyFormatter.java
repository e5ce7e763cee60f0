package dev.aioj.cli;

import dev.aioj.redis.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints replies the way redis-cli does, so its users feel at home: on a
 * terminal, {@code (integer) 1}, quoted strings with escapes, {@code (nil)},
 * numbered and nested aggregates ({@code 1)} arrays, {@code 1#} maps with
 * {@code =>}, {@code 1~} sets), {@code (error) ...}; in raw mode (what
 * redis-cli does when its output is not a terminal) bare values one per line.
 */
final class ReplyFormatter {

    private ReplyFormatter() {}

    /** The terminal form, ending with a newline. */
    static String tty(RespValue value) {
        StringBuilder out = new StringBuilder();
        tty(value, "", out);
        return out.toString();
    }

    /** The raw form (no quotes, no type labels), ending with a newline. */
    static String raw(RespValue value) {
        StringBuilder out = new StringBuilder();
        raw(value, out);
        return out.append('\n').toString();
    }

    /** An error that failed the command, as redis-cli shows it. */
    static String error(String message) {
        return "(error) " + message + "\n";
    }

    private static void tty(RespValue value, String prefix, StringBuilder out) {
        switch (value) {
            case RespValue.ErrorReply e -> out.append("(error) ").append(e.message()).append('\n');
            case RespValue.Simple s -> out.append(s.text()).append('\n');
            case RespValue.Int i -> out.append("(integer) ").append(i.value()).append('\n');
            case RespValue.DoubleReply d -> out.append("(double) ").append(formatDouble(d.value())).append('\n');
            case RespValue.BigNumber b -> out.append("(big number) ").append(b.value()).append('\n');
            case RespValue.Bulk b -> out.append(quote(b.bytes())).append('\n');
            case RespValue.Verbatim v -> out.append(v.text()).append('\n');
            case RespValue.Null n -> out.append("(nil)\n");
            case RespValue.Bool b -> out.append(b.value() ? "(true)\n" : "(false)\n");
            case RespValue.Array a -> aggregate(a.elements(), ')', "(empty array)", prefix, out);
            case RespValue.SetReply s -> aggregate(s.elements(), '~', "(empty set)", prefix, out);
            case RespValue.Push p -> aggregate(p.elements(), ')', "(empty push)", prefix, out);
            case RespValue.MapReply m -> map(m.entries(), prefix, out);
            case RespValue.Attributed a -> tty(a.value(), prefix, out);
        }
    }

    private static void aggregate(List<RespValue> elements, char separator, String empty, String prefix,
            StringBuilder out) {
        if (elements.isEmpty()) {
            out.append(empty).append('\n');
            return;
        }
        int width = Integer.toString(elements.size()).length();
        String nested = prefix + " ".repeat(width + 2);
        for (int i = 0; i < elements.size(); i++) {
            // the first index follows the parent's own index on the same line
            out.append(i == 0 ? "" : prefix).append(pad(i + 1, width)).append(separator).append(' ');
            tty(elements.get(i), nested, out);
        }
    }

    private static void map(Map<RespValue, RespValue> entries, String prefix, StringBuilder out) {
        if (entries.isEmpty()) {
            out.append("(empty hash)\n");
            return;
        }
        int width = Integer.toString(entries.size()).length();
        String nested = prefix + " ".repeat(width + 2);
        int i = 0;
        for (Map.Entry<RespValue, RespValue> entry : entries.entrySet()) {
            out.append(i == 0 ? "" : prefix).append(pad(++i, width)).append("# ");
            tty(entry.getKey(), nested, out);
            out.setLength(out.length() - 1); // the key's newline becomes " => "
            out.append(" => ");
            tty(entry.getValue(), nested, out);
        }
    }

    private static String pad(int index, int width) {
        String digits = Integer.toString(index);
        return " ".repeat(width - digits.length()) + digits;
    }

    private static void raw(RespValue value, StringBuilder out) {
        switch (value) {
            case RespValue.ErrorReply e -> out.append(e.message());
            case RespValue.Simple s -> out.append(s.text());
            case RespValue.Int i -> out.append(i.value());
            case RespValue.DoubleReply d -> out.append(formatDouble(d.value()));
            case RespValue.BigNumber b -> out.append(b.value());
            case RespValue.Bulk b -> out.append(new String(b.bytes(), StandardCharsets.UTF_8));
            case RespValue.Verbatim v -> out.append(v.text());
            case RespValue.Null n -> { } // nothing, as redis-cli
            case RespValue.Bool b -> out.append(b.value() ? "(true)" : "(false)");
            case RespValue.Array a -> rawElements(a.elements(), out);
            case RespValue.SetReply s -> rawElements(s.elements(), out);
            case RespValue.Push p -> rawElements(p.elements(), out);
            case RespValue.MapReply m -> {
                List<RespValue> flat = new ArrayList<>();
                m.entries().forEach((k, v) -> {
                    flat.add(k);
                    flat.add(v);
                });
                for (int i = 0; i < flat.size(); i += 2) {
                    if (i > 0) {
                        out.append('\n');
                    }
                    raw(flat.get(i), out);
                    out.append(' ');
                    raw(flat.get(i + 1), out);
                }
            }
            case RespValue.Attributed a -> raw(a.value(), out);
        }
    }

    private static void rawElements(List<RespValue> elements, StringBuilder out) {
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                out.append('\n');
            }
            raw(elements.get(i), out);
        }
    }

    /** Redis prints doubles as the shortest text that reads back the same, with inf/-inf/nan. */
    static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e17) {
            return Long.toString((long) d);
        }
        return Double.toString(d).replace("E", "e");
    }

    /** redis-cli's quoted form: printable bytes as they are, escapes for the rest. */
    static String quote(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length + 2).append('"');
        for (byte b : bytes) {
            int c = b & 0xff;
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 7 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        out.append((char) c);
                    } else {
                        out.append(String.format("\\x%02x", c));
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

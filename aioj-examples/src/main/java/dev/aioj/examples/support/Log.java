package dev.aioj.examples.support;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The examples' output, shaped like the seeds' Python logging ({@code
 * '%(name)s: %(message)s'}) so a reader can put the two side by side. Bytes
 * are shown as Python shows them: {@code b'This is the message. '}.
 *
 * <p>Thread contract: any thread ({@link PrintStream} is synchronized).
 */
public final class Log {

    private final PrintStream out;
    private final String name;

    public Log(PrintStream out, String name) {
        this.out = out;
        this.name = name;
    }

    /** A logger with another name on the same stream. */
    public Log named(String other) {
        return new Log(out, other);
    }

    /** Prints {@code name: message}. */
    public void info(String message) {
        out.println(name + ": " + message);
    }

    /** Python's {@code repr(bytes)}: {@code b'...'} with escapes for what is not printable ASCII. */
    public static String repr(byte[] bytes) {
        return repr(bytes, 0, bytes.length);
    }

    /** {@link #repr(byte[])} of {@code bytes[offset, offset + length)}. */
    public static String repr(byte[] bytes, int offset, int length) {
        String text = new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(length + 3).append('b').append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == quote) {
                        sb.append('\\').append(c);
                    } else if (c < 0x20 || c >= 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append(quote).toString();
    }
}

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
        return quote(new String(bytes, offset, length, StandardCharsets.ISO_8859_1), true);
    }

    /** Python's {@code repr(str)}: {@code 'Hello World!'}, printable text kept as it is. */
    public static String repr(String text) {
        return quote(text, false);
    }

    /**
     * Python's quoting: single quotes unless the text holds one and no double
     * quote; backslash escapes for the quote, {@code \\}, {@code \n}, {@code \r},
     * {@code \t}; {@code \xNN} for other control characters, and for every
     * byte above 0x7e when quoting bytes.
     */
    private static String quote(String text, boolean bytes) {
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(text.length() + 3);
        if (bytes) {
            sb.append('b');
        }
        sb.append(quote);
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
                    } else if (c < 0x20 || (bytes ? c >= 0x7f : c >= 0x7f && c < 0xa0)) {
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

package dev.aioj.redis.resp;

/**
 * Renders bytes for humans, the way redis-cli shows them: printable ASCII as
 * is, {@code \r \n \t \" \\} escaped, anything else as {@code \xHH}. Used by
 * {@code toString} of binary values and by protocol error messages, which
 * must show a broken stream without dumping megabytes of it.
 */
final class ByteText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ByteText() {}

    /** {@code "..."} around the first {@code max} bytes of {@code bytes}, with the total size if cut. */
    static String quote(byte[] bytes, int max) {
        return quote(bytes, 0, bytes.length, max);
    }

    /** Like {@link #quote(byte[], int)} for {@code bytes[from, to)}. */
    static String quote(byte[] bytes, int from, int to, int max) {
        int shown = Math.min(to - from, max);
        StringBuilder text = new StringBuilder(shown + 16).append('"');
        for (int i = from; i < from + shown; i++) {
            appendByte(text, bytes[i] & 0xff);
        }
        text.append('"');
        if (shown < to - from) text.append("... (").append(to - from).append(" bytes)");
        return text.toString();
    }

    /** One byte as {@code 0x41 ('A')}, for "unexpected byte" messages. */
    static String describe(int b) {
        StringBuilder text = new StringBuilder("0x").append(HEX[b >>> 4]).append(HEX[b & 0xf]).append(" ('");
        appendByte(text, b);
        return text.append("')").toString();
    }

    private static void appendByte(StringBuilder text, int b) {
        switch (b) {
            case '\r' -> text.append("\\r");
            case '\n' -> text.append("\\n");
            case '\t' -> text.append("\\t");
            case '"' -> text.append("\\\"");
            case '\\' -> text.append("\\\\");
            default -> {
                if (b >= 0x20 && b < 0x7f) {
                    text.append((char) b);
                } else {
                    text.append("\\x").append(HEX[b >>> 4]).append(HEX[b & 0xf]);
                }
            }
        }
    }
}

package dev.aioj.server;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an inline command line ({@code SET "a b" 'c'}, what telnet and
 * {@code redis-cli}'s inline mode send) into arguments: a port of Redis's
 * {@code sdssplitargs}, with its quoting rules: double quotes understand
 * {@code \n \r \t \b \a \xHH} and backslash-escaped characters, single quotes
 * only {@code \'}, and a closing quote must be followed by a space or the end.
 * A NUL byte ends the line, as in C.
 *
 * <p>Thread contract: pure functions, any thread.
 */
final class InlineArgs {

    private InlineArgs() {}

    /** The arguments of {@code line[from, to)}, or null when its quotes are unbalanced. */
    static byte[][] split(byte[] line, int from, int to) {
        List<byte[]> args = new ArrayList<>();
        int p = from;
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        while (true) {
            while (p < to && line[p] != 0 && isSpace(line[p])) {
                p++;
            }
            if (p >= to || line[p] == 0) {
                return args.toArray(new byte[0][]);
            }
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            current.reset();
            while (!done) {
                int c = p < to ? line[p] : 0;
                if (inDouble) {
                    if (c == '\\' && at(line, p + 1, to) == 'x' && isHex(at(line, p + 2, to))
                            && isHex(at(line, p + 3, to))) {
                        current.write(Character.digit(line[p + 2], 16) * 16 + Character.digit(line[p + 3], 16));
                        p += 3;
                    } else if (c == '\\' && at(line, p + 1, to) != 0) {
                        p++;
                        int e = line[p];
                        current.write(switch (e) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> 7;
                            default -> e;
                        });
                    } else if (c == '"') {
                        if (at(line, p + 1, to) != 0 && !isSpace(at(line, p + 1, to))) {
                            return null; // closing quote must be followed by a space or nothing
                        }
                        done = true;
                    } else if (c == 0) {
                        return null; // unterminated quotes
                    } else {
                        current.write(c);
                    }
                } else if (inSingle) {
                    if (c == '\\' && at(line, p + 1, to) == '\'') {
                        p++;
                        current.write('\'');
                    } else if (c == '\'') {
                        if (at(line, p + 1, to) != 0 && !isSpace(at(line, p + 1, to))) {
                            return null;
                        }
                        done = true;
                    } else if (c == 0) {
                        return null;
                    } else {
                        current.write(c);
                    }
                } else {
                    switch (c) {
                        case ' ', '\n', '\r', '\t', 0 -> done = true;
                        case '"' -> inDouble = true;
                        case '\'' -> inSingle = true;
                        default -> current.write(c);
                    }
                }
                if (c != 0) {
                    p++;
                }
            }
            args.add(current.toByteArray());
        }
    }

    /**
     * Redis's {@code sdscatrepr}: {@code bytes} in double quotes, with
     * {@code \\ " \n \r \t \a \b} escaped and other bytes outside printable
     * ASCII as {@code \xHH}; {@link #split} reads it back as the same bytes.
     */
    static String quote(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length + 2).append('"');
        for (byte x : bytes) {
            int c = x & 0xFF;
            switch (c) {
                case '\\', '"' -> b.append('\\').append((char) c);
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case 7 -> b.append("\\a");
                case '\b' -> b.append("\\b");
                default -> {
                    if (c >= 0x20 && c < 0x7F) {
                        b.append((char) c);
                    } else {
                        b.append(String.format("\\x%02x", c));
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** The byte at {@code i}, or 0 (C's terminator) past the end. */
    private static int at(byte[] line, int i, int to) {
        return i < to ? line[i] : 0;
    }

    /** C's isspace in the C locale. */
    static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f';
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}

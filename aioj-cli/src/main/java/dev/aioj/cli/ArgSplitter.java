package dev.aioj.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line typed at the {@code aioj cli} prompt into arguments with
 * redis-cli's rules: blanks separate arguments; {@code "double quotes"} allow
 * the escapes {@code \n \r \t \b \a \\ \"} and {@code \xHH} (any byte);
 * {@code 'single quotes'} allow only {@code \'}; a closing quote must be
 * followed by a blank or the end of the line.
 */
final class ArgSplitter {

    /** The line cannot be split: an unbalanced quote, or a quote glued to the next word. */
    static final class UnbalancedQuotesException extends IllegalArgumentException {
        UnbalancedQuotesException(String line) {
            super("Invalid argument(s): unbalanced quotes in: " + line);
        }
    }

    private ArgSplitter() {}

    /** The arguments of {@code line}, each as the bytes it stands for. */
    static List<byte[]> split(String line) {
        List<byte[]> args = new ArrayList<>();
        byte[] in = line.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        while (true) {
            while (i < in.length && isBlank(in[i])) {
                i++;
            }
            if (i >= in.length) {
                return args;
            }
            ByteArrayOutputStream arg = new ByteArrayOutputStream();
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                if (inDouble) {
                    if (i >= in.length) {
                        throw new UnbalancedQuotesException(line);
                    }
                    byte c = in[i];
                    if (c == '\\' && i + 3 < in.length && in[i + 1] == 'x' && isHex(in[i + 2]) && isHex(in[i + 3])) {
                        arg.write(Character.digit(in[i + 2], 16) * 16 + Character.digit(in[i + 3], 16));
                        i += 3;
                    } else if (c == '\\' && i + 1 < in.length) {
                        i++;
                        arg.write(switch (in[i]) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> 7;
                            default -> in[i];
                        });
                    } else if (c == '"') {
                        if (i + 1 < in.length && !isBlank(in[i + 1])) {
                            throw new UnbalancedQuotesException(line); // "foo"bar
                        }
                        done = true;
                    } else {
                        arg.write(c);
                    }
                } else if (inSingle) {
                    if (i >= in.length) {
                        throw new UnbalancedQuotesException(line);
                    }
                    byte c = in[i];
                    if (c == '\\' && i + 1 < in.length && in[i + 1] == '\'') {
                        i++;
                        arg.write('\'');
                    } else if (c == '\'') {
                        if (i + 1 < in.length && !isBlank(in[i + 1])) {
                            throw new UnbalancedQuotesException(line);
                        }
                        done = true;
                    } else {
                        arg.write(c);
                    }
                } else if (i >= in.length || isBlank(in[i])) {
                    done = true;
                } else if (in[i] == '"') {
                    inDouble = true;
                } else if (in[i] == '\'') {
                    inSingle = true;
                } else {
                    arg.write(in[i]);
                }
                if (i < in.length) {
                    i++;
                }
            }
            args.add(arg.toByteArray());
        }
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0;
    }

    private static boolean isHex(byte c) {
        return Character.digit(c, 16) >= 0;
    }
}

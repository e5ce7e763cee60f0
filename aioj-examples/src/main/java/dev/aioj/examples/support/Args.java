package dev.aioj.examples.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The examples' command-line options: {@code --name value} pairs, nothing
 * more (the future picocli CLI passes them through untouched). Unknown or
 * malformed options fail with a message naming them.
 *
 * <p>Thread contract: immutable after parsing.
 */
public final class Args {

    private final Map<String, String> values = new HashMap<>();

    private Args() {}

    /** Parses {@code args}, accepting only the option names in {@code known}. */
    public static Args parse(List<String> args, String... known) {
        Args parsed = new Args();
        List<String> allowed = List.of(known);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || !allowed.contains(arg.substring(2))) {
                throw new IllegalArgumentException("unknown option: " + arg + " (known: "
                        + (allowed.isEmpty() ? "none" : "--" + String.join(", --", allowed)) + ")");
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("option " + arg + " needs a value");
            }
            parsed.values.put(arg.substring(2), args.get(++i));
        }
        return parsed;
    }

    /** The option's value, or {@code fallback}. */
    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** The option's integer value, or {@code fallback}. */
    public int integer(String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is not a number: " + value);
        }
    }

    /** A port option: 0 to 65535. */
    public int port(String name, int fallback) {
        int port = integer(name, fallback);
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("--" + name + " out of range: " + port);
        }
        return port;
    }
}

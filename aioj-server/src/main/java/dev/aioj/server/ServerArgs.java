package dev.aioj.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * redis-server's command line, read as its {@code main()} reads it: an
 * optional config file first, then {@code --directive value...} options that
 * become config lines appended after the file (so they override it), values
 * quoted with {@code sdscatrepr} so they survive as given, {@code -} to read
 * config from standard input, and {@code --save} with no value meaning
 * {@code save ""}. {@code -v}/{@code --version} and {@code -h}/{@code --help}
 * count only as the first argument, as there.
 *
 * <pre>
 * aioj server /etc/redis.conf --port 7000 --save "" --loglevel verbose
 * </pre>
 *
 * <p>Thread contract: immutable, any thread.
 */
final class ServerArgs {

    /** What the command line asks for. */
    enum Action { RUN, VERSION, HELP, TEST_MEMORY, CHECK_SYSTEM }

    private final Action action;
    private final Path configFile;
    private final boolean configFromStdin;
    private final byte[] options;
    private final boolean anyArguments;

    private ServerArgs(Action action, Path configFile, boolean configFromStdin, byte[] options,
            boolean anyArguments) {
        this.action = action;
        this.configFile = configFile;
        this.configFromStdin = configFromStdin;
        this.options = options;
        this.anyArguments = anyArguments;
    }

    /** Reads {@code args} (without the program name). */
    static ServerArgs parse(List<String> args) {
        if (args.contains("--sentinel")) {
            throw ConfigException.general("Sentinel mode is not supported by aioj-server");
        }
        if (args.isEmpty()) {
            return new ServerArgs(Action.RUN, null, false, new byte[0], false);
        }
        String first = args.get(0);
        switch (first) {
            case "-v", "--version" -> {
                return new ServerArgs(Action.VERSION, null, false, new byte[0], true);
            }
            case "-h", "--help" -> {
                return new ServerArgs(Action.HELP, null, false, new byte[0], true);
            }
            case "--test-memory" -> {
                return new ServerArgs(Action.TEST_MEMORY, null, false, new byte[0], true);
            }
            case "--check-system" -> {
                return new ServerArgs(Action.CHECK_SYSTEM, null, false, new byte[0], true);
            }
            default -> { }
        }
        int j = 0;
        Path configFile = null;
        if (!first.startsWith("-")) {
            configFile = Path.of(first).toAbsolutePath().normalize();
            j = 1;
        }
        ByteArrayOutputStream options = new ByteArrayOutputStream();
        boolean stdin = false;
        boolean handledLastConfigArg = true;
        int n = args.size();
        for (; j < n; j++) {
            String arg = args.get(j);
            if (arg.equals("-") && (j == 0 || j == n - 1)) {
                stdin = true;
            } else if (handledLastConfigArg && arg.startsWith("--")) {
                if (options.size() > 0) {
                    options.write('\n');
                }
                write(options, arg.substring(2) + " ");
                byte[] whole = arg.getBytes(StandardCharsets.UTF_8);
                byte[][] words = InlineArgs.split(whole, 0, whole.length);
                if (words != null && words.length == 1) {
                    // Only the name, as in "--port": its value is the next argument.
                    handledLastConfigArg = false;
                    boolean last = j == n - 1;
                    if (arg.equalsIgnoreCase("--save") && (last || args.get(j + 1).startsWith("--"))) {
                        write(options, "\"\""); // --save alone means save "", as before Redis 7.0.1
                        if (!last) {
                            handledLastConfigArg = true;
                        }
                    }
                } else {
                    handledLastConfigArg = true; // "--port 6380" in one argument
                }
            } else {
                write(options, InlineArgs.quote(arg.getBytes(StandardCharsets.UTF_8)) + " ");
                handledLastConfigArg = true;
            }
        }
        return new ServerArgs(Action.RUN, configFile, stdin, options.toByteArray(), true);
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    Action action() {
        return action;
    }

    /** The config file named first, made absolute as redis-server does, or null. */
    Path configFile() {
        return configFile;
    }

    /**
     * The whole config text redis-server would parse: the file, then standard
     * input when asked, then a newline and the options; null when there were
     * no arguments at all (redis-server then reads no config).
     */
    byte[] configText(Supplier<byte[]> standardInput) {
        if (!anyArguments) {
            return null;
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        if (configFile != null) {
            text.writeBytes(ConfigLoader.read(configFile));
        }
        if (configFromStdin) {
            text.writeBytes(standardInput.get());
        }
        text.write('\n');
        text.writeBytes(options);
        return text.toByteArray();
    }

    /** Whether {@code -} asked for config on standard input. */
    boolean configFromStdin() {
        return configFromStdin;
    }
}

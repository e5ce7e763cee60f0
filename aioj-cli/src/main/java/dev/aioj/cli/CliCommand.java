package dev.aioj.cli;

import dev.aioj.redis.RedisConnection;
import dev.aioj.redis.RedisConnectionException;
import dev.aioj.redis.RedisException;
import dev.aioj.redis.RedisOptions;
import dev.aioj.redis.RedisReplyException;
import dev.aioj.redis.RedisUri;
import dev.aioj.redis.Reply;
import dev.aioj.redis.resp.RespValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aioj cli}: redis-cli's interactive prompt and one-shot mode on the
 * aioj client. The same flags ({@code -h -p -a -n -2 -3 --raw}), the same
 * quoting rules, replies printed the same way (formatted on a terminal, raw in
 * a pipe), line editing and history on a terminal.
 */
@Command(name = "cli", description = "Talk to a Redis server like redis-cli: an interactive prompt, or one command "
        + "given as arguments.")
final class CliCommand implements java.util.concurrent.Callable<Integer> {

    /** The reply as the server sent it, for printing. */
    private static final Reply<RespValue> RAW = (value, codec) -> value;

    @Option(names = "--help", usageHelp = true, description = "Show this help.")
    boolean help;

    @Option(names = {"-u", "--uri"}, description = "Server URI (redis://, rediss://, unix://); overrides -h -p -a -n.")
    String uri;

    @Option(names = "-h", defaultValue = "127.0.0.1", description = "Server host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "-p", defaultValue = "6379", description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "-a", description = "Password.")
    String password;

    @Option(names = "--user", description = "ACL user name (with -a).")
    String user;

    @Option(names = "-n", defaultValue = "0", description = "Database number.")
    int database;

    @Option(names = "-2", description = "Speak RESP2.")
    boolean resp2;

    @Option(names = "-3", description = "Speak RESP3 (the default).")
    boolean resp3;

    @Option(names = "-c", description = "Cluster mode: follow MOVED and ASK redirections to the node they name, "
            + "like redis-cli -c.")
    boolean cluster;

    @Option(names = "--raw", description = "Raw output (the default when stdout is not a terminal).")
    boolean raw;

    @Option(names = "--no-raw", description = "Formatted output even when stdout is not a terminal.")
    boolean noRaw;

    @Parameters(description = "A command to run once, e.g. GET key. Without it, an interactive prompt.")
    List<String> command = new ArrayList<>();

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private boolean rawOutput;
    /** The node spoken to now: with -c, the last node a redirection named. */
    private RedisConnection connection;

    CliCommand() {
        this(System.in, System.out, System.err, Terminals.interactive());
    }

    CliCommand(InputStream in, PrintStream out, PrintStream err, boolean interactive) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    RedisUri target() {
        if (uri != null) {
            return RedisUri.parse(uri);
        }
        RedisUri target = RedisUri.of(host, port).withDatabase(database).withProtocol(resp2 ? 2 : 3);
        return password != null ? target.withCredentials(user, password) : target;
    }

    @Override
    public Integer call() {
        rawOutput = raw || (!interactive && !noRaw);
        RedisUri target = target();
        RedisConnection connection;
        try {
            connection = RedisConnection.connect(target, RedisOptions.defaults()).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            err.println("Could not connect to Redis at " + target.endpoint() + ": " + describe(cause));
            return 1;
        }
        this.connection = connection;
        try {
            if (!command.isEmpty()) {
                List<byte[]> args = new ArrayList<>();
                for (String arg : command) {
                    args.add(arg.getBytes(StandardCharsets.UTF_8));
                }
                send(args);
                return 0;
            }
            repl(target);
            return 0;
        } finally {
            this.connection.close();
        }
    }

    private void repl(RedisUri target) {
        java.util.function.Supplier<String> prompt = () -> {
            RedisUri at = connection.uri();
            return (at.socketPath() != null ? at.socketPath().toString() : at.endpoint())
                    + (target.database() != 0 ? "[" + target.database() + "]" : "") + "> ";
        };
        try (LineSource lines = interactive ? new TerminalLines(prompt) : new PipedLines(in)) {
            for (String line; (line = lines.next()) != null; ) {
                List<byte[]> args;
                try {
                    args = ArgSplitter.split(line);
                } catch (IllegalArgumentException e) {
                    out.println(e.getMessage());
                    continue;
                }
                if (args.isEmpty()) {
                    continue;
                }
                String name = new String(args.get(0), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
                if (name.equals("quit") || name.equals("exit")) {
                    break;
                }
                if (name.equals("help") || name.equals("?")) {
                    out.println("Type a Redis command (e.g. SET key value), 'quit' to leave. Quoting as redis-cli: "
                            + "\"a b\", 'a b', \\n, \\xHH.");
                    continue;
                }
                send(args);
            }
        } catch (IOException e) {
            err.println("Error reading input: " + e.getMessage());
        }
    }

    /** redis-cli -c gives up after this many redirections of one command. */
    private static final int MAX_REDIRECTIONS = 16;

    /** Sends one command and prints its reply (or error) the way redis-cli does; with -c, follows redirections. */
    private void send(List<byte[]> args) {
        try {
            boolean asking = false;
            for (int redirections = 0; ; redirections++) {
                if (asking) {
                    connection.command(RAW, "ASKING"); // pipelined right before the command, on this connection only
                }
                java.util.concurrent.CompletableFuture<RespValue> sent = connection.command(RAW, args.toArray());
                RespValue reply;
                try {
                    reply = sent.get(connection.uri().timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (cluster && redirections < MAX_REDIRECTIONS && e.getCause() instanceof RedisReplyException r
                            && (r.kind().equals("MOVED") || r.kind().equals("ASK"))) {
                        asking = r.kind().equals("ASK");
                        redirect(r);
                        continue;
                    }
                    throw e;
                }
                out.print(rawOutput ? ReplyFormatter.raw(reply) : ReplyFormatter.tty(reply));
                break;
            }
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RedisReplyException reply) {
                out.print(rawOutput ? reply.getMessage() + "\n" : ReplyFormatter.error(reply.getMessage()));
            } else if (cause instanceof RedisConnectionException lost) {
                out.println("Error: " + lost.getMessage() + (lost.mayHaveExecuted() ? " (the command may have run)" : ""));
            } else if (cause instanceof RedisException other) {
                out.print(ReplyFormatter.error(other.getMessage()));
            } else {
                out.print(ReplyFormatter.error(String.valueOf(cause)));
            }
        } catch (TimeoutException e) {
            out.print(ReplyFormatter.error("no reply in time"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.flush();
    }

    /** "MOVED 3999 127.0.0.1:6381": connect there (as redis-cli -c does) and say so. */
    private void redirect(RedisReplyException redirection) throws ExecutionException, InterruptedException {
        String[] parts = redirection.detail().split(" ");
        int colon = parts[1].lastIndexOf(':');
        String nodeHost = colon == 0 ? connection.uri().host() : parts[1].substring(0, colon);
        int nodePort = Integer.parseInt(parts[1].substring(colon + 1));
        RedisUri current = connection.uri();
        RedisUri next = new RedisUri(current.tls(), nodeHost, nodePort, null, current.user(), current.password(), 0,
                current.timeout(), current.connectTimeout(), current.clientName(), current.protocol());
        RedisConnection moved;
        try {
            moved = RedisConnection.connect(next, RedisOptions.defaults()).get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new ExecutionException(new RedisConnectionException("cannot connect to " + next.endpoint(),
                    next.endpoint(), false, e));
        }
        connection.close();
        connection = moved;
        out.println("-> Redirected to slot [" + parts[0] + "] located at " + next.endpoint());
    }

    private static String describe(Throwable cause) {
        if (cause instanceof RedisConnectionException && cause.getCause() != null) {
            return String.valueOf(cause.getCause().getMessage());
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    /** Where lines come from: a terminal with editing and history, or a pipe. */
    private interface LineSource extends AutoCloseable {
        /** The next line, or null at the end of input. */
        String next() throws IOException;

        @Override
        void close() throws IOException;
    }

    private static final class PipedLines implements LineSource {
        private final BufferedReader reader;

        PipedLines(InputStream in) {
            this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }

        @Override
        public String next() throws IOException {
            return reader.readLine();
        }

        @Override
        public void close() {
            // the caller owns the stream
        }
    }

    /** JLine: arrow keys, Ctrl-R search, history kept in {@code ~/.aioj_history}. */
    private static final class TerminalLines implements LineSource {
        private final org.jline.terminal.Terminal terminal;
        private final org.jline.reader.LineReader reader;
        private final java.util.function.Supplier<String> prompt;

        TerminalLines(java.util.function.Supplier<String> prompt) throws IOException {
            this.prompt = prompt;
            this.terminal = org.jline.terminal.TerminalBuilder.builder().system(true).build();
            this.reader = org.jline.reader.LineReaderBuilder.builder()
                    .terminal(terminal)
                    .variable(org.jline.reader.LineReader.HISTORY_FILE,
                            Path.of(System.getProperty("user.home"), ".aioj_history"))
                    .option(org.jline.reader.LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
        }

        @Override
        public String next() {
            try {
                return reader.readLine(prompt.get());
            } catch (org.jline.reader.UserInterruptException | org.jline.reader.EndOfFileException e) {
                return null;
            }
        }

        @Override
        public void close() throws IOException {
            reader.getHistory().save();
            terminal.close();
        }
    }
}

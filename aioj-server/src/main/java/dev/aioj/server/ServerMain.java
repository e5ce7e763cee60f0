package dev.aioj.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * aioj-server as a program that starts, logs, stops and fails the way
 * redis-server does, for scripts, service managers and test harnesses:
 *
 * <pre>
 * aioj server [/path/to/redis.conf] [--directive value ...] [-]
 * aioj server --version
 * </pre>
 *
 * <p>It reads its configuration like redis-server (a FATAL CONFIG FILE ERROR
 * block on standard error and exit status 1 for what Redis refuses), logs in
 * Redis's line shape ({@link RedisLog}) at {@code loglevel} to standard
 * output or {@code logfile}, writes {@code pidfile}, prints the start banner
 * with the port and PID, says "Ready to accept connections", and shuts down
 * gracefully on SIGTERM or SIGINT (a second SIGINT exits at once), running
 * the final save of {@link ShutdownSequence} first. Exit status: 0 after a
 * shutdown, 1 for a configuration that cannot run or a listener that cannot
 * be opened; {@code --help} prints the usage and exits with 1, as
 * redis-server does.
 *
 * <p>Thread contract: {@link #run} blocks its thread until the server stops.
 */
public final class ServerMain {

    private final Supplier<byte[]> stdin;
    private final PrintStream out;
    private final PrintStream err;
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private ServerConfig config;
    private RedisLog log;
    private RedisServer server;

    private ServerMain(Supplier<byte[]> stdin, PrintStream out, PrintStream err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    /** Runs the server with redis-server's arguments and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the server with redis-server's arguments on this process's
     * standard streams, until it stops.
     *
     * @return the exit status: 0 after a shutdown, 1 when it cannot start
     */
    public static int run(String... args) {
        return new ServerMain(ServerMain::readStandardInput, System.out, System.err).execute(Arrays.asList(args), true);
    }

    /** The same with given streams, and without signal handlers: for tests that check what it prints. */
    static int run(List<String> args, Supplier<byte[]> stdin, PrintStream out, PrintStream err) {
        return new ServerMain(stdin, out, err).execute(args, false);
    }

    /**
     * Everything before the server starts (arguments, configuration, log
     * file): the exit status it would end with there, or -1 when it would go
     * on to start the server. For tests of the refusals.
     */
    static int check(List<String> args, Supplier<byte[]> stdin, PrintStream out, PrintStream err) {
        Integer exit = new ServerMain(stdin, out, err).prepare(args);
        return exit == null ? -1 : exit;
    }

    private static byte[] readStandardInput() {
        try {
            InputStream in = System.in;
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the configuration from standard input", e);
        }
    }

    /** The line {@code --version} prints, in redis-server's shape. */
    static String versionLine() {
        return "aioj-server v=" + ConfigException.REDIS_VERSION + " sha=00000000:0 malloc=jvm bits="
                + System.getProperty("sun.arch.data.model", "64") + " build=" + RedisServer.VERSION
                + " java=" + Runtime.version().feature();
    }

    private int execute(List<String> args, boolean handleSignals) {
        Integer exit = prepare(args);
        return exit != null ? exit : serve(config, args.isEmpty(), handleSignals);
    }

    /** Reads the arguments and the configuration and opens the log: an exit status, or null to serve. */
    private Integer prepare(List<String> args) {
        ServerArgs parsed;
        try {
            parsed = ServerArgs.parse(args);
            switch (parsed.action()) {
                case VERSION -> {
                    out.println(versionLine());
                    return 0;
                }
                case HELP -> {
                    err.print(ServerUsage.TEXT);
                    return 1;
                }
                case TEST_MEMORY -> {
                    err.println("--test-memory is redis-server's RAM test; aioj-server does not have it.");
                    return 1;
                }
                case CHECK_SYSTEM -> {
                    out.println("aioj-server needs no kernel settings checked (no fork, no transparent huge pages).");
                    return 0;
                }
                case RUN -> { }
            }
            if (parsed.configFromStdin()) {
                RedisLog.console(out).log(RedisLog.Level.WARNING, "Reading config from stdin");
            }
            config = ServerConfig.builder().load(parsed, stdin).build();
        } catch (ConfigException e) {
            if (e.cannotOpen()) {
                RedisLog.console(out).log(RedisLog.Level.WARNING, e.redisReport());
            } else {
                err.print(e.redisReport());
            }
            return 1;
        }
        try {
            String logfile = config.get("logfile");
            log = RedisLog.open(out, logfile.isEmpty() ? null : config.values().resolve(logfile),
                    RedisLog.Level.named(config.get("loglevel")));
        } catch (IOException e) {
            err.print(ConfigException.general("Can't open the log file: " + ConfigRewrite.strerror(e)).redisReport());
            return 1;
        }
        return null;
    }

    private int serve(ServerConfig config, boolean noArguments, boolean handleSignals) {
        if (logging()) {
            RedisLogHandler.install(log);
        }
        log.log(RedisLog.Level.WARNING, "oO0OoO0OoO0Oo aioj-server is starting oO0OoO0OoO0Oo");
        log.log(RedisLog.Level.WARNING, "aioj-server version=" + RedisServer.VERSION + ", redis_version="
                + ConfigException.REDIS_VERSION + ", java=" + Runtime.version() + ", pid="
                + ProcessHandle.current().pid() + ", just started");
        log.log(RedisLog.Level.WARNING, noArguments
                ? "Warning: no config file specified, using the default config. In order to specify a config file "
                        + "use aioj server /path/to/redis.conf"
                : "Configuration loaded");
        logIgnoredDirectives(config);
        try {
            server = RedisServer.start(config);
        } catch (ListenFailure e) {
            log.serverInitialized();
            log.log(RedisLog.Level.WARNING, e.redisLine());
            return 1;
        } catch (ConfigException e) {
            log.serverInitialized();
            log.log(RedisLog.Level.WARNING, e.reason());
            return 1;
        } catch (UncheckedIOException e) {
            log.serverInitialized();
            log.log(RedisLog.Level.WARNING, e.getMessage());
            return 1;
        }
        log.serverInitialized();
        server.onLoop(() -> server.state().logLevelListener = level -> {
            log.level(level);
            if (logging()) {
                RedisLogHandler.follow(log);
            }
        });
        Path pidfile = writePidFile(config);
        ServerBanner.print(log, config, server);
        log.log(RedisLog.Level.WARNING, "Server initialized");
        if (server.port() > 0 || server.tlsPort() > 0) {
            log.log(RedisLog.Level.NOTICE, "Ready to accept connections");
        }
        if (server.unixSocket() != null) {
            log.log(RedisLog.Level.NOTICE, "The server is now ready to accept connections at " + server.unixSocket());
        }
        if (handleSignals) {
            ProcessSignals.install(this::onSignal, server.waitClosed());
        }
        server.waitClosed().join();
        if (pidfile != null) {
            log.log(RedisLog.Level.NOTICE, "Removing the pid file.");
            try {
                Files.deleteIfExists(pidfile);
            } catch (IOException e) {
                log.log(RedisLog.Level.WARNING, "Failed to remove the pid file " + pidfile + ": " + e.getMessage());
            }
        }
        if (config.unixSocket() != null) {
            log.log(RedisLog.Level.NOTICE, "Removing the unix socket file.");
        }
        log.log(RedisLog.Level.WARNING, "aioj-server is now ready to exit, bye bye...");
        return 0;
    }

    /** Whether java.util.logging is here to route the engine's log lines (it is, outside a minimal runtime). */
    private static boolean logging() {
        return ModuleLayer.boot().findModule("java.logging").isPresent();
    }

    /** Logs once each directive set away from its default that aioj-server does not act on. */
    private void logIgnoredDirectives(ServerConfig config) {
        ConfigValues values = config.values();
        for (Directive d : values.changed()) {
            if (!d.honoured()) {
                String value = d.is(Directive.SENSITIVE) ? "(hidden)" : d.format(values.get(d));
                log.log(RedisLog.Level.WARNING, "Directive '" + d.name() + " " + value
                        + "' is accepted but not honoured by aioj-server: " + d.note());
            }
        }
    }

    /** Writes the PID to {@code pidfile}; like Redis, a failure is logged and the server runs on. */
    private Path writePidFile(ServerConfig config) {
        String name = config.get("pidfile");
        if (name.isEmpty()) {
            return null;
        }
        Path pidfile = config.values().resolve(name);
        try {
            Files.writeString(pidfile, ProcessHandle.current().pid() + "\n");
            return pidfile;
        } catch (IOException e) {
            log.log(RedisLog.Level.WARNING, "Failed to write PID file: " + ConfigRewrite.strerror(e));
            return null;
        }
    }

    /** SIGTERM or SIGINT: shut down with shutdown-on-sigterm/-sigint's flags; a second SIGINT exits at once. */
    private void onSignal(String signal) {
        if (signal.equals("SIGINT") && !shuttingDown.compareAndSet(false, true)) {
            log.log(RedisLog.Level.WARNING, "You insist... exiting now.");
            Runtime.getRuntime().halt(1);
        }
        shuttingDown.set(true);
        log.fromSignalHandler("Received " + signal + " scheduling shutdown...");
        try {
            server.loop().execute(() -> {
                Directive d = signal.equals("SIGINT") ? GeneralDirectives.SHUTDOWN_ON_SIGINT
                        : GeneralDirectives.SHUTDOWN_ON_SIGTERM;
                if (!ShutdownSequence.shutdown(server.state(), server.state().live.choice(d))) {
                    shuttingDown.set(false); // Redis cancels the shutdown and goes on serving
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // already stopping
        }
    }
}

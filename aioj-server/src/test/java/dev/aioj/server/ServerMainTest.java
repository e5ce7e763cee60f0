package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aioj server} behaves as a redis-server process: Redis's log line
 * shape, the pid file, the log file and level, the banner, the list of
 * accepted-but-ignored directives, graceful shutdown on SIGTERM (final save
 * hook first) and on SHUTDOWN, and Redis's exit statuses.
 */
class ServerMainTest {

    /** pid:role dd Mon yyyy HH:mm:ss.mmm mark message, as redis-server's serverLogRaw writes it. */
    private static final Pattern REDIS_LOG_LINE =
            Pattern.compile("^\\d+:[CM] \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d{3} [.\\-*#] .+");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void startsLogsAndStopsGracefullyOnSigtermAsRedisServerDoes() throws Exception {
        int port = ServerProcess.freePort();
        Path log = dir.resolve("aioj.log");
        try (ServerProcess p = ServerProcess.start(dir, List.of("--port", Integer.toString(port),
                "--unixsocket", "aioj.sock", "--unixsocketperm", "700", "--pidfile", "aioj.pid",
                "--always-show-logo", "yes", "--save", "60 1", "--maxmemory", "10mb", "--logfile", "aioj.log"))) {
            awaitInFile(log, "The server is now ready to accept connections at " + dir.resolve("aioj.sock"));
            assertThat(Files.readString(dir.resolve("aioj.pid")).strip()).isEqualTo(Long.toString(p.pid()));
            assertThat(Files.getPosixFilePermissions(dir.resolve("aioj.sock"))).isEqualTo(Listeners.posix(0700));
            try (RespConnection c = new RespConnection(port)) {
                assertThat(c.call("SET", "k", "v")).isEqualTo("+OK\r\n");
            }
            p.signal("TERM");
            assertThat(p.awaitExit(WAIT)).as("exit status after SIGTERM").isZero();
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).filteredOn(l -> !l.isEmpty() && Character.isDigit(l.charAt(0)) && !l.contains("signal-handler"))
                .allMatch(l -> REDIS_LOG_LINE.matcher(l).matches());
        String text = String.join("\n", lines);
        assertThat(text).contains("Port: " + port).contains("PID: ")
                .contains("# Configuration loaded")
                .contains("* Ready to accept connections")
                .contains(":signal-handler (").contains("Received SIGTERM scheduling shutdown...")
                .contains("# User requested shutdown...")
                .contains("* Saving the final RDB snapshot before exiting.")
                .contains("* Removing the pid file.")
                .contains("* Removing the unix socket file.")
                .contains("# aioj-server is now ready to exit, bye bye...");
        assertThat(lines).filteredOn(l -> l.contains("Directive 'maxmemory 10485760' is accepted but not honoured"))
                .as("an ignored directive is logged once").hasSize(1);
        assertThat(dir.resolve("aioj.pid")).doesNotExist();
        assertThat(dir.resolve("aioj.sock")).doesNotExist();
    }

    @Test
    void shutdownFromAClientExitsWithZeroAndLogLevelChangesAtRunTime() throws Exception {
        try (ServerProcess p = ServerProcess.startOnFreePort(free -> ServerProcess.start(dir, List.of("--port",
                Integer.toString(free), "--pidfile", dir.resolve("p.pid").toString())), WAIT)) {
            int port = p.port();
            assertThat(p.output()).anyMatch(l -> l.endsWith("* Running mode=standalone, port=" + port + "."));
            try (RespConnection c = new RespConnection(port)) {
                assertThat(c.call("CONFIG", "SET", "loglevel", "warning")).isEqualTo("+OK\r\n");
                c.send("SHUTDOWN");
                assertThat(c.drainUntilClosed()).isTrue();
            }
            assertThat(p.awaitExit(WAIT)).isZero();
            assertThat(p.output()).anyMatch(l -> l.endsWith("# User requested shutdown..."))
                    .noneMatch(l -> l.contains("Removing the pid file.")); // a notice line, below warning now
        }
    }

    @Test
    void aPortInUseIsLoggedAsRedisDoesAndExitsWithOne() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress());
                ServerProcess p = ServerProcess.start(dir, List.of("--port", Integer.toString(taken.getLocalPort())))) {
            assertThat(p.awaitExit(WAIT)).isEqualTo(1);
            assertThat(p.output()).anyMatch(l -> l.matches(".*# Warning: Could not create server TCP listening "
                    + "socket 127\\.0\\.0\\.1:" + taken.getLocalPort() + ": .*"))
                    .anyMatch(l -> l.endsWith("# Failed listening on port " + taken.getLocalPort()
                            + " (TCP), aborting."));
        }
    }

    @Test
    void aServerWhosePortWasTakenBeforeItBoundItIsStartedAgainOnAnother() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
            try (ServerProcess p = ServerProcess.startOnFreePort(free -> ServerProcess.start(dir, List.of("--port",
                    Integer.toString(attempts.incrementAndGet() == 1 ? taken.getLocalPort() : free))), WAIT);
                    RespConnection c = new RespConnection(p.port())) {
                assertThat(attempts.get()).isEqualTo(2);
                assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
            }
        }
    }

    @Test
    void noListenerAtAllExitsWithOne() throws Exception {
        try (ServerProcess p = ServerProcess.start(dir, List.of("--port", "0"))) {
            assertThat(p.awaitExit(WAIT)).isEqualTo(1);
            assertThat(p.output()).anyMatch(l -> l.endsWith("# Configured to not listen anywhere, exiting."));
        }
    }

    @Test
    void versionAndHelpAnswerAsRedisServerDoes() {
        Printed version = check("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).matches("aioj-server v=7\\.0\\.15 sha=00000000:0 malloc=jvm bits=64 build=\\S+ "
                + "java=\\d+\n");
        assertThat(check("-v").out()).isEqualTo(version.out());
        Printed help = check("--help");
        assertThat(help.exit()).as("redis-server --help exits with 1").isEqualTo(1);
        assertThat(help.err()).startsWith("Usage: aioj server [/path/to/redis.conf] [options] [-]\n");
        assertThat(check("--port", "1", "--version").err()).contains(">>> 'version'")
                .as("--version counts only first, as in redis-server");
    }

    @Test
    void aLogFileThatCannotBeOpenedIsAFatalConfigError() {
        Printed p = check("--logfile", dir.resolve("no/such/dir/aioj.log").toString());
        assertThat(p.exit()).isEqualTo(1);
        assertThat(p.err()).isEqualTo("\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\n"
                + "Can't open the log file: No such file or directory\n");
    }

    @Test
    void aGoodConfigurationGoesOnToStart() {
        assertThat(check("--port", "0", "--unixsocket", dir.resolve("s.sock").toString()).exit()).isEqualTo(-1);
    }

    private record Printed(int exit, String out, String err) {}

    private static Printed check(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ServerMain.check(List.of(args), () -> new byte[0], new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Printed(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Waits for a line in a log file, by watching the file change (bounded). */
    private static void awaitInFile(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (var watcher = file.getFileSystem().newWatchService()) {
            file.getParent().register(watcher, java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY,
                    java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
            while (!(Files.exists(file) && Files.readString(file).contains(text))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no '" + text + "' in " + file + ":\n"
                            + (Files.exists(file) ? Files.readString(file) : "(no file)"));
                }
                var key = watcher.poll(Math.min(left, 500_000_000L), java.util.concurrent.TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
    }
}

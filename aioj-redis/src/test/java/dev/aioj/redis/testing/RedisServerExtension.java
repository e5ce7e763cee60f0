package dev.aioj.redis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} for one test class, on a free loopback port:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final RedisServerExtension redis = RedisServerExtension.builder().unixSocket().build();
 *
 * &#64;Test void pings() {
 *     try (RawRedisConnection connection = redis.connect()) {
 *         assertThat(connection.call("PING")).isEqualTo(RespValue.Simple.PONG);
 *     }
 * }
 * </pre>
 *
 * <p>Before the class's first test it finds the binary ({@link RedisBinary}:
 * {@code REDIS_SERVER}, the {@code PATH}, the embedded one), writes a config
 * into a fresh temp folder (bind 127.0.0.1, {@code save ""},
 * {@code appendonly no}, that folder as {@code dir}), starts the server and
 * waits, with a deadline, for it to log that it is ready and to answer PING;
 * after the class it stops the server and deletes the folder. Options:
 * {@link Builder#args extra arguments} (e.g. {@code --requirepass}),
 * {@link Builder#config config lines} (e.g. ACL {@code user} lines), a
 * {@link Builder#unixSocket unix socket}, {@link Builder#tls TLS} with
 * generated certificates, and the {@link Builder#enableDebugCommand DEBUG
 * command}.
 *
 * <p>Should the test JVM die without closing it (a crash, a SIGKILL), a
 * {@link ProcessGuard} watchdog kills the server by PID and removes its folder.
 *
 * <p>Register it on a {@code static} field: it is a per-class resource. It
 * also works without JUnit: {@link #start()} and {@link #close()}.
 *
 * <p>Other modules get it from aioj-redis's test-jar, plus
 * {@code com.github.codemonstur:embedded-redis} (test scope, managed in the
 * parent POM) for machines without redis-server.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RedisServerExtension.class.getName());
    private static final String HOST = RedisConfigFile.HOST;
    private static final int START_ATTEMPTS = 3;
    /** Socket reads in tests give up after this, so a missing reply fails the test instead of hanging it. */
    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;

    private final List<String> args;
    private final List<String> configLines;
    private final boolean unixSocket;
    private final boolean tls;
    private final String tlsServerName;
    private final boolean debugCommand;
    private final Duration startTimeout;
    private final String password;

    private final Harness.ClassScope scope = new Harness.ClassScope();
    private RedisBinary binary;
    private String version;
    private Path dir;
    private RedisServerProcess process;
    private ProcessGuard guard; // kills the server by PID if the JVM dies without closing it
    private volatile long guardedPid;
    private int port;
    private int tlsPort;
    private TlsMaterial tlsMaterial;
    private String tlsUnsupportedReason;

    private RedisServerExtension(Builder builder) {
        this.args = List.copyOf(builder.args);
        this.configLines = List.copyOf(builder.configLines);
        this.unixSocket = builder.unixSocket;
        this.tls = builder.tls;
        this.tlsServerName = builder.tlsServerName;
        this.debugCommand = builder.debugCommand;
        this.startTimeout = builder.startTimeout;
        this.password = builder.password;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of the server; every one is optional. */
    public static final class Builder {
        private final List<String> args = new ArrayList<>();
        private final List<String> configLines = new ArrayList<>();
        private boolean unixSocket;
        private boolean tls;
        private String tlsServerName = "localhost";
        private boolean debugCommand;
        private Duration startTimeout = Duration.ofSeconds(15);
        private String password;

        private Builder() {}

        /** Command-line arguments after the config file, e.g. {@code "--maxmemory", "10mb"}; they override it. */
        public Builder args(String... args) {
            this.args.addAll(List.of(args));
            return this;
        }

        /** Lines for the config file, e.g. {@code "user alice on >secret ~* +@all"}. */
        public Builder config(String... lines) {
            this.configLines.addAll(List.of(lines));
            return this;
        }

        /** {@code requirepass}; {@link #flushAll} then authenticates with it. */
        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** Also listen on a unix domain socket in the server's temp folder: {@link #unixSocket()}. */
        public Builder unixSocket() {
            this.unixSocket = true;
            return this;
        }

        /**
         * Also listen with TLS on a second port, with a generated CA, server and
         * client certificate (clients may present theirs: {@code tls-auth-clients
         * optional}). If the binary cannot do TLS the server runs without it and
         * {@link RedisServerExtension#tlsSupported()} says so.
         */
        public Builder tls() {
            this.tls = true;
            return this;
        }

        /**
         * Like {@link #tls()}, with a server certificate for {@code serverName}
         * only (no 127.0.0.1 in it): for tests of host name verification.
         */
        public Builder tls(String serverName) {
            this.tls = true;
            this.tlsServerName = Objects.requireNonNull(serverName, "serverName");
            return this;
        }

        /** Allow DEBUG (needed from Redis 7 on, e.g. for {@code DEBUG PROTOCOL}); ignored before 7. */
        public Builder enableDebugCommand() {
            this.debugCommand = true;
            return this;
        }

        /** How long to wait for the server to be ready (default 15 s). */
        public Builder startTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout <= 0: " + timeout);
            this.startTimeout = timeout;
            return this;
        }

        public RedisServerExtension build() {
            return new RedisServerExtension(this);
        }
    }

    // ---- JUnit ----------------------------------------------------------------------------

    @Override
    public void beforeAll(ExtensionContext context) {
        scope.beforeAll(context, this::start);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        scope.afterAll(context, this::close); // nested classes inherit the extension: only its class stops it
    }

    // ---- lifecycle ------------------------------------------------------------------------

    /** Starts the server if it is not running; returns when it answers PING. */
    public synchronized void start() {
        if (process != null) return;
        binary = RedisBinary.locate();
        version = binary.version();
        try {
            dir = Files.createTempDirectory("aioj-redis-");
            if (tls) tlsMaterial = TlsMaterial.generate(dir, tlsServerName);
            boolean withTls = tls;
            IllegalStateException failure = null;
            for (int attempt = 1; attempt <= START_ATTEMPTS && process == null; attempt++) {
                port = Harness.freePort();
                tlsPort = withTls ? Harness.freePort() : 0;
                Path config = writeConfig(withTls);
                RedisServerProcess candidate = RedisServerProcess.start(binary.path(), config, args);
                if (guard == null) {
                    guard = new ProcessGuard(dir, "stop-redis-server", () -> guardedPid == 0 ? List.of()
                            : List.of(guardedPid));
                }
                guardedPid = candidate.pid();
                guard.update(List.of(guardedPid));
                try {
                    candidate.awaitReady(startTimeout);
                    process = candidate;
                } catch (IllegalStateException e) {
                    candidate.close();
                    failure = e;
                    if (withTls && !String.join("\n", candidate.log()).contains("Address already in use")) {
                        // Perhaps a build without TLS: go on without it, and say why.
                        tlsUnsupportedReason = "redis-server " + version + " did not start with TLS: " + e.getMessage();
                        withTls = false;
                        tlsPort = 0;
                    }
                }
            }
            if (process == null) throw failure;
            pingOverPlainTcp();
            if (withTls) probeTls();
            LOG.log(System.Logger.Level.DEBUG, () -> "redis-server " + version + " (" + binary.source() + ") pid "
                    + process.pid() + " on " + HOST + ":" + port + (tlsSupported() ? ", TLS on " + tlsPort : ""));
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Stops the server and deletes its folder; a no-op if it is not running. */
    @Override
    public synchronized void close() {
        if (process != null) {
            process.close();
            process = null;
        }
        if (guard != null) {
            guard.close();
            guard = null;
            guardedPid = 0;
        }
        if (dir != null) {
            Harness.deleteRecursively(dir);
            dir = null;
        }
    }

    /**
     * Kills the server with SIGKILL by its PID, as a crash or the OOM killer
     * would: clients see their connections vanish mid-reply. The port and the
     * folder are kept for {@link #restart}.
     *
     * @return the PID killed
     */
    public synchronized long kill() {
        requireStarted();
        long pid = process.pid();
        process.kill();
        process = null;
        return pid;
    }

    /**
     * Starts the server again after {@link #kill}, on the same port(s) and with
     * the same config, plus {@code extraArgs} (e.g. {@code "--requirepass",
     * "other"}). Returns when it logged it is ready.
     *
     * @return {@link System#nanoTime()} at the moment the server logged it was
     *     ready, the start of a client's reconnect time
     */
    public synchronized long restart(String... extraArgs) {
        if (process != null) throw new IllegalStateException("redis-server is running: kill() it first");
        if (dir == null) throw new IllegalStateException("never started: call start()");
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(extraArgs));
        try {
            Path config = writeConfig(tlsPort != 0);
            RedisServerProcess candidate = RedisServerProcess.start(binary.path(), config, all);
            try {
                candidate.awaitReady(startTimeout);
            } catch (IllegalStateException e) {
                candidate.close();
                throw e;
            }
            process = candidate;
            return candidate.readyNanos();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PID of the running server. */
    public synchronized long pid() {
        requireStarted();
        return process.pid();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    // ---- what tests use -------------------------------------------------------------------

    public String host() {
        return HOST;
    }

    public int port() {
        requireStarted();
        return port;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(HOST, port());
    }

    /** {@code redis://127.0.0.1:port}. */
    public String uri() {
        return "redis://" + HOST + ":" + port();
    }

    /** The server's version, such as {@code "7.2.4"}. */
    public String version() {
        requireStarted();
        return version;
    }

    /** Whether the server's version is at least {@code major.minor}. */
    public boolean versionAtLeast(int major, int minor) {
        String[] parts = version().split("\\.");
        int actualMajor = Integer.parseInt(parts[0]);
        return actualMajor > major || (actualMajor == major && Integer.parseInt(parts[1]) >= minor);
    }

    /** Which binary runs and where it was found. */
    public RedisBinary binary() {
        requireStarted();
        return binary;
    }

    /** The unix domain socket's path; requires {@link Builder#unixSocket()}. */
    public Path unixSocket() {
        requireStarted();
        if (!unixSocket) throw new IllegalStateException("built without unixSocket()");
        return dir.resolve(RedisConfigFile.SOCKET_NAME);
    }

    /** Whether the TLS port is up and a TLS handshake with it worked; false if not built with {@link Builder#tls()}. */
    public boolean tlsSupported() {
        requireStarted();
        return tlsPort != 0;
    }

    /** Why {@link #tlsSupported()} is false, for {@code assumeTrue(redis.tlsSupported(), redis.tlsUnsupportedReason())}. */
    public String tlsUnsupportedReason() {
        if (!tls) return "the test server was built without tls()";
        return tlsUnsupportedReason;
    }

    /** The TLS port; requires {@link #tlsSupported()}. */
    public int tlsPort() {
        if (!tlsSupported()) throw new IllegalStateException("no TLS: " + tlsUnsupportedReason());
        return tlsPort;
    }

    /** The generated certificates and a client {@code SSLContext}; requires {@link Builder#tls()}. */
    public TlsMaterial tlsMaterial() {
        requireStarted();
        if (tlsMaterial == null) throw new IllegalStateException("built without tls()");
        return tlsMaterial;
    }

    /** A new plain TCP socket to the server (read timeout 10 s); the caller closes it. */
    public Socket socket() {
        try {
            Socket socket = new Socket(HOST, port());
            socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new TLS socket to the TLS port, handshake done, presenting the client certificate; the caller closes it. */
    public SSLSocket tlsSocket() {
        int tlsPort = tlsPort();
        try {
            SSLSocket socket = (SSLSocket) tlsMaterial.clientContext().getSocketFactory().createSocket(HOST, tlsPort);
            socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            socket.startHandshake();
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new blocking channel on the unix domain socket; the caller closes it. */
    public SocketChannel unixSocketChannel() {
        try {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(unixSocket()));
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A RESP connection over a new plain TCP socket. */
    public RawRedisConnection connect() {
        return RawRedisConnection.over(socket());
    }

    /** Empties every database (authenticating first if built with {@link Builder#password}). */
    public void flushAll() {
        try (RawRedisConnection connection = connect()) {
            if (password != null) connection.call("AUTH", password);
            connection.call("FLUSHALL");
        }
    }

    /** The last lines the server logged, for failure messages. */
    public List<String> log() {
        requireStarted();
        return process.log();
    }

    // ---- internals ------------------------------------------------------------------------

    private void requireStarted() {
        if (process == null) {
            throw new IllegalStateException("redis-server is not running: register the extension on a static field"
                    + " with @RegisterExtension, or call start()");
        }
    }

    private Path writeConfig(boolean withTls) throws IOException {
        boolean debug = debugCommand && Integer.parseInt(version.substring(0, version.indexOf('.'))) >= 7;
        return new RedisConfigFile(dir, port, password, unixSocket, withTls ? tlsMaterial : null, tlsPort, debug,
                configLines).write();
    }

    private void pingOverPlainTcp() {
        try (RawRedisConnection connection = connect()) {
            // PONG, or NOAUTH with requirepass: either way the server answers RESP.
            connection.call("PING");
        } catch (RuntimeException e) {
            throw new IllegalStateException("redis-server logged ready but did not answer PING on port " + port, e);
        }
    }

    private void probeTls() {
        try (RawRedisConnection connection = RawRedisConnection.over(tlsSocket())) {
            connection.call("PING");
        } catch (RuntimeException e) {
            tlsUnsupportedReason = "redis-server " + version + " (" + binary.path() + ") did not complete a TLS PING: " + e;
            tlsPort = 0;
        }
    }

}

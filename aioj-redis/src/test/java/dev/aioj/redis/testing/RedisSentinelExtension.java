package dev.aioj.redis.testing;

import dev.aioj.redis.resp.RespValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A primary, one replica and three Sentinels watching them as {@code
 * mymaster} (quorum 2, {@code down-after-milliseconds 1000}), every process a
 * {@code redis-server} (the Sentinels started with {@code --sentinel}) on
 * free loopback ports, each in its own folder. Ready once every Sentinel
 * knows the replica and the other two Sentinels, so a failover can happen.
 * An instance whose port was taken between choosing it and binding it (other
 * tests run meanwhile) is started again on another port.
 * Processes are stopped by PID after the class, by a shutdown hook, and by a
 * watchdog shell process if the JVM dies without running hooks (as in {@link
 * RedisClusterExtension}).
 */
public final class RedisSentinelExtension implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** The name the Sentinels monitor the primary under. */
    public static final String MASTER_NAME = "mymaster";

    private static final String HOST = RedisConfigFile.HOST;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Attempts at an instance when a free port was taken before its process bound it (other tests run meanwhile). */
    private static final int START_ATTEMPTS = 3;

    private final Harness.ClassScope scope = new Harness.ClassScope();
    private final Ports ports;
    private RedisBinary binary;
    private Path root;
    private ProcessGuard guard;
    private final List<Instance> servers = new ArrayList<>();
    private final List<Instance> sentinels = new ArrayList<>();

    /** One process: a data node or a Sentinel. */
    public static final class Instance {
        private final int port;
        private final Path dir;
        private volatile RedisServerProcess process;

        private Instance(int port, Path dir) {
            this.port = port;
            this.dir = dir;
        }

        public int port() {
            return port;
        }

        public String endpoint() {
            return HOST + ":" + port;
        }

        public boolean isAlive() {
            RedisServerProcess p = process;
            return p != null && p.isAlive();
        }

        @Override
        public String toString() {
            return endpoint() + (isAlive() ? "" : " (down)");
        }
    }

    public RedisSentinelExtension() {
        this(Harness::freePort);
    }

    /** With {@code ports} as the source of free ports: a test of the harness hands out a taken one. */
    RedisSentinelExtension(Ports ports) {
        this.ports = ports;
    }

    /** Where each instance's port comes from. */
    @FunctionalInterface
    interface Ports {
        int next() throws IOException;
    }

    /** Writes an instance's configuration file for its port. */
    @FunctionalInterface
    private interface Config {
        Path write(Instance instance) throws IOException;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        scope.beforeAll(context, this::start);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        scope.afterAll(context, this::close); // nested classes inherit the extension: only its class stops it
    }

    public synchronized void start() {
        if (!servers.isEmpty()) return;
        binary = RedisBinary.locate();
        try {
            root = Files.createTempDirectory("aioj-redis-sentinel-");
            guard = new ProcessGuard(root, "stop-redis-sentinel", this::pids);
            Instance primary = startServer("primary", List.of());
            Instance replica = startServer("replica", List.of("replicaof " + HOST + " " + primary.port));
            for (int i = 0; i < 3; i++) {
                start("sentinel-" + i, sentinels, sentinel -> Files.write(sentinel.dir.resolve("sentinel.conf"),
                        List.of(
                        "bind " + HOST,
                        "port " + sentinel.port,
                        "daemonize no",
                        "logfile \"\"",
                        "dir " + RedisConfigFile.quote(sentinel.dir),
                        "sentinel monitor " + MASTER_NAME + " " + HOST + " " + primary.port + " 2",
                        "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                        "sentinel failover-timeout " + MASTER_NAME + " 5000",
                        "sentinel parallel-syncs " + MASTER_NAME + " 1"), StandardCharsets.UTF_8),
                        List.of("--sentinel"), RedisServerProcess.SENTINEL_READY_LINE);
            }
            awaitCondition("the replica to sync and every Sentinel to know the replica and its peers", () -> {
                if (!text(call(replica, "INFO", "replication")).contains("master_link_status:up")) return false;
                for (Instance sentinel : sentinels) {
                    RespValue master = call(sentinel, "SENTINEL", "MASTER", MASTER_NAME);
                    if (!(master instanceof RespValue.Array a)) return false;
                    String flat = a.elements().stream().map(RedisSentinelExtension::textOrEmpty)
                            .collect(Collectors.joining(" "));
                    if (!flat.contains("num-slaves 1") || !flat.contains("num-other-sentinels 2")) return false;
                }
                return true;
            });
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private Instance startServer(String name, List<String> extra) throws IOException {
        return start(name, servers, instance -> new RedisConfigFile(instance.dir, instance.port, null, false, null, 0,
                false, extra).write(), List.of(), RedisServerProcess.READY_LINE);
    }

    /**
     * Starts instance {@code name} on a free port and adds it to {@code into}
     * once ready. On "Address already in use" (a port found free was taken by
     * another process before this one bound it) it is tried again on another
     * port, as {@link RedisClusterExtension} does for its nodes.
     */
    private Instance start(String name, List<Instance> into, Config config, List<String> args, String readyLine)
            throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        for (int attempt = 1; ; attempt++) {
            Instance instance = new Instance(ports.next(), dir);
            into.add(instance); // its PID goes to the guard from now on
            instance.process = RedisServerProcess.start(binary.path(), config.write(instance), args, readyLine);
            writePids();
            try {
                instance.process.awaitReady(TIMEOUT);
                return instance;
            } catch (IllegalStateException e) {
                boolean portTaken = String.valueOf(e.getMessage()).contains("Address already in use");
                if (!portTaken || attempt == START_ATTEMPTS) throw e;
                instance.process.close();
                into.remove(instance);
                writePids();
            }
        }
    }

    private synchronized void writePids() {
        guard.update(pids());
    }

    private List<Long> pids() {
        return all().stream().map(i -> i.process).filter(java.util.Objects::nonNull).map(RedisServerProcess::pid)
                .toList();
    }

    @Override
    public synchronized void close() {
        for (Instance instance : all()) {
            if (instance.process != null) {
                instance.process.close();
                instance.process = null;
            }
        }
        servers.clear();
        sentinels.clear();
        if (guard != null) {
            guard.close();
            guard = null;
        }
        if (root != null) {
            Harness.deleteRecursively(root);
            root = null;
        }
    }

    private List<Instance> all() {
        List<Instance> all = new ArrayList<>(servers);
        all.addAll(sentinels);
        return all;
    }

    // ---- what tests use -------------------------------------------------------------------

    /** {@code redis-sentinel://127.0.0.1:s1,127.0.0.1:s2,127.0.0.1:s3/mymaster}. */
    public String uri() {
        return "redis-sentinel://" + sentinels.stream().map(Instance::endpoint).collect(Collectors.joining(","))
                + "/" + MASTER_NAME;
    }

    /** The primary the harness started (it may no longer be the primary after a failover). */
    public Instance firstPrimary() {
        return servers.get(0);
    }

    /** The replica the harness started. */
    public Instance firstReplica() {
        return servers.get(1);
    }

    public List<Instance> sentinels() {
        return List.copyOf(sentinels);
    }

    /** The primary's port as the first live Sentinel reports it. */
    public int reportedPrimaryPort() {
        for (Instance sentinel : sentinels) {
            if (!sentinel.isAlive()) continue;
            RespValue reply = call(sentinel, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME);
            return Integer.parseInt(text(((RespValue.Array) reply).elements().get(1)));
        }
        throw new IllegalStateException("no live sentinel");
    }

    /** SIGKILL, by PID. */
    public void kill(Instance instance) {
        RedisServerProcess p = instance.process;
        ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(p.pid()).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        p.close();
    }

    /** Waits until the Sentinels report {@code instance} as the primary. */
    public void awaitPrimary(Instance instance, Duration timeout) {
        awaitCondition("the Sentinels to report " + instance + " as the primary", timeout,
                () -> reportedPrimaryPort() == instance.port);
    }

    /** One command on a fresh socket; an error reply is returned, not thrown. */
    public RespValue call(Instance instance, Object... args) {
        try (Socket socket = new Socket(HOST, instance.port)) {
            socket.setSoTimeout(10_000);
            try (RawRedisConnection connection = RawRedisConnection.over(socket)) {
                return connection.call(args);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + instance, e);
        }
    }

    private void awaitCondition(String what, BooleanSupplier condition) {
        awaitCondition(what, TIMEOUT, condition);
    }

    private void awaitCondition(String what, Duration timeout, BooleanSupplier condition) {
        Harness.awaitCondition(what, timeout, condition, null);
    }

    private static String textOrEmpty(RespValue value) {
        return value instanceof RespValue.Bulk || value instanceof RespValue.Simple ? text(value) : "";
    }

    private static String text(RespValue value) {
        return RedisClusterExtension.text(value);
    }
}

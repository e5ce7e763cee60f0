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
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis Cluster for one test class: {@code primaries} primaries with
 * {@code replicas} replicas each (3 + 3 by default), every node a {@code
 * redis-server --cluster-enabled yes} on its own free loopback port (and a
 * free cluster-bus port) in its own folder, with {@code cluster-node-timeout
 * 2000} so a failover takes about 2 s.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final RedisClusterExtension cluster = RedisClusterExtension.builder().build();
 *
 * &#64;Test void routes() {
 *     try (RedisClusterClient client = RedisClusterClient.connect(cluster.uri()).join()) { ... }
 * }
 * </pre>
 *
 * <p>Forming the cluster is what {@code redis-cli --cluster create} does,
 * without needing redis-cli: {@code CLUSTER ADDSLOTSRANGE} on each primary,
 * {@code CLUSTER MEET} from every node to the first, {@code CLUSTER
 * REPLICATE} on the replicas, then waiting, with a deadline, until every node
 * says {@code cluster_state:ok} with all slots covered and every replica's
 * link is up. A cluster has no event to subscribe to, so the waits poll the
 * nodes every 20 ms.
 *
 * <p>Processes: stopped by PID after the class (SIGTERM, then SIGKILL), on
 * JVM exit by a shutdown hook, and, should the JVM die without running hooks
 * (SIGKILL, a crash), by a watchdog shell process that waits for the JVM's
 * PID to go and then kills the nodes by the PIDs it reads from a file.
 *
 * <p>With {@link Builder#tls()} every node also listens for TLS (one
 * generated CA and server certificate for all, see {@link TlsMaterial}) and
 * runs {@code tls-cluster yes} and {@code tls-replication yes}: the cluster
 * bus and replication are TLS, the cluster announces its nodes' TLS ports,
 * and {@link #uri()} names those ports with {@code rediss://}. The harness
 * itself keeps talking to each node's plaintext port.
 *
 * <p>Tests reshape the cluster through it: {@link #kill} (SIGKILL a node),
 * {@link #migrateSlot} (what {@code redis-cli --cluster reshard} does for one
 * slot), {@link #addPrimary}, {@link #restartAll}.
 */
public final class RedisClusterExtension implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private static final String HOST = RedisConfigFile.HOST;
    private static final Duration FORM_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final int primaryCount;
    private final int replicasPerPrimary;
    private final int nodeTimeoutMillis;
    private final String password;
    private final boolean tls;

    private final Harness.ClassScope scope = new Harness.ClassScope();
    private TlsMaterial tlsMaterial;
    private RedisBinary binary;
    private Path root;
    private ProcessGuard guard;
    private final List<Node> nodes = new ArrayList<>();

    /** One redis-server of the cluster. */
    public static final class Node {
        private final int index;
        private final Path dir;
        private final int port;
        private final int busPort;
        private final int tlsPort; // 0: no TLS
        private volatile RedisServerProcess process;
        private volatile String id;

        private Node(int index, Path dir, int port, int busPort, int tlsPort) {
            this.index = index;
            this.dir = dir;
            this.port = port;
            this.busPort = busPort;
            this.tlsPort = tlsPort;
        }

        public int port() {
            return port;
        }

        /** The TLS port; 0 unless the cluster was built with {@link Builder#tls()}. */
        public int tlsPort() {
            return tlsPort;
        }

        /**
         * {@code 127.0.0.1:port}, as the client names nodes: the TLS port in a
         * TLS cluster (the one the cluster announces to TLS clients).
         */
        public String endpoint() {
            return HOST + ":" + (tlsPort != 0 ? tlsPort : port);
        }

        /** The cluster node ID (40 hex characters). */
        public String id() {
            return id;
        }

        public boolean isAlive() {
            RedisServerProcess p = process;
            return p != null && p.isAlive();
        }

        public long pid() {
            return process.pid();
        }

        @Override
        public String toString() {
            return "node " + index + " " + endpoint() + (isAlive() ? "" : " (down)");
        }
    }

    private RedisClusterExtension(Builder builder) {
        this.primaryCount = builder.primaries;
        this.replicasPerPrimary = builder.replicas;
        this.nodeTimeoutMillis = builder.nodeTimeoutMillis;
        this.password = builder.password;
        this.tls = builder.tls;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The shape of the cluster; every option has a default. */
    public static final class Builder {
        private int primaries = 3;
        private int replicas = 1;
        private int nodeTimeoutMillis = 2000;
        private String password;
        private boolean tls;

        private Builder() {}

        /**
         * A TLS port on every node besides the plaintext one, with {@code
         * tls-cluster yes} and {@code tls-replication yes}; certificates from
         * {@link RedisClusterExtension#tlsMaterial()}. Needs a redis-server
         * built with TLS (the Debian and Ubuntu packages are).
         */
        public Builder tls() {
            this.tls = true;
            return this;
        }

        /** {@code requirepass} (and {@code masterauth}) on every node; the harness authenticates its own calls. */
        public Builder password(String password) {
            this.password = java.util.Objects.requireNonNull(password, "password");
            return this;
        }

        /** Primaries sharing the 16384 slots evenly (default 3). */
        public Builder primaries(int primaries) {
            if (primaries < 1) throw new IllegalArgumentException("primaries < 1: " + primaries);
            this.primaries = primaries;
            return this;
        }

        /** Replicas per primary (default 1). */
        public Builder replicasPerPrimary(int replicas) {
            if (replicas < 0) throw new IllegalArgumentException("replicas < 0: " + replicas);
            this.replicas = replicas;
            return this;
        }

        /** {@code cluster-node-timeout} in ms (default 2000): how soon a dead primary is failed over. */
        public Builder nodeTimeoutMillis(int millis) {
            this.nodeTimeoutMillis = millis;
            return this;
        }

        public RedisClusterExtension build() {
            return new RedisClusterExtension(this);
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

    /** Starts the nodes and forms the cluster; returns once every node says {@code cluster_state:ok}. */
    public synchronized void start() {
        if (!nodes.isEmpty()) return;
        binary = RedisBinary.locate();
        String version = binary.version();
        // cluster-port, CLUSTER ADDSLOTSRANGE and CLUSTER SHARDS are Redis 7; the embedded fallback binary is 6.2.
        org.junit.jupiter.api.Assumptions.assumeTrue(Integer.parseInt(version.substring(0, version.indexOf('.'))) >= 7,
                () -> "the cluster tests need redis-server >= 7.0, found " + version + " at " + binary.path());
        try {
            root = Files.createTempDirectory("aioj-redis-cluster-");
            guard = new ProcessGuard(root, "stop-redis-cluster", this::pids);
            if (tls) tlsMaterial = TlsMaterial.generate(Files.createDirectories(root.resolve("tls")));
            int total = primaryCount * (1 + replicasPerPrimary);
            for (int i = 0; i < total; i++) {
                Node node = newNode();
                startProcess(node);
            }
            form();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private Node newNode() throws IOException {
        int index = nodes.size();
        Path dir = Files.createDirectories(root.resolve("node-" + index));
        Node node = new Node(index, dir, Harness.freePort(), Harness.freePort(), tls ? Harness.freePort() : 0);
        nodes.add(node);
        return node;
    }

    private void startProcess(Node node) {
        try {
            List<String> lines = new ArrayList<>(List.of(
                    "cluster-enabled yes",
                    "cluster-config-file nodes.conf",
                    "cluster-node-timeout " + nodeTimeoutMillis,
                    "cluster-port " + node.busPort,
                    "cluster-allow-replica-migration no"));
            if (password != null) lines.add("masterauth " + RedisConfigFile.quote(password));
            if (tls) {
                lines.add("tls-cluster yes");
                lines.add("tls-replication yes");
                // On the bus and in replication a node is the TLS client too: it presents the client certificate
                // (the server one is for server authentication only, which the other node would refuse).
                lines.add("tls-client-cert-file " + RedisConfigFile.quote(tlsMaterial.clientCertificate()));
                lines.add("tls-client-key-file " + RedisConfigFile.quote(tlsMaterial.clientKey()));
            }
            Path config = new RedisConfigFile(node.dir, node.port, password, false, tlsMaterial, node.tlsPort, false,
                    lines).write();
            RedisServerProcess process = RedisServerProcess.start(binary.path(), config, List.of());
            node.process = process;
            writePids();
            try {
                process.awaitReady(START_TIMEOUT);
            } catch (IllegalStateException e) {
                String log = String.join("\n", process.log());
                // A redis-server built without TLS refuses the tls-* directives: skip, saying so, as RedisServerExtension does.
                org.junit.jupiter.api.Assumptions.assumeFalse(tls && log.contains("tls-"),
                        () -> "redis-server " + binary.version() + " did not start with TLS: " + e.getMessage());
                throw e;
            }
            node.id = text(call(node, "CLUSTER", "MYID"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void writePids() {
        guard.update(pids());
    }

    private List<Long> pids() {
        return nodes.stream().map(n -> n.process).filter(java.util.Objects::nonNull).map(RedisServerProcess::pid)
                .toList();
    }

    private void form() {
        List<Node> primaries = primaries0();
        for (int p = 0; p < primaries.size(); p++) {
            int first = p * 16384 / primaries.size();
            int last = (p + 1) * 16384 / primaries.size() - 1;
            checkOk(call(primaries.get(p), "CLUSTER", "ADDSLOTSRANGE", first, last));
        }
        Node seed = nodes.get(0);
        for (Node node : nodes) {
            if (node != seed) checkOk(call(node, "CLUSTER", "MEET", HOST, seed.port, seed.busPort));
        }
        awaitCondition("every node to know all " + nodes.size() + " nodes", () -> {
            for (Node node : nodes) {
                String table = text(call(node, "CLUSTER", "NODES"));
                if (table.lines().count() != nodes.size() || table.contains("handshake") || table.contains("noaddr")) {
                    return false;
                }
            }
            return true;
        });
        for (int r = 0; r < replicasPerPrimary; r++) {
            for (int p = 0; p < primaries.size(); p++) {
                Node replica = nodes.get(primaries.size() * (1 + r) + p);
                checkOk(call(replica, "CLUSTER", "REPLICATE", primaries.get(p).id));
            }
        }
        awaitHealthy();
    }

    private List<Node> primaries0() {
        return nodes.subList(0, primaryCount);
    }

    /**
     * Waits until every live node says {@code cluster_state:ok} with all slots
     * covered, agrees on who owns each slot, and every replica's link to its
     * primary is up.
     */
    public void awaitHealthy() {
        awaitCondition("the cluster to be healthy", this::healthy);
    }

    private boolean healthy() {
        String slots = null;
        for (Node node : liveNodes()) {
            String info = text(call(node, "CLUSTER", "INFO"));
            if (!info.contains("cluster_state:ok") || !info.contains("cluster_slots_ok:16384")) return false;
            String replication = text(call(node, "INFO", "replication"));
            if (replication.contains("role:slave") && !replication.contains("master_link_status:up")) return false;
            String owners = slotOwners(node);
            if (slots != null && !slots.equals(owners)) return false;
            slots = owners;
        }
        return true;
    }

    /** "start-end:port ..." as one node sees the primaries, for comparing nodes' views. */
    private String slotOwners(Node node) {
        List<String> ranges = new ArrayList<>();
        for (RespValue entry : ((RespValue.Array) call(node, "CLUSTER", "SLOTS")).elements()) {
            List<RespValue> e = ((RespValue.Array) entry).elements();
            List<RespValue> primary = ((RespValue.Array) e.get(2)).elements();
            ranges.add(((RespValue.Int) e.get(0)).value() + "-" + ((RespValue.Int) e.get(1)).value() + ":"
                    + ((RespValue.Int) primary.get(1)).value());
        }
        ranges.sort(Comparator.naturalOrder());
        return String.join(" ", ranges);
    }

    /** Stops every node and deletes the folders; a no-op if not running. */
    @Override
    public synchronized void close() {
        for (Node node : nodes) {
            if (node.process != null) {
                node.process.close();
                node.process = null;
            }
        }
        nodes.clear();
        if (guard != null) {
            guard.close();
            guard = null;
        }
        if (root != null) {
            Harness.deleteRecursively(root);
            root = null;
        }
    }

    // ---- what tests use -------------------------------------------------------------------

    /**
     * {@code redis://[:password@]127.0.0.1:p1,127.0.0.1:p2,...}: every node as
     * a seed ({@code rediss://} and the TLS ports in a TLS cluster).
     */
    public String uri() {
        return scheme() + (password == null ? "" : ":" + password + "@") + nodes.stream().map(Node::endpoint).collect(Collectors.joining(","));
    }

    /** {@code redis://127.0.0.1:port} of one node, as a single seed ({@code rediss://} in a TLS cluster). */
    public String uri(Node node) {
        return scheme() + (password == null ? "" : ":" + password + "@") + node.endpoint();
    }

    private String scheme() {
        return tls ? "rediss://" : "redis://";
    }

    /** The certificates of a TLS cluster ({@link Builder#tls()}): its CA is what clients must trust. */
    public TlsMaterial tlsMaterial() {
        if (!tls) throw new IllegalStateException("the cluster was built without tls()");
        return tlsMaterial;
    }

    public synchronized List<Node> nodes() {
        return List.copyOf(nodes);
    }

    public synchronized List<Node> liveNodes() {
        return nodes.stream().filter(Node::isAlive).toList();
    }

    /** The node that owns {@code slot} now, as a live node sees it. */
    public Node ownerOf(int slot) {
        for (Node node : liveNodes()) {
            for (RespValue entry : ((RespValue.Array) call(node, "CLUSTER", "SLOTS")).elements()) {
                List<RespValue> e = ((RespValue.Array) entry).elements();
                if (((RespValue.Int) e.get(0)).value() <= slot && slot <= ((RespValue.Int) e.get(1)).value()) {
                    long port = ((RespValue.Int) ((RespValue.Array) e.get(2)).elements().get(1)).value();
                    return nodes().stream().filter(n -> n.port == port).findFirst().orElseThrow();
                }
            }
            return null;
        }
        throw new IllegalStateException("no live node");
    }

    /** The primaries now, as the first live node sees them. */
    public List<Node> primaries() {
        Set<Long> ports = new HashSet<>();
        Node any = liveNodes().get(0);
        for (RespValue entry : ((RespValue.Array) call(any, "CLUSTER", "SLOTS")).elements()) {
            ports.add(((RespValue.Int) ((RespValue.Array) ((RespValue.Array) entry).elements().get(2)).elements()
                    .get(1)).value());
        }
        return nodes().stream().filter(n -> ports.contains((long) n.port)).toList();
    }

    /** A live replica of {@code primary}. */
    public Node replicaOf(Node primary) {
        for (Node node : liveNodes()) {
            String replication = text(call(node, "INFO", "replication"));
            // With tls-replication yes a replica follows its primary's TLS port.
            if (replication.contains("role:slave") && (replication.contains("master_port:" + primary.port + "\r")
                    || primary.tlsPort != 0 && replication.contains("master_port:" + primary.tlsPort + "\r"))) {
                return node;
            }
        }
        throw new IllegalStateException("no live replica of " + primary);
    }

    /** Sends one command to {@code node} on a fresh socket and returns its reply (an error reply is returned, not thrown). */
    public RespValue call(Node node, Object... args) {
        try (RawRedisConnection connection = connect(node)) {
            return connection.call(args);
        }
    }

    /** A RESP connection to {@code node} (authenticated if the cluster has a password); the caller closes it. */
    public RawRedisConnection connect(Node node) {
        try {
            Socket socket = new Socket(HOST, node.port);
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            RawRedisConnection connection = RawRedisConnection.over(socket);
            if (password != null) connection.call("AUTH", password);
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + node, e);
        }
    }

    /** SIGKILL, by PID: the node vanishes as in a crash (its replica takes over after the node timeout). */
    public void kill(Node node) {
        RedisServerProcess p = node.process;
        ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly);
        try {
            ProcessHandle.of(p.pid()).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        } catch (RuntimeException e) {
            throw new IllegalStateException("node " + node + " did not die", e);
        }
        p.close();
    }

    /** Waits until {@code replica} reports itself a primary (its failover is done). */
    public void awaitPromoted(Node replica, Duration timeout) {
        awaitCondition("node " + replica + " to be promoted", timeout,
                () -> text(call(replica, "INFO", "replication")).contains("role:master"));
    }

    /**
     * Moves {@code slot} with its keys from its owner to {@code to}, as {@code
     * redis-cli --cluster reshard} does: IMPORTING on the target, MIGRATING
     * on the source, MIGRATE the keys in batches of {@code batch} (calling
     * {@code betweenBatches} after each, so a test can interleave), then
     * SETSLOT NODE on every primary.
     */
    public void migrateSlot(int slot, Node to, int batch, Runnable betweenBatches) {
        Node from = ownerOf(slot);
        if (from == to) return;
        checkOk(call(to, "CLUSTER", "SETSLOT", slot, "IMPORTING", from.id));
        checkOk(call(from, "CLUSTER", "SETSLOT", slot, "MIGRATING", to.id));
        while (true) {
            List<RespValue> keys = ((RespValue.Array) call(from, "CLUSTER", "GETKEYSINSLOT", slot, batch)).elements();
            if (keys.isEmpty()) break;
            // With tls-cluster yes, MIGRATE dials the target with TLS: its TLS port.
            List<Object> migrate = new ArrayList<>(List.of("MIGRATE", HOST, to.tlsPort != 0 ? to.tlsPort : to.port, "",
                    0, 10_000, "REPLACE"));
            if (password != null) migrate.addAll(List.of("AUTH", password));
            migrate.add("KEYS");
            for (RespValue key : keys) migrate.add(((RespValue.Bulk) key).bytes());
            checkOk(call(from, migrate.toArray()));
            betweenBatches.run();
        }
        checkOk(call(to, "CLUSTER", "SETSLOT", slot, "NODE", to.id));
        checkOk(call(from, "CLUSTER", "SETSLOT", slot, "NODE", to.id));
        for (Node primary : primaries()) {
            if (primary != from && primary != to) call(primary, "CLUSTER", "SETSLOT", slot, "NODE", to.id);
        }
    }

    /** Starts a new empty node, joins it to the cluster as a primary without slots, and returns it. */
    public synchronized Node addPrimary() {
        try {
            Node node = newNode();
            startProcess(node);
            Node seed = liveNodes().get(0);
            call(node, "CLUSTER", "MEET", HOST, seed.port, seed.busPort);
            awaitCondition("every node to know " + node, () -> {
                for (Node n : liveNodes()) {
                    String table = text(call(n, "CLUSTER", "NODES"));
                    if (!table.contains(node.id) || table.contains("handshake")) return false;
                }
                return text(call(node, "CLUSTER", "INFO")).contains("cluster_state:ok");
            });
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops every node (SIGTERM) and starts them again on the same ports from
     * their nodes.conf (their data is gone: nothing is persisted), then waits
     * until the cluster is healthy.
     */
    public synchronized void restartAll() {
        for (Node node : nodes) {
            if (node.process != null) {
                node.process.close();
                node.process = null;
            }
        }
        for (Node node : nodes) startProcess(node);
        awaitHealthy();
    }

    // ---- internals ------------------------------------------------------------------------

    private void awaitCondition(String what, BooleanSupplier condition) {
        awaitCondition(what, FORM_TIMEOUT, condition);
    }

    private void awaitCondition(String what, Duration timeout, BooleanSupplier condition) {
        Harness.awaitCondition(what, timeout, condition, () -> "nodes: " + nodes());
    }

    private static void checkOk(RespValue reply) {
        if (!(reply instanceof RespValue.Simple s && s.text().equals("OK"))) {
            throw new IllegalStateException("expected OK, got " + reply);
        }
    }

    /** A reply as text: simple and bulk strings, verbatim text (for INFO and CLUSTER NODES in tests). */
    public static String textOf(RespValue value) {
        return text(value);
    }

    /** A reply as text: simple and bulk strings, verbatim text. */
    static String text(RespValue value) {
        return switch (value) {
            case RespValue.Simple s -> s.text();
            case RespValue.Bulk b -> new String(b.bytes(), StandardCharsets.UTF_8);
            case RespValue.Verbatim v -> v.text();
            default -> throw new IllegalStateException("expected text, got " + value);
        };
    }

}

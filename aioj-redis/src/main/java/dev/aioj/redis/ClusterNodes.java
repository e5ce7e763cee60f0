package dev.aioj.redis;

import dev.aioj.loop.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * What a {@link RedisClusterClient} knows of its cluster: the slot → primary
 * table consulted for every command, one {@link NodeConnection} per node, and
 * the topology refresh.
 *
 * <p>Refresh rules (the issue's, and what Lettuce users had to switch on by
 * hand): a refresh is asked for on MOVED, on a lost or refused connection, on
 * CLUSTERDOWN, and optionally every {@code period}; asks are coalesced so at
 * most one refresh starts per {@link #MIN_REFRESH_INTERVAL}. A MOVED reply
 * also updates its one slot at once, so the next command for that slot goes
 * to the right node before the refresh returns. A refresh asks {@code CLUSTER
 * SHARDS} of a known node (falling back to {@code CLUSTER SLOTS} on servers
 * before 7), trying the nodes in turn, seeds last.
 *
 * <p>Thread contract: any thread. The slot table is a plain array read
 * without locks: a reader may see a slot's owner a moment late, which costs
 * at most one more MOVED.
 */
final class ClusterNodes {

    private static final System.Logger LOG = System.getLogger(ClusterNodes.class.getName());

    /** At most one refresh per second, however many MOVED replies or lost connections ask for one. */
    static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(1);

    private final RedisUri template;
    private final RedisOptions options;
    private final List<RedisUri> seeds;
    private final EventLoop loop;
    private final ConcurrentHashMap<String, NodeConnection> connections = new ConcurrentHashMap<>();
    private volatile ClusterTopology topology = new ClusterTopology(List.of());
    private volatile ClusterTopology.Node[] owners = new ClusterTopology.Node[SlotHash.SLOTS];
    /** The connection of each slot's owner, filled on first use: no endpoint string or map lookup per command. */
    private volatile NodeConnection[] ownerConnections = new NodeConnection[SlotHash.SLOTS];
    private volatile List<ClusterTopology.Node> primaries = List.of();
    private volatile ClusterTopology.Shard[] slotShards = new ClusterTopology.Shard[SlotHash.SLOTS];
    private final ReadFrom readFrom;

    private final Object refreshLock = new Object();
    private long lastRefreshStart = System.nanoTime() - TimeUnit.SECONDS.toNanos(10); // guarded by refreshLock
    private boolean refreshPending; // guarded by refreshLock: one started or scheduled
    private volatile boolean closed;
    private volatile long refreshes;
    private final java.util.List<Runnable> topologyListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    ClusterNodes(List<RedisUri> seeds, RedisOptions options, ReadFrom readFrom) {
        this.readFrom = readFrom;
        this.seeds = List.copyOf(seeds);
        this.template = seeds.get(0);
        this.options = options;
        this.loop = options.loop();
    }

    // ---- the slot table -------------------------------------------------------------------

    /** The connection to the primary of {@code slot}, or null if no node owns it. */
    NodeConnection owner(int slot) {
        NodeConnection[] cache = ownerConnections;
        NodeConnection cached = cache[slot];
        if (cached != null && cached.usable()) {
            return cached;
        }
        ClusterTopology.Node node = owners[slot];
        if (node == null) return null;
        NodeConnection connection = connection(node.host(), node.port());
        cache[slot] = connection;
        return connection;
    }

    ReadFrom readFrom() {
        return readFrom;
    }

    /** Whether the node connections report to a {@link RedisObserver}. */
    boolean observed() {
        return options.observer() != null;
    }

    /** The shard serving {@code slot} as of the last refresh, or null. */
    ClusterTopology.Shard shard(int slot) {
        return slotShards[slot];
    }

    /** A healthy replica of {@code slot}'s shard picked at random, or null if it has none. */
    NodeConnection replica(int slot) {
        ClusterTopology.Shard shard = slotShards[slot];
        if (shard == null || shard.replicas().isEmpty()) return null;
        List<ClusterTopology.Node> replicas = shard.replicas();
        int start = ThreadLocalRandom.current().nextInt(replicas.size());
        for (int i = 0; i < replicas.size(); i++) {
            ClusterTopology.Node node = replicas.get((start + i) % replicas.size());
            if (node.healthy()) return connection(node.host(), node.port());
        }
        return null;
    }

    /** A primary picked at random, for commands without keys; null if none is known. */
    NodeConnection anyPrimary() {
        List<ClusterTopology.Node> all = primaries;
        if (all.isEmpty()) return null;
        ClusterTopology.Node node = all.get(ThreadLocalRandom.current().nextInt(all.size()));
        return connection(node.host(), node.port());
    }

    /** A connection to each primary. */
    List<NodeConnection> allPrimaries() {
        List<NodeConnection> all = new ArrayList<>();
        for (ClusterTopology.Node node : primaries) all.add(connection(node.host(), node.port()));
        return all;
    }

    /** MOVED: {@code slot} now lives at {@code host:port}; the table says so at once, and a refresh follows. */
    NodeConnection moved(int slot, String host, int port) {
        NodeConnection connection = connection(host, port);
        if (slot >= 0 && slot < SlotHash.SLOTS) {
            owners[slot] = new ClusterTopology.Node("", host, port, true, true);
            ownerConnections[slot] = connection;
        }
        requestRefresh();
        return connection;
    }

    /** Runs {@code listener} on the loop after each new topology is in use. */
    void onTopology(Runnable listener) {
        topologyListeners.add(listener);
    }

    EventLoop loop() {
        return loop;
    }

    ClusterTopology topology() {
        return topology;
    }

    long refreshes() {
        return refreshes;
    }

    // ---- connections ----------------------------------------------------------------------

    /** The connection to {@code host:port}, opened on first use and re-opened if its first connect failed. */
    NodeConnection connection(String host, int port) {
        String endpoint = host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
        NodeConnection connection = connections.get(endpoint);
        if (connection != null && !connection.failed()) {
            return connection;
        }
        return connections.compute(endpoint, (e, existing) -> existing != null && !existing.failed() ? existing
                : new NodeConnection(uriOf(host, port), options, readFrom != ReadFrom.PRIMARY));
    }

    /** The template URI (credentials, TLS, timeouts, protocol) pointed at another node; clusters have only db 0. */
    private RedisUri uriOf(String host, int port) {
        return new RedisUri(template.tls(), host, port, null, template.user(), template.password(), 0,
                template.timeout(), template.connectTimeout(), template.clientName(), template.protocol());
    }

    // ---- refresh --------------------------------------------------------------------------

    /** Asks for a refresh: starts one now, or once {@link #MIN_REFRESH_INTERVAL} after the last one began. */
    void requestRefresh() {
        long delayNanos;
        synchronized (refreshLock) {
            if (refreshPending || closed) return;
            refreshPending = true;
            delayNanos = lastRefreshStart + MIN_REFRESH_INTERVAL.toNanos() - System.nanoTime();
        }
        if (delayNanos <= 0) {
            loop.execute(this::refreshFromRequest);
        } else {
            loop.callLater(Duration.ofNanos(delayNanos), this::refreshFromRequest);
        }
    }

    private void refreshFromRequest() {
        refresh().whenComplete((t, e) -> {
            if (e != null) LOG.log(System.Logger.Level.DEBUG, () -> "cluster topology refresh failed: " + e);
        });
    }

    /** Reads the topology now (at connect, and from {@link #requestRefresh}). */
    CompletableFuture<ClusterTopology> refresh() {
        synchronized (refreshLock) {
            lastRefreshStart = System.nanoTime();
            refreshPending = true;
        }
        List<String[]> candidates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<ClusterTopology.Node> known = new ArrayList<>(primaries);
        for (ClusterTopology.Shard shard : topology.shards()) known.addAll(shard.replicas());
        java.util.Collections.shuffle(known);
        for (ClusterTopology.Node node : known) {
            if (node.healthy() && seen.add(node.endpoint())) candidates.add(new String[] {node.host(), "" + node.port()});
        }
        for (RedisUri seed : seeds) {
            if (seen.add(seed.endpoint())) candidates.add(new String[] {seed.host(), "" + seed.port()});
        }
        CompletableFuture<ClusterTopology> result = new CompletableFuture<>();
        tryRefresh(candidates, 0, null, result);
        return result.whenComplete((t, e) -> {
            synchronized (refreshLock) {
                refreshPending = false;
            }
        });
    }

    private void tryRefresh(List<String[]> candidates, int index, Throwable last,
            CompletableFuture<ClusterTopology> result) {
        if (index >= candidates.size()) {
            result.completeExceptionally(new RedisConnectionException("no node of the cluster answered CLUSTER SHARDS"
                    + " or CLUSTER SLOTS (tried " + candidates.size() + ")" + (last == null ? ""
                    : "; last: " + last.getMessage()), template.endpoint(), false, last));
            return;
        }
        String host = candidates.get(index)[0];
        int port = Integer.parseInt(candidates.get(index)[1]);
        NodeConnection node = connection(host, port);
        Duration timeout = template.connectTimeout();
        node.command(Reply.OBJECT, new Object[] {"CLUSTER", "SHARDS"}, Codec.STRING, timeout)
                .thenApply(reply -> ClusterTopology.fromShards(reply, host, template.tls()))
                .exceptionallyCompose(e -> unwrap(e) instanceof RedisReplyException
                        ? node.command(Reply.OBJECT, new Object[] {"CLUSTER", "SLOTS"}, Codec.STRING, timeout)
                                .thenApply(reply -> ClusterTopology.fromSlots(reply, host))
                        : CompletableFuture.failedFuture(e))
                .whenComplete((parsed, error) -> {
                    if (error == null && !parsed.shards().isEmpty()) {
                        install(parsed);
                        result.complete(parsed);
                    } else {
                        tryRefresh(candidates, index + 1, error != null ? unwrap(error) : last, result);
                    }
                });
    }

    private void install(ClusterTopology parsed) {
        topology = parsed;
        owners = parsed.slotOwners();
        ownerConnections = new NodeConnection[SlotHash.SLOTS]; // refilled on first use
        ClusterTopology.Shard[] shards = new ClusterTopology.Shard[SlotHash.SLOTS];
        for (ClusterTopology.Shard shard : parsed.shards()) {
            for (int[] range : shard.ranges()) {
                for (int slot = range[0]; slot <= range[1] && slot < SlotHash.SLOTS; slot++) shards[slot] = shard;
            }
        }
        slotShards = shards;
        primaries = parsed.primaries();
        refreshes++;
        for (Runnable listener : topologyListeners) listener.run();
        // Close connections to nodes the cluster forgot (a removed node) or marks failed (a dead primary after its
        // failover: its connection would retry forever); keep every healthy node it lists. A failed node that
        // comes back is connected again on first use.
        Set<String> listed = new HashSet<>();
        for (ClusterTopology.Shard shard : parsed.shards()) {
            if (shard.primary().healthy()) listed.add(shard.primary().endpoint());
            for (ClusterTopology.Node replica : shard.replicas()) {
                if (replica.healthy()) listed.add(replica.endpoint());
            }
        }
        connections.forEach((endpoint, connection) -> {
            if (!listed.contains(endpoint) && connections.remove(endpoint, connection)) {
                connection.close();
            }
        });
    }

    static Throwable unwrap(Throwable e) {
        while ((e instanceof java.util.concurrent.CompletionException
                || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** Closes every node connection. */
    CompletableFuture<Void> close() {
        closed = true;
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        connections.values().forEach(c -> closing.add(c.close()));
        connections.clear();
        return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
    }

    /** The nodes with a connection open now, as host:port. */
    Set<String> connectedEndpoints() {
        return Set.copyOf(connections.keySet());
    }
}

package dev.aioj.redis;

import dev.aioj.loop.EventLoop;
import dev.aioj.loop.TimerHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A client for Redis Cluster with the same {@link RedisCommands} as {@link
 * RedisClient}: every command goes to the node that owns its keys' slot, on
 * that node's one auto-pipelined connection, so callers on any number of
 * threads pipeline into every node at once with no flush calls and no batch
 * API.
 *
 * <pre>{@code
 * try (RedisClusterClient cluster = RedisClusterClient.connect("redis://10.0.0.1:7000,10.0.0.2:7000").join()) {
 *     cluster.set("user:{42}:name", "Ada");                 // to the owner of slot("42")
 *     List<String> both = cluster.mget("a", "b").join();    // split by slot, joined in order
 *     String name = cluster.sync().get("user:{42}:name");   // the blocking view, for virtual threads
 * }
 * }</pre>
 *
 * <p>What happens where (details in {@code docs/redis-cluster.md}): {@link
 * ClusterView} decides where a command goes (slot, split, fan-out, refusal),
 * {@link ClusterRouter} follows MOVED/ASK/TRYAGAIN/CLUSTERDOWN and lost
 * connections, {@link ClusterNodes} holds the slot table, the node
 * connections and the topology refresh.
 *
 * <p>All node connections run on one event loop (the client's own, unless
 * {@link RedisOptions#loop} names one). Node connections fail fast while
 * their node is unreachable, so a command waits for a failover in the router
 * (re-routed after each refresh) rather than in a dead node's queue.
 *
 * <p>Thread contract: any thread.
 */
public final class RedisClusterClient implements RedisCommands<String>, AutoCloseable {

    private final List<RedisUri> seeds;
    private final EventLoop ownLoop; // null if the caller's
    private final ClusterNodes nodes;
    private final ClusterRouter router;
    private final ClusterView<String> view;
    private volatile TimerHandle periodicRefresh;
    private final ShardSubscriptions shardSubscriptions;

    private RedisClusterClient(List<RedisUri> seeds, EventLoop loop, EventLoop ownLoop, ClusterNodes nodes) {
        this.seeds = seeds;
        this.ownLoop = ownLoop;
        this.nodes = nodes;
        this.router = new ClusterRouter(nodes, loop);
        this.view = new ClusterView<>(router, Codec.STRING, seeds.get(0).timeout());
        this.shardSubscriptions = new ShardSubscriptions(nodes);
    }

    /**
     * Connects to the cluster that {@code uris} belongs to: {@code
     * "redis://host:port,host:port"} (options after the last host apply to
     * every node: {@code rediss://user:pass@h1:7000,h2:7000?timeout=2s}).
     */
    public static CompletableFuture<RedisClusterClient> connect(String uris) {
        return connect(seedsOf(uris), RedisOptions.defaults());
    }

    /**
     * {@link #connect(String)} with {@code options} (a TLS cluster's trust:
     * {@code RedisOptions.builder().sslContext(...)}, an observer, ...).
     */
    public static CompletableFuture<RedisClusterClient> connect(String uris, RedisOptions options) {
        return connect(seedsOf(uris), options);
    }

    /**
     * Connects with {@code seeds} (any nodes of the cluster; the first one's
     * credentials, TLS, timeouts and protocol apply to every node) and reads
     * the topology from the first seed that answers. Fails with {@link
     * RedisConnectionException} if none does.
     */
    public static CompletableFuture<RedisClusterClient> connect(List<RedisUri> seeds, RedisOptions options) {
        return connect(seeds, options, ReadFrom.PRIMARY);
    }

    /**
     * {@link #connect(List, RedisOptions)}, with read-only commands sent as
     * {@code readFrom} says (replica connections get READONLY).
     */
    public static CompletableFuture<RedisClusterClient> connect(List<RedisUri> seeds, RedisOptions options,
            ReadFrom readFrom) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(readFrom, "readFrom");
        if (seeds == null || seeds.isEmpty()) throw new IllegalArgumentException("no seed nodes: " + seeds);
        List<RedisUri> seedList = List.copyOf(seeds);
        for (RedisUri seed : seedList) {
            if (seed.host() == null) throw new IllegalArgumentException("a cluster node needs host:port: " + seed);
        }
        EventLoop ownLoop = options.loop() == null ? EventLoop.builder()
                .name("aioj-redis-cluster-" + seedList.get(0).endpoint()).daemon(true).build() : null;
        EventLoop loop = ownLoop != null ? ownLoop : options.loop();
        RedisOptions nodeOptions = options.toBuilder().loop(loop).failFastWhenDisconnected(true).build();
        ClusterNodes nodes = new ClusterNodes(seedList, nodeOptions, readFrom);
        return nodes.refresh()
                .thenApply(topology -> new RedisClusterClient(seedList, loop, ownLoop, nodes))
                .whenComplete((client, error) -> {
                    if (error != null) {
                        nodes.close().whenComplete((v, e) -> {
                            if (ownLoop != null) ownLoop.shutdownGracefully();
                        });
                    }
                });
    }

    /** Parses {@code "redis://[user:pass@]h1:p1,h2:p2[/...][?...]"} into one URI per host. */
    static List<RedisUri> seedsOf(String uris) {
        Objects.requireNonNull(uris, "uris");
        int schemeEnd = uris.indexOf("://");
        if (schemeEnd < 0) throw new IllegalArgumentException("not a URI: " + uris);
        int hostsStart = schemeEnd + 3;
        int at = uris.lastIndexOf('@');
        int rest = indexOfAny(uris, hostsStart, "/?");
        if (at >= hostsStart && (rest < 0 || at < rest)) hostsStart = at + 1;
        String prefix = uris.substring(0, hostsStart);
        String hosts = rest < 0 ? uris.substring(hostsStart) : uris.substring(hostsStart, rest);
        String suffix = rest < 0 ? "" : uris.substring(rest);
        List<RedisUri> seeds = new ArrayList<>();
        for (String host : hosts.split(",")) {
            if (!host.isBlank()) seeds.add(RedisUri.parse(prefix + host.trim() + suffix));
        }
        if (seeds.isEmpty()) throw new IllegalArgumentException("no host in " + uris);
        return seeds;
    }

    private static int indexOfAny(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) return i;
        }
        return -1;
    }

    // ---- commands -------------------------------------------------------------------------

    @Override
    public <T> CompletableFuture<T> command(Reply<T> reply, Object... args) {
        return view.command(reply, args);
    }

    @Override
    public <T> CompletableFuture<T> command(Reply<T> reply, String name, Object key) {
        return view.command(reply, name, key);
    }

    @Override
    public <T> CompletableFuture<T> command(Reply<T> reply, String name, Object key, Object value) {
        return view.command(reply, name, key, value);
    }

    @Override
    public Codec<String> codec() {
        return view.codec();
    }

    @Override
    public Duration timeout() {
        return view.timeout();
    }

    @Override
    public <W> RedisCommands<W> withCodec(Codec<W> codec) {
        return view.withCodec(codec);
    }

    @Override
    public RedisCommands<String> withTimeout(Duration timeout) {
        return view.withTimeout(timeout);
    }

    // ---- pub/sub ---------------------------------------------------------------------------

    /**
     * SSUBSCRIBE (Redis 7): {@code shardChannels}, all in one slot, on the
     * node that owns it; the subscription follows the slot when it moves or
     * fails over. Fails with CROSSSLOT if the channels span slots.
     */
    public CompletableFuture<ShardSubscription> ssubscribe(MessageListener<String> listener,
            String... shardChannels) {
        return shardSubscriptions.subscribe(listener, shardChannels);
    }

    /**
     * SUBSCRIBE on one node (a random primary): a cluster forwards every
     * PUBLISH to all its nodes, so any node hears every channel.
     */
    public CompletableFuture<Subscription> subscribe(MessageListener<String> listener, String... channels) {
        NodeConnection node = nodes.anyPrimary();
        if (node == null) {
            return CompletableFuture.failedFuture(new RedisClusterException("no primary known", -1, List.of(), false,
                    null));
        }
        return node.pubSub().thenCompose(c -> c.subscribe(listener, channels));
    }

    /** PUBLISH (through any node); completes with the number of receivers on that node. */
    public CompletableFuture<Long> publish(Object channel, Object message) {
        return command(Reply.LONG, "PUBLISH", channel, message);
    }

    /** SPUBLISH to the owner of the channel's slot; completes with the number of receivers there. */
    public CompletableFuture<Long> spublish(String shardChannel, Object message) {
        return command(Reply.LONG, "SPUBLISH", shardChannel, message);
    }

    // ---- transactions --------------------------------------------------------------------

    /**
     * A MULTI/EXEC transaction: every key must hash to one slot (checked as
     * commands are queued); sent as one unit to that slot's primary.
     */
    public ClusterTransaction<String> multi() {
        return new ClusterTransaction<>(router, Codec.STRING, view.timeout());
    }

    /**
     * Borrows a connection to the primary that owns {@code key}'s slot, for
     * WATCH/MULTI/EXEC or long blocking reads: no one else uses it until it is
     * closed, which gives it back. Keys of other slots on it get the node's
     * own MOVED or CROSSSLOT errors.
     */
    public CompletableFuture<RedisConnection> dedicated(Object key) {
        int slot = SlotHash.slot(key);
        NodeConnection owner = nodes.owner(slot);
        if (owner == null) {
            return CompletableFuture.failedFuture(new RedisClusterException("no node owns slot " + slot, slot,
                    List.of(), false, null));
        }
        return owner.dedicated();
    }

    // ---- topology -------------------------------------------------------------------------

    /** Reads the topology now, whatever the rate limit says; completes when the new one is in use. */
    public CompletableFuture<Void> refreshTopology() {
        return nodes.refresh().thenApply(t -> null);
    }

    /**
     * Also refreshes every {@code period} (off by default: MOVED, lost
     * connections and CLUSTERDOWN already trigger refreshes). Zero turns it off.
     */
    public void refreshPeriodically(Duration period) {
        TimerHandle previous = periodicRefresh;
        if (previous != null) previous.cancel();
        periodicRefresh = null;
        if (period.isZero()) return;
        if (period.isNegative()) throw new IllegalArgumentException("period < 0: " + period);
        schedule(period);
    }

    private void schedule(Duration period) {
        periodicRefresh = router.loop().callLater(period, () -> {
            nodes.requestRefresh();
            if (periodicRefresh != null) schedule(period);
        });
    }

    /** The primary serving {@code slot} now, as host:port, or null if none does. */
    public String nodeFor(int slot) {
        if (slot < 0 || slot >= SlotHash.SLOTS) throw new IllegalArgumentException("slot out of range: " + slot);
        NodeConnection owner = nodes.owner(slot);
        return owner == null ? null : owner.endpoint;
    }

    /** The primaries serving slots now, as host:port. */
    public List<String> primaries() {
        List<String> all = new ArrayList<>();
        for (var node : nodes.topology().primaries()) all.add(node.endpoint());
        return all;
    }

    /** The nodes this client has a connection to (or is connecting to), as host:port. */
    public Set<String> connectedNodes() {
        return nodes.connectedEndpoints();
    }

    /** How many times the topology was read since the client connected (the first read counts). */
    public long topologyRefreshes() {
        return nodes.refreshes();
    }

    /** Where read-only commands go. */
    public ReadFrom readFrom() {
        return nodes.readFrom();
    }

    /** The seed nodes the client was given. */
    public List<RedisUri> seeds() {
        return seeds;
    }

    /** The loop all of this client's connections run on. */
    public EventLoop loop() {
        return router.loop();
    }

    // ---- closing --------------------------------------------------------------------------

    /** Closes every node connection, letting submitted commands finish, then the client's own loop. */
    public CompletableFuture<Void> closeAsync() {
        refreshPeriodically(Duration.ZERO);
        shardSubscriptions.close();
        CompletableFuture<Void> closed = nodes.close();
        if (ownLoop == null) return closed;
        return closed.handle((v, e) -> null).thenCompose(v -> ownLoop.shutdownGracefully());
    }

    /** {@link #closeAsync} and wait; refuses to run on a loop thread. */
    @Override
    public void close() {
        EventLoop.refuseOnLoopThread("RedisClusterClient.close()");
        closeAsync().join();
    }

    @Override
    public String toString() {
        return "RedisClusterClient[" + String.join(",", primaries()) + "]";
    }
}

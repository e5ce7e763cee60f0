package dev.aioj.redis;

import dev.aioj.loop.EventLoop;
import dev.aioj.loop.LoopFuture;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A client for a primary watched by Redis Sentinel, with the same {@link
 * RedisCommands} as {@link RedisClient}: it asks the Sentinels where the
 * primary is ({@code SENTINEL GET-MASTER-ADDR-BY-NAME}), checks that node's
 * {@code ROLE} says master, and sends every command through an ordinary
 * {@link RedisClient} on it. It follows failovers: subscribed to a Sentinel's
 * {@code +switch-master}, it connects to the new primary when the Sentinels
 * switch, and a command that meets a primary down (before it was written)
 * or demoted ({@code READONLY}) asks the Sentinels again and is retried
 * within its deadline.
 *
 * <pre>{@code
 * try (RedisSentinelClient redis = RedisSentinelClient.connect(
 *         "redis-sentinel://10.0.0.1:26379,10.0.0.2:26379/mymaster").join()) {
 *     redis.set("k", "v").join();                  // on the current primary
 * }
 * }</pre>
 *
 * <p>URI: {@code redis-sentinel://[user:pass@]host:port[,host:port...]/name[?options]};
 * credentials and options (timeout, name, protocol, db) apply to the
 * primary; the Sentinels are asked without credentials.
 *
 * <p>Thread contract: any thread.
 */
public final class RedisSentinelClient implements RedisCommands<String>, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RedisSentinelClient.class.getName());

    private final List<RedisUri> sentinels;
    private final String masterName;
    private final RedisUri template;
    private final RedisOptions options;
    private final EventLoop loop;
    private final EventLoop ownLoop;
    private final SentinelView<String> view;
    private final Object lock = new Object();
    private volatile RedisClient primary;
    private CompletableFuture<RedisClient> resolving; // guarded by lock
    private volatile RedisConnection watcher;
    private volatile boolean closed;
    private volatile long switches;

    private RedisSentinelClient(List<RedisUri> sentinels, String masterName, RedisUri template, RedisOptions options,
            EventLoop ownLoop) {
        this.sentinels = List.copyOf(sentinels);
        this.masterName = masterName;
        this.template = template;
        this.options = options;
        this.loop = options.loop();
        this.ownLoop = ownLoop;
        this.view = new SentinelView<>(this, Codec.STRING, template.timeout());
    }

    /** Connects from a {@code redis-sentinel://} URI. */
    public static CompletableFuture<RedisSentinelClient> connect(String uri) {
        Objects.requireNonNull(uri, "uri");
        if (!uri.startsWith("redis-sentinel://")) {
            throw new IllegalArgumentException("scheme must be redis-sentinel: " + uri);
        }
        String rest = uri.substring("redis-sentinel://".length());
        int at = rest.lastIndexOf('@');
        int slash = rest.indexOf('/', Math.max(at, 0));
        if (slash < 0) {
            throw new IllegalArgumentException("no master name in " + uri.replaceAll("//[^@/]*@", "//***@"));
        }
        int query = rest.indexOf('?', slash);
        String name = query < 0 ? rest.substring(slash + 1) : rest.substring(slash + 1, query);
        if (name.isEmpty()) throw new IllegalArgumentException("no master name in " + uri);
        String options = query < 0 ? "" : rest.substring(query);
        String userInfo = at >= 0 && at < slash ? rest.substring(0, at + 1) : "";
        String hosts = rest.substring(userInfo.length(), slash);
        List<RedisUri> sentinels = RedisClusterClient.seedsOf("redis://" + hosts);
        RedisUri template = RedisUri.parse("redis://" + userInfo + sentinels.get(0).host() + ":"
                + sentinels.get(0).port() + options);
        return connect(sentinels, name, template, RedisOptions.defaults());
    }

    /**
     * Connects: finds the primary named {@code masterName} through {@code
     * sentinels}, connected as {@code primaryTemplate} says (credentials,
     * TLS, database, timeouts; its host and port are replaced).
     */
    public static CompletableFuture<RedisSentinelClient> connect(List<RedisUri> sentinels, String masterName,
            RedisUri primaryTemplate, RedisOptions options) {
        Objects.requireNonNull(masterName, "masterName");
        Objects.requireNonNull(primaryTemplate, "primaryTemplate");
        if (sentinels == null || sentinels.isEmpty()) throw new IllegalArgumentException("no sentinels: " + sentinels);
        EventLoop ownLoop = options.loop() == null
                ? EventLoop.builder().name("aioj-redis-sentinel-" + masterName).daemon(true).build() : null;
        RedisOptions withLoop = options.toBuilder().loop(ownLoop != null ? ownLoop : options.loop())
                .failFastWhenDisconnected(true).build();
        RedisSentinelClient client = new RedisSentinelClient(sentinels, masterName, primaryTemplate, withLoop,
                ownLoop);
        return client.resolve().thenCompose(p -> client.watch()).thenApply(v -> client)
                .whenComplete((c, error) -> {
                    if (error != null) client.closeAsync();
                });
    }

    // ---- finding the primary --------------------------------------------------------------

    /** Asks the Sentinels where the primary is and connects to it (one resolution at a time). */
    CompletableFuture<RedisClient> resolve() {
        synchronized (lock) {
            if (resolving != null && !resolving.isDone()) return resolving;
            resolving = new LoopFuture<>();
            askSentinel(0, null, resolving);
            return resolving;
        }
    }

    private void askSentinel(int index, Throwable last, CompletableFuture<RedisClient> result) {
        if (closed) {
            result.completeExceptionally(new RedisConnectionException("client closed", template.endpoint(), false,
                    null));
            return;
        }
        if (index >= sentinels.size()) {
            result.completeExceptionally(new RedisConnectionException("no Sentinel knows a primary named "
                    + masterName + " (asked " + sentinels.size() + ")", sentinels.get(0).endpoint(), false, last));
            return;
        }
        RedisUri sentinel = sentinels.get(index);
        RedisConnection.connect(sentinel, options.toBuilder().autoReconnect(false).build())
                .thenCompose(c -> c.execute("SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName)
                        .whenComplete((r, e) -> c.closeAsync()))
                .thenCompose(reply -> {
                    if (!(reply instanceof List<?> address) || address.size() < 2) {
                        throw new RedisConnectionException("Sentinel " + sentinel.endpoint() + " knows no primary "
                                + masterName, sentinel.endpoint(), false, null);
                    }
                    return usePrimary(String.valueOf(address.get(0)), Integer.parseInt(String.valueOf(address.get(1))));
                })
                .whenComplete((client, error) -> {
                    if (error == null) {
                        result.complete(client);
                    } else {
                        askSentinel(index + 1, ClusterNodes.unwrap(error), result);
                    }
                });
    }

    /** Connects to {@code host:port} unless already there, checks it is a master, and makes it the primary. */
    private CompletableFuture<RedisClient> usePrimary(String host, int port) {
        RedisClient current = primary;
        if (current != null && current.uri().host().equals(host) && current.uri().port() == port
                && current.sharedConnection().isConnected()) {
            return CompletableFuture.completedFuture(current);
        }
        RedisUri uri = new RedisUri(template.tls(), host, port, null, template.user(), template.password(),
                template.database(), template.timeout(), template.connectTimeout(), template.clientName(),
                template.protocol());
        return RedisClient.connect(uri, options).thenCompose(client -> client.sharedConnection().execute("ROLE")
                .thenApply(role -> {
                    if (!(role instanceof List<?> r) || r.isEmpty() || !"master".equals(String.valueOf(r.get(0)))) {
                        client.closeAsync();
                        throw new RedisConnectionException(uri.endpoint() + " is not a master (ROLE " + role + ")",
                                uri.endpoint(), false, null);
                    }
                    RedisClient old;
                    synchronized (lock) {
                        old = primary;
                        primary = client;
                        switches++;
                    }
                    if (old != null && old != client) old.closeAsync();
                    LOG.log(System.Logger.Level.DEBUG, () -> "primary " + masterName + " is " + uri.endpoint());
                    return client;
                }));
    }

    /** Subscribes to {@code +switch-master} on the first Sentinel that answers. */
    private CompletableFuture<Void> watch() {
        return watchFrom(0);
    }

    private CompletableFuture<Void> watchFrom(int index) {
        if (index >= sentinels.size()) {
            LOG.log(System.Logger.Level.WARNING, "no Sentinel to watch for +switch-master; failovers are noticed"
                    + " when commands fail");
            return CompletableFuture.completedFuture(null);
        }
        return RedisConnection.connect(sentinels.get(index), options.toBuilder().failFastWhenDisconnected(false).build())
                .thenCompose(connection -> {
                    watcher = connection;
                    if (closed) connection.closeAsync();
                    return connection.subscribe((channel, message) -> switched(message), "+switch-master");
                })
                .thenApply(s -> (Void) null)
                .exceptionallyCompose(e -> watchFrom(index + 1));
    }

    /** {@code +switch-master}: "name old-ip old-port new-ip new-port". */
    private void switched(String message) {
        String[] parts = message.split(" ");
        if (parts.length < 5 || !parts[0].equals(masterName)) return;
        usePrimary(parts[3], Integer.parseInt(parts[4])).whenComplete((c, e) -> {
            if (e != null) resolve(); // not yet a master, or unreachable: ask the Sentinels again
        });
    }

    /** The primary in use now. */
    RedisClient primary() {
        return primary;
    }

    /** Where the primary is now, as host:port. */
    public String primaryEndpoint() {
        RedisClient p = primary;
        return p == null ? null : p.uri().endpoint();
    }

    /** How many times the client connected to a (new) primary, the first connect included. */
    public long primarySwitches() {
        return switches;
    }

    EventLoop loop() {
        return loop;
    }

    // ---- commands -------------------------------------------------------------------------

    @Override
    public <T> CompletableFuture<T> command(Reply<T> reply, Object... args) {
        return view.command(reply, args);
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

    /** A MULTI/EXEC transaction on the current primary. */
    public Transaction<String> multi() {
        return primary.multi();
    }

    // ---- closing --------------------------------------------------------------------------

    public CompletableFuture<Void> closeAsync() {
        closed = true;
        RedisConnection w = watcher;
        RedisClient p = primary;
        CompletableFuture<Void> all = CompletableFuture.allOf(
                w == null ? CompletableFuture.completedFuture(null) : w.closeAsync(),
                p == null ? CompletableFuture.completedFuture(null) : p.closeAsync());
        if (ownLoop == null) return all;
        return all.handle((v, e) -> null).thenCompose(v -> ownLoop.shutdownGracefully());
    }

    @Override
    public void close() {
        EventLoop.refuseOnLoopThread("RedisSentinelClient.close()");
        closeAsync().join();
    }

    @Override
    public String toString() {
        return "RedisSentinelClient[" + masterName + " at " + primaryEndpoint() + "]";
    }
}

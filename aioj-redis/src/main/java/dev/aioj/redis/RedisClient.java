package dev.aioj.redis;

import dev.aioj.loop.EventLoop;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The client most programs want: one shared connection that every thread
 * pipelines through automatically, plus a small pool of dedicated connections
 * for what must not share one.
 *
 * <pre>{@code
 * try (RedisClient redis = RedisClient.connect("redis://localhost:6379").join()) {
 *     redis.set("k", "v");                              // shared, pipelined
 *     String v = redis.get("k").join();
 *     redis.blpop(Duration.ofSeconds(5), "queue");      // sent on a dedicated connection
 *     try (RedisConnection own = redis.dedicated().join()) {  // WATCH needs a connection of its own
 *         own.watch("balance").join();
 *         Transaction<String> tx = own.multi();
 *         tx.decrby("balance", 10);
 *         tx.exec().join();                             // null if "balance" changed meanwhile
 *     }                                                 // close() gives it back to the pool
 * }
 * }</pre>
 *
 * <p>Routing: blocking commands (BLPOP, BRPOP, BLMOVE, BZPOPMIN, XREAD
 * BLOCK, WAIT, ...) borrow a dedicated connection for the one command, so
 * they never stall the shared one. Commands that change the connection's state
 * for everyone (WATCH, MULTI, SELECT, SUBSCRIBE, QUIT, ...) are refused on the
 * shared connection with an {@link IllegalArgumentException} saying what to
 * use: {@link #multi()} (sent as one unit, safe to share), {@link
 * #subscribe}, or {@link #dedicated()}. Pub/sub runs on the shared connection
 * with RESP3 and on a connection of its own with RESP2.
 *
 * <p>All of a client's connections run on one event loop (its own, unless
 * {@link RedisOptions#loop} names one).
 *
 * <p>Thread contract: any thread.
 */
public final class RedisClient extends ForwardingCommands<String> implements AutoCloseable {

    private final RedisUri uri;
    private final RedisOptions options;
    private final EventLoop ownLoop; // null if the caller's
    private final RedisConnection shared;
    private final RedisCommands<String> view;
    private final DedicatedPool pool;
    private final Object pubSubLock = new Object();
    private CompletableFuture<RedisConnection> pubSubConnection; // RESP2 only
    private final ClientCache cache; // null without client-side caching
    private volatile CacheTracking tracking;

    private RedisClient(RedisUri uri, RedisOptions options, EventLoop ownLoop, RedisConnection shared,
            ClientCache cache) {
        this.uri = uri;
        this.options = options;
        this.ownLoop = ownLoop;
        this.shared = shared;
        this.cache = cache;
        RedisCommands<String> routed = new ClientView<>(this, shared, uri.timeout());
        this.view = cache == null ? routed : new CachedCommands<>(routed, cache, this::multi);
        this.pool = new DedicatedPool(uri, options);
    }

    /** Connects to {@code uri} (see {@link RedisUri}) with default options. */
    public static CompletableFuture<RedisClient> connect(String uri) {
        return connect(RedisUri.parse(uri), RedisOptions.defaults());
    }

    /**
     * Connects the shared connection; dedicated ones open on demand. Fails as
     * {@link RedisConnection#connect(RedisUri, RedisOptions)} does.
     */
    public static CompletableFuture<RedisClient> connect(RedisUri uri, RedisOptions options) {
        return connect(uri, options, null);
    }

    /**
     * Connects with a client-side cache ({@link ClientCache}): reads of the
     * cached commands ({@link ClientCacheOptions#commands()}) are answered
     * from memory until the server says their keys changed. Completes once
     * the server tracks the shared connection ({@code CLIENT TRACKING on};
     * Redis 6 or later, or aioj-server). {@code cacheOptions} null: no cache.
     */
    public static CompletableFuture<RedisClient> connect(RedisUri uri, RedisOptions options,
            ClientCacheOptions cacheOptions) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(options, "options");
        EventLoop ownLoop = options.loop() == null
                ? EventLoop.builder().name("aioj-redis-client-" + uri.endpoint()).daemon(true).build() : null;
        RedisOptions withLoop = ownLoop == null ? options : options.toBuilder().loop(ownLoop).build();
        return RedisConnection.connect(uri, withLoop)
                .thenApply(connection -> new RedisClient(uri, withLoop, ownLoop, connection,
                        cacheOptions == null ? null : new ClientCache(cacheOptions,
                                new Telemetry(RedisEndpoint.of(uri), withLoop.observer()))))
                .thenCompose(client -> client.cache == null ? CompletableFuture.completedFuture(client)
                        : CacheTracking.start(client.cache, client.shared, uri, withLoop)
                                .handle((tracking, error) -> {
                                    if (error != null) {
                                        client.closeAsync();
                                        throw error instanceof java.util.concurrent.CompletionException ce ? ce
                                                : new java.util.concurrent.CompletionException(error);
                                    }
                                    client.tracking = tracking;
                                    return client;
                                }))
                .whenComplete((client, error) -> {
                    if (error != null && ownLoop != null) {
                        ownLoop.shutdownGracefully();
                    }
                });
    }

    /** Where {@link ForwardingCommands} sends every command. */
    @Override
    RedisCommands<String> view() {
        return view;
    }

    /** A MULTI/EXEC transaction on the shared connection (sent as one unit; WATCH needs {@link #dedicated()}). */
    public Transaction<String> multi() {
        return shared.multi();
    }

    /**
     * Borrows a connection no one else uses (WATCH, long blocking reads, RESP2
     * subscriptions). Closing it gives it back; at most {@link
     * RedisOptions#maxDedicated} are out at once, and further borrowers wait.
     */
    public CompletableFuture<RedisConnection> dedicated() {
        return pool.acquire();
    }

    /** Runs {@code work} on a borrowed connection and gives the connection back when its future completes. */
    public <T> CompletableFuture<T> onDedicated(Function<RedisConnection, CompletableFuture<T>> work) {
        Objects.requireNonNull(work, "work");
        return pool.acquire().thenCompose(connection -> {
            CompletableFuture<T> result;
            try {
                result = work.apply(connection);
            } catch (RuntimeException e) {
                connection.closeAsync();
                throw e;
            }
            return result.whenComplete((value, error) -> connection.closeAsync());
        });
    }

    /** Subscribes to channels; see {@link RedisConnection#subscribe(MessageListener, String...)}. */
    public CompletableFuture<Subscription> subscribe(MessageListener<String> listener, String... channels) {
        return pubSub().thenCompose(c -> c.subscribe(listener, channels));
    }

    /** Subscribes to channels, payloads decoded by {@code codec}. */
    public <V> CompletableFuture<Subscription> subscribe(Codec<V> codec, MessageListener<V> listener,
            String... channels) {
        return pubSub().thenCompose(c -> c.subscribe(codec, listener, channels));
    }

    /** Subscribes to patterns; see {@link RedisConnection#psubscribe(PatternListener, String...)}. */
    public CompletableFuture<Subscription> psubscribe(PatternListener<String> listener, String... patterns) {
        return pubSub().thenCompose(c -> c.psubscribe(listener, patterns));
    }

    /** Subscribes to shard channels (Redis 7). */
    public CompletableFuture<Subscription> ssubscribe(MessageListener<String> listener, String... shardChannels) {
        return pubSub().thenCompose(c -> c.ssubscribe(listener, shardChannels));
    }

    /** PUBLISH on the shared connection; completes with the number of receivers. */
    public CompletableFuture<Long> publish(Object channel, Object message) {
        return shared.publish(channel, message);
    }

    /** With RESP3 the shared connection; with RESP2 one connection of its own, opened on first use. */
    private CompletableFuture<RedisConnection> pubSub() {
        if (uri.protocol() == 3) {
            return CompletableFuture.completedFuture(shared);
        }
        synchronized (pubSubLock) {
            if (pubSubConnection == null) {
                pubSubConnection = RedisConnection.connect(uri, options);
            }
            return pubSubConnection;
        }
    }

    /** Where the client connects. */
    public RedisUri uri() {
        return uri;
    }

    /** The loop all of this client's connections run on. */
    public EventLoop loop() {
        return shared.loop();
    }

    /** The shared connection (for its state and counters; commands through it skip the routing). */
    public RedisConnection sharedConnection() {
        return shared;
    }

    /** The client-side cache, if this client was connected with one (for its statistics). */
    public java.util.Optional<ClientCache> clientCache() {
        return java.util.Optional.ofNullable(cache);
    }

    /** Dedicated connections open now (lent or idle). */
    public int dedicatedConnections() {
        return pool.open();
    }

    /** Closes every connection, letting submitted commands finish, then the client's own loop. */
    public CompletableFuture<Void> closeAsync() {
        CompletableFuture<Void> pubSubClosed;
        synchronized (pubSubLock) {
            pubSubClosed = pubSubConnection == null ? CompletableFuture.completedFuture(null)
                    : pubSubConnection.handle((c, e) -> c).thenCompose(c -> c == null
                            ? CompletableFuture.completedFuture(null) : c.closeAsync());
        }
        CacheTracking t = tracking;
        if (cache != null) {
            cache.closed();
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(shared.closeAsync(), pool.close(), pubSubClosed,
                t == null ? CompletableFuture.completedFuture(null) : t.close());
        if (ownLoop == null) {
            return all;
        }
        return all.handle((v, e) -> null).thenCompose(v -> ownLoop.shutdownGracefully());
    }

    /** {@link #closeAsync} and wait; refuses to run on a loop thread. */
    @Override
    public void close() {
        EventLoop.refuseOnLoopThread("RedisClient.close()");
        closeAsync().join();
    }

    @Override
    public String toString() {
        return "RedisClient[" + uri + ", dedicated " + pool.open() + "/" + options.maxDedicated() + "]";
    }
}

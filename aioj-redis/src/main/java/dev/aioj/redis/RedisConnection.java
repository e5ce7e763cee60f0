package dev.aioj.redis;

import dev.aioj.loop.EventLoop;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One connection to a Redis server, shared by any number of threads: the
 * seed's {@code RedisConnection}. Every command returns a future at once;
 * commands queued by all threads are pipelined automatically, written in one
 * batch per loop iteration, and their replies complete the futures in order.
 *
 * <pre>{@code
 * try (RedisConnection redis = RedisConnection.connect("redis://localhost:6379/0").join()) {
 *     redis.set("greeting", "hello");
 *     String value = redis.get("greeting").join();      // "hello"
 *     Object raw = redis.execute("INCRBY", "n", 5).join(); // 5L
 * }
 * }</pre>
 *
 * <p>Errors: a {@code -ERR} reply fails that command's future with {@link
 * RedisReplyException} and the connection goes on; a malformed reply fails
 * every pending command with {@link RedisProtocolException} and the
 * connection is rebuilt; a lost connection fails the commands already written
 * with {@link RedisConnectionException} (never sending them again) while
 * unsent commands wait for the reconnect; a command with no reply in time
 * fails with {@link RedisTimeoutException}, and its late reply is dropped.
 *
 * <p>Blocking commands (BLPOP) and WATCH change the state of the connection
 * for everyone sharing it: give them a connection of their own.
 *
 * <p>Thread contract: any thread.
 */
public final class RedisConnection extends ForwardingCommands<String> implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RedisConnection.class.getName());

    private final Pipeline pipeline;
    private final RedisCommands<String> view;
    private volatile DedicatedPool lender; // set while lent by a RedisClient: close() gives it back
    private volatile boolean stateful;     // WATCH or a subscription used: not lent again

    private RedisConnection(Pipeline pipeline) {
        this.pipeline = pipeline;
        this.view = new CommandView<>(pipeline, Codec.STRING, pipeline.uri.timeout());
    }

    /** Connects to {@code uri} (see {@link RedisUri} for the forms) with default options. */
    public static CompletableFuture<RedisConnection> connect(String uri) {
        return connect(RedisUri.parse(uri), RedisOptions.defaults());
    }

    /** Connects with default options. */
    public static CompletableFuture<RedisConnection> connect(RedisUri uri) {
        return connect(uri, RedisOptions.defaults());
    }

    /**
     * Connects and greets the server (HELLO/AUTH, SELECT, CLIENT SETNAME). The
     * future fails with {@link RedisConnectionException} if the server cannot
     * be reached, or with the server's {@link RedisReplyException} if it
     * refuses the greeting (a wrong password).
     */
    public static CompletableFuture<RedisConnection> connect(RedisUri uri, RedisOptions options) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(options, "options");
        if (uri.tls() && !options.tlsVerifyHostname()) { // once per connection, not on each reconnect
            LOG.log(System.Logger.Level.WARNING, "TLS to {0} without host name verification: any server whose"
                    + " certificate the trust store accepts can pose as it", uri.endpoint());
        }
        boolean ownsLoop = options.loop() == null;
        EventLoop loop = ownsLoop
                ? EventLoop.builder().name("aioj-redis-" + uri.endpoint()).daemon(true).build()
                : options.loop();
        Pipeline pipeline = new Pipeline(loop, ownsLoop, uri, options);
        RedisConnection connection = new RedisConnection(pipeline);
        return pipeline.lifecycle.start().thenApply(ignored -> connection);
    }

    /** Where {@link ForwardingCommands} sends every command. */
    @Override
    RedisCommands<String> view() {
        return view;
    }

    /** Starts a MULTI/EXEC transaction; see {@link Transaction}. */
    public Transaction<String> multi() {
        return new Transaction<>(pipeline, Codec.STRING, pipeline.uri.timeout());
    }

    /**
     * WATCHes {@code keys} for the next transaction on this connection. WATCH
     * is per connection: use it only on a connection no other thread shares
     * meanwhile (see {@link RedisClient#dedicated()}).
     */
    public CompletableFuture<String> watch(Object... keys) {
        stateful = true;
        if (keys.length == 0) {
            throw new IllegalArgumentException("watch needs at least one key");
        }
        Object[] args = new Object[keys.length + 1];
        args[0] = "WATCH";
        System.arraycopy(keys, 0, args, 1, keys.length);
        return command(Reply.STATUS, args);
    }

    /** Forgets every WATCHed key of this connection. */
    public CompletableFuture<String> unwatch() {
        return command(Reply.STATUS, "UNWATCH");
    }

    /**
     * Subscribes {@code listener} to {@code channels}; the future completes
     * once the server confirmed every channel. With RESP3 (the default) the
     * connection goes on serving other commands; with RESP2 the server
     * refuses other commands on a subscribed connection, so subscribe on a
     * connection of its own.
     */
    public CompletableFuture<Subscription> subscribe(MessageListener<String> listener, String... channels) {
        return subscribe(Codec.STRING, listener, channels);
    }

    /** {@link #subscribe(MessageListener, String...)} with payloads decoded by {@code codec}. */
    @SuppressWarnings("unchecked")
    public <V> CompletableFuture<Subscription> subscribe(Codec<V> codec, MessageListener<V> listener,
            String... channels) {
        Objects.requireNonNull(listener, "listener");
        return subscribe(PubSub.Kind.CHANNEL, codec, (MessageListener<Object>) listener, null, channels);
    }

    /** Subscribes {@code listener} to every channel matching one of {@code patterns} (PSUBSCRIBE). */
    public CompletableFuture<Subscription> psubscribe(PatternListener<String> listener, String... patterns) {
        return psubscribe(Codec.STRING, listener, patterns);
    }

    /** {@link #psubscribe(PatternListener, String...)} with payloads decoded by {@code codec}. */
    @SuppressWarnings("unchecked")
    public <V> CompletableFuture<Subscription> psubscribe(Codec<V> codec, PatternListener<V> listener,
            String... patterns) {
        Objects.requireNonNull(listener, "listener");
        return subscribe(PubSub.Kind.PATTERN, codec, null, (PatternListener<Object>) listener, patterns);
    }

    /** Subscribes {@code listener} to shard channels (SSUBSCRIBE, Redis 7). */
    @SuppressWarnings("unchecked")
    public CompletableFuture<Subscription> ssubscribe(MessageListener<String> listener, String... shardChannels) {
        Objects.requireNonNull(listener, "listener");
        return subscribe(PubSub.Kind.SHARD, Codec.STRING, (MessageListener<Object>) (MessageListener<?>) listener,
                null, shardChannels);
    }

    private CompletableFuture<Subscription> subscribe(PubSub.Kind kind, Codec<?> codec,
            MessageListener<Object> channelListener, PatternListener<Object> patternListener, String... names) {
        Objects.requireNonNull(codec, "codec");
        if (names.length == 0) {
            throw new IllegalArgumentException(kind.subscribe + " needs at least one name");
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i] == null) {
                throw new IllegalArgumentException("name " + i + " of " + kind.subscribe + " is null");
            }
        }
        stateful = true;
        List<String> list = List.of(names);
        Subscription subscription = new Subscription(pipeline.pubSub, kind, list);
        PubSub.Registration registration = new PubSub.Registration(subscription, codec, channelListener,
                patternListener);
        return pipeline.pubSub.subscribe(kind, list, registration)
                .handle((ignored, error) -> {
                    if (error != null) {
                        subscription.unsubscribe(); // take the listener back out
                        throw error instanceof java.util.concurrent.CompletionException ce
                                ? ce : new java.util.concurrent.CompletionException(error);
                    }
                    return subscription;
                });
    }

    /** PUBLISH: sends {@code message} to {@code channel}; completes with the number of receivers. */
    public CompletableFuture<Long> publish(Object channel, Object message) {
        return command(Reply.LONG, "PUBLISH", channel, message);
    }

    /** Where this connection goes. */
    public RedisUri uri() {
        return pipeline.uri;
    }

    /** The loop this connection runs on. */
    public EventLoop loop() {
        return pipeline.loop;
    }

    /** True until {@link #close} or {@link #abort} (or a loss with reconnects off). */
    public boolean isOpen() {
        return pipeline.isOpen();
    }

    /** True while the socket is up and greeted (false while reconnecting). */
    public boolean isConnected() {
        return pipeline.state() == Pipeline.State.READY;
    }

    /** Internal seam for the client-side cache: pushes, loss and reconnects of this connection. */
    void hooks(ConnectionHooks hooks) {
        pipeline.pubSub.hooks = hooks;
    }

    /** Loop thread only: writes the command at once, ahead of anything queued (from {@link ConnectionHooks#ready}). */
    <T> CompletableFuture<T> sendFirst(Reply<T> reply, Object... args) {
        return pipeline.sendNow(new ArgsCommand<>(args, reply,
                new CommandSettings(Codec.STRING, pipeline.uri.timeout().toNanos())));
    }

    /**
     * Internal seam for {@link RedisClusterClient}: submits a command built
     * elsewhere (its {@link RoutedCommand}) on this connection's pipeline, as
     * any view's command is. Any thread.
     */
    <T> CompletableFuture<T> submit(Command<T> command) {
        return pipeline.submit(command);
    }

    /** Commands submitted and not yet answered or failed. */
    public long pendingCommands() {
        return pipeline.pending();
    }

    /**
     * Stops taking commands, lets the ones already submitted finish, then
     * closes the socket (and the connection's own loop, if it made one). A
     * command that timed out is not waited for: its reply may never come.
     */
    public CompletableFuture<Void> closeAsync() {
        DedicatedPool pool = lender;
        if (pool != null) {
            lender = null;
            pool.release(this, !stateful && pipeline.pending() == 0);
            return CompletableFuture.completedFuture(null);
        }
        return pipeline.lifecycle.close();
    }

    /** Marks this connection as lent by {@code pool}: closing it gives it back. */
    void lendFrom(DedicatedPool pool) {
        stateful = false;
        lender = pool;
    }

    /** Closes the socket even if lent. */
    CompletableFuture<Void> closeForReal() {
        lender = null;
        return pipeline.lifecycle.close();
    }

    /** {@link #closeAsync} and wait; refuses to run on a loop thread. */
    @Override
    public void close() {
        EventLoop.refuseOnLoopThread("RedisConnection.close()");
        closeAsync().join();
    }

    /** Closes at once: every pending command fails with {@link RedisConnectionException}. */
    public void abort() {
        DedicatedPool pool = lender;
        lender = null;
        pipeline.lifecycle.abort();
        if (pool != null) {
            pool.release(this, false);
        }
    }

    @Override
    public String toString() {
        return "RedisConnection[" + pipeline.uri + ", " + pipeline.state() + "]";
    }
}

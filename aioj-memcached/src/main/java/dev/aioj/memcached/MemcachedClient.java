package dev.aioj.memcached;

import dev.aioj.loop.EventLoop;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * An async memcached client on the meta protocol, for one server or many.
 *
 * <pre>{@code
 * try (MemcachedClient cache = MemcachedClient.connect("127.0.0.1:11211").join()) {
 *     cache.set("greeting", "hello".getBytes(UTF_8), Duration.ofMinutes(5));   // a future, pipelined
 *     byte[] value = cache.get("greeting").join();
 *     byte[] page = cache.getOrCompute("page:1", Duration.ofMinutes(1),
 *             key -> render(key)).join();                                   // one render per miss, cluster-wide
 * }
 * }</pre>
 *
 * <p>Each server has one connection ({@link MemcachedConnection}) on the
 * client's loop: requests from every thread are written in one batch per
 * loop iteration, and each reply is paired with its request by opaque token.
 * Keys go to servers by libmemcached's ketama ({@link Ketama}); a server
 * marked down hands its keys to the next server on the ring until it is
 * back.
 *
 * <p>Guarantees, per request: its future completes exactly once, with the
 * reply meant for it or a {@link MemcachedException}; within the deadline
 * ({@link MemcachedOptions#timeout}); and a request is written at most once
 * (a lost connection fails what was in flight, never resends it).
 *
 * <p>Thread contract: any thread.
 */
public final class MemcachedClient implements MemcachedCommands, AutoCloseable {

    private final EventLoop loop;
    private final boolean ownsLoop;
    private final MemcachedOptions options;
    private final MemcachedConnection[] connections;
    private final Ketama ketama;
    private final Stampede stampede;
    private final MemcachedSyncCommands sync;

    private MemcachedClient(EventLoop loop, boolean ownsLoop, MemcachedOptions options) {
        this.loop = loop;
        this.ownsLoop = ownsLoop;
        this.options = options;
        List<Endpoint> endpoints = options.servers().stream().map(Endpoint::parse).toList();
        this.connections = new MemcachedConnection[endpoints.size()];
        for (int i = 0; i < connections.length; i++) {
            connections[i] = new MemcachedConnection(loop, endpoints.get(i), options);
        }
        this.ketama = connections.length > 1 ? new Ketama(endpoints.stream().map(Endpoint::ketamaName).toList())
                : null;
        this.stampede = new Stampede(this, options.stampedeLock(), options.timeout());
        this.sync = new SyncView(this);
    }

    /** Connects to {@code servers}, {@code "host:port"} or several separated by commas, with default options. */
    public static CompletableFuture<MemcachedClient> connect(String servers) {
        return connect(MemcachedOptions.of(servers));
    }

    /**
     * Connects to every server. The future completes once each has been
     * tried: servers that could not be reached start marked down (and are
     * retried with backoff); it fails with {@link
     * MemcachedConnectionException} only if none could be reached.
     */
    public static CompletableFuture<MemcachedClient> connect(MemcachedOptions options) {
        Objects.requireNonNull(options, "options");
        boolean ownsLoop = options.loop() == null;
        EventLoop loop = ownsLoop ? EventLoop.builder().name("aioj-memcached").daemon(true).build() : options.loop();
        MemcachedClient client = new MemcachedClient(loop, ownsLoop, options);
        List<CompletableFuture<Boolean>> attempts = new ArrayList<>();
        for (MemcachedConnection c : client.connections) {
            attempts.add(c.start());
        }
        CompletableFuture<MemcachedClient> result = loop.createFuture();
        CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
            if (attempts.stream().anyMatch(a -> a.getNow(false))) {
                result.complete(client);
            } else {
                client.abort();
                result.completeExceptionally(new MemcachedConnectionException("cannot connect to "
                        + String.join(", ", options.servers()), options.servers().getFirst(), false, true, null));
            }
        });
        return result;
    }

    /** This client, blocking; for virtual threads. */
    public MemcachedSyncCommands sync() {
        return sync;
    }

    /** The loop the client runs on (its own, unless {@link MemcachedOptions#loop} gave one). */
    public EventLoop loop() {
        return loop;
    }

    /** The options it was made with. */
    public MemcachedOptions options() {
        return options;
    }

    /** The server {@code key} goes to now, {@code host:port}: its ketama server, or the next up if that is down. */
    public String serverFor(String key) {
        Keys.check(key);
        return route(key).name;
    }

    /** The servers currently marked down. */
    public List<String> downServers() {
        List<String> down = new ArrayList<>();
        for (MemcachedConnection c : connections) {
            if (c.isDown()) down.add(c.name);
        }
        return down;
    }

    /** Requests held for all servers: submitted, waiting to be written, or in flight. */
    public int pendingRequests() {
        int sum = 0;
        for (MemcachedConnection c : connections) {
            sum += c.pending.get();
        }
        return sum;
    }

    // ---------------------------------------------------------------- commands

    @Override
    public CompletableFuture<byte[]> get(String key) {
        return submit(key, GetRequest.Shape.VALUE, 0);
    }

    @Override
    public CompletableFuture<Item> getItem(String key) {
        return submit(key, GetRequest.Shape.ITEM, 0);
    }

    @Override
    public CompletableFuture<byte[]> getAndTouch(String key, Duration ttl) {
        return submit(key, GetRequest.Shape.VALUE_AND_TOUCH, Ttl.seconds(ttl));
    }

    @Override
    public CompletableFuture<Boolean> touch(String key, Duration ttl) {
        return submit(key, GetRequest.Shape.TOUCH, Ttl.seconds(ttl));
    }

    private <T> CompletableFuture<T> submit(String key, GetRequest.Shape shape, long ttl) {
        Keys.check(key);
        MemcachedConnection c = route(key);
        GetRequest<T> request = new GetRequest<>(key, shape, ttl, 0, c.loop.createFuture());
        c.submit(request);
        return request.future;
    }

    /** A stampede-protected get: {@code mg key v c t N<lock> R<recache>}. */
    CompletableFuture<GetRequest.Lease> lease(String key, long lockSeconds, int recacheSeconds) {
        MemcachedConnection c = route(key);
        GetRequest<GetRequest.Lease> request = new GetRequest<>(key, GetRequest.Shape.LEASE, lockSeconds,
                recacheSeconds, c.loop.createFuture());
        c.submit(request);
        return request.future;
    }

    @Override
    public CompletableFuture<Map<String, byte[]>> getMulti(Collection<String> keys) {
        Objects.requireNonNull(keys, "keys");
        LinkedHashSet<String> unique = new LinkedHashSet<>(keys.size() * 2);
        int i = 0;
        for (String key : keys) {
            if (key == null) throw new IllegalArgumentException("key " + i + " of getMulti is null");
            Keys.check(key);
            unique.add(key);
            i++;
        }
        CompletableFuture<Map<String, byte[]>> future = loop.createFuture();
        if (unique.isEmpty()) {
            future.complete(Map.of());
            return future;
        }
        Map<MemcachedConnection, List<String>> byServer = new IdentityHashMap<>();
        for (String key : unique) {
            byServer.computeIfAbsent(route(key), c -> new ArrayList<>()).add(key);
        }
        MultiGet multi = new MultiGet(future, unique.size(), byServer.size());
        byServer.forEach((connection, serverKeys) -> {
            Request[] batch = new Request[serverKeys.size() + 1];
            for (int k = 0; k < serverKeys.size(); k++) {
                batch[k] = multi.get(serverKeys.get(k));
            }
            batch[serverKeys.size()] = multi.barrier();
            connection.submitAll(batch);
        });
        return future;
    }

    @Override
    public CompletableFuture<Boolean> set(String key, byte[] value, Duration ttl) {
        return stored(store(StoreMode.SET, key, value, ttl, 0, 0));
    }

    @Override
    public CompletableFuture<Boolean> add(String key, byte[] value, Duration ttl) {
        return stored(store(StoreMode.ADD, key, value, ttl, 0, 0));
    }

    @Override
    public CompletableFuture<Boolean> replace(String key, byte[] value, Duration ttl) {
        return stored(store(StoreMode.REPLACE, key, value, ttl, 0, 0));
    }

    @Override
    public CompletableFuture<Boolean> append(String key, byte[] value) {
        return stored(store(StoreMode.APPEND, key, value, Duration.ZERO, 0, 0));
    }

    @Override
    public CompletableFuture<Boolean> prepend(String key, byte[] value) {
        return stored(store(StoreMode.PREPEND, key, value, Duration.ZERO, 0, 0));
    }

    @Override
    public CompletableFuture<StoreResult> cas(String key, byte[] value, long cas, Duration ttl) {
        if (cas == 0) throw new IllegalArgumentException("cas is 0: pass the CAS value getItem returned");
        return store(StoreMode.SET, key, value, ttl, 0, cas);
    }

    @Override
    public CompletableFuture<StoreResult> store(StoreMode mode, String key, byte[] value, Duration ttl, int flags,
            long cas) {
        Objects.requireNonNull(mode, "mode");
        Keys.check(key);
        if (value == null) throw new IllegalArgumentException("value of " + key + " is null");
        long seconds = Ttl.seconds(ttl);
        MemcachedConnection c = route(key);
        StoreRequest request = new StoreRequest(key, value, mode, seconds, flags, cas, false, c.loop.createFuture());
        c.submit(request);
        return request.future;
    }

    private static CompletableFuture<Boolean> stored(CompletableFuture<StoreResult> result) {
        return result.thenApply(r -> r == StoreResult.STORED);
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        return delete(key, false, 0);
    }

    @Override
    public CompletableFuture<Boolean> invalidate(String key, Duration staleTtl) {
        return delete(key, true, Ttl.seconds(staleTtl));
    }

    CompletableFuture<Boolean> delete(String key, boolean invalidate, long ttl) {
        Keys.check(key);
        MemcachedConnection c = route(key);
        DeleteRequest request = new DeleteRequest(key, invalidate, ttl, false, c.loop.createFuture());
        c.submit(request);
        return request.future;
    }

    @Override
    public CompletableFuture<Long> incr(String key, long delta) {
        return arithmetic(key, false, delta, 0, -1);
    }

    @Override
    public CompletableFuture<Long> decr(String key, long delta) {
        return arithmetic(key, true, delta, 0, -1);
    }

    @Override
    public CompletableFuture<Long> incr(String key, long delta, long initial, Duration ttl) {
        return arithmetic(key, false, delta, initial, Ttl.seconds(ttl));
    }

    private CompletableFuture<Long> arithmetic(String key, boolean decrement, long delta, long initial, long ttl) {
        Keys.check(key);
        MemcachedConnection c = route(key);
        ArithmeticRequest request = new ArithmeticRequest(key, decrement, delta, initial, ttl, c.loop.createFuture());
        c.submit(request);
        return request.future;
    }

    @Override
    public CompletableFuture<byte[]> getOrCompute(String key, Duration ttl,
            Function<String, ? extends CompletionStage<byte[]>> loader) {
        Keys.check(key);
        Objects.requireNonNull(loader, "loader");
        return stampede.getOrCompute(key, Ttl.seconds(ttl), loader);
    }

    // ---------------------------------------------------------------- routing

    private MemcachedConnection route(String key) {
        if (ketama == null) {
            return connections[0];
        }
        return connections[ketama.route(key.getBytes(StandardCharsets.UTF_8), i -> !connections[i].isDown())];
    }

    // ---------------------------------------------------------------- closing

    /**
     * Stops taking requests, lets those already submitted finish (or time
     * out), then closes every socket, and the client's own loop.
     */
    public CompletableFuture<Void> closeAsync() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (MemcachedConnection c : connections) {
            closing.add(c.close());
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
        return ownsLoop ? all.thenCompose(ignored -> loop.shutdownGracefully()) : all;
    }

    /** {@link #closeAsync} and wait; refuses to run on a loop thread. */
    @Override
    public void close() {
        EventLoop.refuseOnLoopThread("MemcachedClient.close()");
        closeAsync().join();
    }

    /** Closes at once: everything pending fails with {@link MemcachedConnectionException}. */
    public void abort() {
        for (MemcachedConnection c : connections) {
            c.abort();
        }
        if (ownsLoop) {
            loop.shutdownGracefully();
        }
    }

    @Override
    public String toString() {
        return "MemcachedClient" + options.servers() + (downServers().isEmpty() ? "" : " down: " + downServers());
    }
}

package dev.aioj.redis;

import dev.aioj.loop.LoopFuture;
import dev.aioj.redis.resp.RespValue;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A {@link RedisClient} view that answers cacheable reads from its {@link
 * ClientCache}: every typed command and {@code execute} pass through {@link
 * #command}; a command on the cache's list is looked up by its name and
 * arguments, and on a miss sent (as the raw reply) with a pending entry
 * registered first, then installed if nothing invalidated it meanwhile.
 * Everything else goes to the view underneath unchanged.
 *
 * <p>A hit completes at once on the calling thread. Cached replies are
 * shared: with a codec other than {@link Codec#STRING} each hit converts a
 * copy of the reply's byte arrays, so callers may modify what they get.
 *
 * <p>Thread contract: any thread.
 */
final class CachedCommands<V> implements RedisCommands<V> {

    /** The reply itself: what the cache keeps, converted per caller. */
    static final Reply<RespValue> RAW = (value, codec) -> value;

    private final RedisCommands<V> delegate;
    private final ClientCache cache;
    /** Sends a transaction for OPTIN's CLIENT CACHING yes + read. */
    private final Supplier<Transaction<String>> multi;

    CachedCommands(RedisCommands<V> delegate, ClientCache cache, Supplier<Transaction<String>> multi) {
        this.delegate = delegate;
        this.cache = cache;
        this.multi = multi;
    }

    @Override
    public <T> CompletableFuture<T> command(Reply<T> reply, Object... args) {
        if (args == null || args.length < 2 || !(args[0] instanceof String name)) {
            if (args != null && args.length >= 2) {
                cache.entries.beforeOtherCommand(args);
            }
            return delegate.command(reply, args);
        }
        ClientCacheOptions options = cache.options();
        String command = upper(name);
        ClientCacheOptions.Keys keys = options.keysOf(command);
        if (keys == null || reply == null) {
            cache.entries.beforeOtherCommand(args); // read your own writes
            return delegate.command(reply, args);
        }
        byte[][] redisKeys = redisKeys(keys, args);
        byte[] commandKey = redisKeys == null ? null : commandKey(args);
        if (commandKey == null || !coveredByPrefixes(options, redisKeys)) {
            return delegate.command(reply, args); // an argument we do not key on, or a key no prefix covers
        }
        CacheEntries.Key key = CacheEntries.Key.of(commandKey);
        RespValue cached = cache.entries.lookup(key);
        cache.accessed(command, cached != null); // counted as lookup counted it: a hit, or a miss
        Codec<V> codec = delegate.codec();
        if (cached != null) {
            try {
                return CompletableFuture.completedFuture(reply.convert(shareable(cached, codec), codec));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        CacheEntries.Key[] indexKeys = new CacheEntries.Key[redisKeys.length];
        for (int i = 0; i < redisKeys.length; i++) {
            indexKeys[i] = CacheEntries.Key.of(redisKeys[i]);
        }
        CacheEntries.Entry pending = cache.entries.pending(key, indexKeys); // before the read is sent
        CompletableFuture<RespValue> read;
        try {
            read = options.mode() == ClientCacheOptions.Mode.OPTIN && pending != null
                    ? readOptIn(args) : delegate.command(RAW, args);
        } catch (RuntimeException e) {
            cache.entries.abandon(pending);
            throw e;
        }
        LoopFuture<T> result = new LoopFuture<>();
        read.whenComplete((value, error) -> {
            if (error != null) {
                cache.entries.abandon(pending);
                result.completeExceptionally(error instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : error);
                return;
            }
            ClientCache.Probe probe = cache.probe;
            if (probe != null) {
                probe.replied(redisKeys, value);
            }
            cache.entries.install(pending, value, sizeOf(value));
            try {
                result.complete(reply.convert(shareable(value, codec), codec));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** OPTIN: CLIENT CACHING yes and the read in one MULTI, so no other caller's command comes between. */
    private CompletableFuture<RespValue> readOptIn(Object[] args) {
        Transaction<String> tx = multi.get();
        tx.command(RAW, "CLIENT", "CACHING", "yes");
        CompletableFuture<RespValue> read = tx.command(RAW, args);
        tx.exec();
        return read;
    }

    @Override
    public <T> CompletableFuture<T> command(Reply<T> reply, String name, Object key) {
        return command(reply, new Object[] {name, key});
    }

    @Override
    public <T> CompletableFuture<T> command(Reply<T> reply, String name, Object key, Object value) {
        return command(reply, new Object[] {name, key, value});
    }

    @Override
    public Codec<V> codec() {
        return delegate.codec();
    }

    @Override
    public Duration timeout() {
        return delegate.timeout();
    }

    @Override
    public <W> RedisCommands<W> withCodec(Codec<W> codec) {
        return new CachedCommands<>(delegate.withCodec(codec), cache, multi);
    }

    @Override
    public RedisCommands<V> withTimeout(Duration timeout) {
        return new CachedCommands<>(delegate.withTimeout(timeout), cache, multi);
    }

    // ------------------------------------------------------------------ keys

    private static final Map<String, String> UPPER = new java.util.concurrent.ConcurrentHashMap<>();

    private static String upper(String name) {
        String u = UPPER.get(name);
        if (u == null) {
            u = name.toUpperCase(Locale.ROOT);
            if (UPPER.size() < 1024) {
                UPPER.put(name, u);
            }
        }
        return u;
    }

    /** The Redis keys of the command, or null if one is of a type not keyed on (numbers other than integers). */
    private static byte[][] redisKeys(ClientCacheOptions.Keys keys, Object[] args) {
        int n = keys == ClientCacheOptions.Keys.FIRST ? 1 : args.length - 1;
        byte[][] out = new byte[n][];
        for (int i = 0; i < n; i++) {
            out[i] = bytesOf(args[i + 1]);
            if (out[i] == null) {
                return null;
            }
        }
        return out;
    }

    /** The command's name and arguments, each length-prefixed: the cache's key. */
    private static byte[] commandKey(Object[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        out.writeBytes(upper((String) args[0]).getBytes(StandardCharsets.US_ASCII));
        for (int i = 1; i < args.length; i++) {
            byte[] b = bytesOf(args[i]);
            if (b == null) {
                return null;
            }
            int len = b.length;
            out.write(0);
            out.write(len >>> 24);
            out.write(len >>> 16);
            out.write(len >>> 8);
            out.write(len);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    /** An argument's bytes as sent, or null for a type the cache does not key on. */
    private static byte[] bytesOf(Object arg) {
        return switch (arg) {
            case String s -> s.getBytes(StandardCharsets.UTF_8);
            case byte[] b -> b.clone();
            case Integer i -> Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
            case Long l -> Long.toString(l).getBytes(StandardCharsets.US_ASCII);
            case ByteBuffer bb -> {
                byte[] b = new byte[bb.remaining()];
                bb.duplicate().get(b);
                yield b;
            }
            case null, default -> null;
        };
    }

    private static boolean coveredByPrefixes(ClientCacheOptions options, byte[][] keys) {
        if (options.mode() != ClientCacheOptions.Mode.BCAST || options.prefixesShared().isEmpty()) {
            return true;
        }
        for (byte[] key : keys) {
            boolean covered = false;
            for (byte[] p : options.prefixesShared()) {
                if (p.length <= key.length && java.util.Arrays.equals(p, 0, p.length, key, 0, p.length)) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ values

    /** An estimate of the bytes a reply holds. */
    static long sizeOf(RespValue value) {
        return switch (value) {
            case RespValue.Bulk b -> 16 + b.bytes().length;
            case RespValue.Array a -> 16 + sizeOfAll(a.elements());
            case RespValue.SetReply s -> 16 + sizeOfAll(s.elements());
            case RespValue.Push p -> 16 + sizeOfAll(p.elements());
            case RespValue.MapReply m -> {
                long n = 16;
                for (Map.Entry<RespValue, RespValue> e : m.entries().entrySet()) {
                    n += sizeOf(e.getKey()) + sizeOf(e.getValue());
                }
                yield n;
            }
            case RespValue.Simple s -> 16 + s.text().length();
            case RespValue.Verbatim v -> 16 + v.text().length();
            case RespValue.ErrorReply e -> 16 + e.message().length();
            case RespValue.Attributed a -> sizeOf(a.value());
            case RespValue.Int i -> 16;
            case RespValue.Null n -> 16;
            case RespValue.DoubleReply d -> 16;
            case RespValue.BigNumber b -> 32;
            case RespValue.Bool b -> 16;
        };
    }

    private static long sizeOfAll(List<RespValue> values) {
        long n = 0;
        for (RespValue v : values) {
            n += sizeOf(v);
        }
        return n;
    }

    /** The reply to convert for a caller: as is for text, else with its byte arrays copied. */
    private static RespValue shareable(RespValue value, Codec<?> codec) {
        return codec == Codec.STRING ? value : copy(value);
    }

    private static RespValue copy(RespValue value) {
        return switch (value) {
            case RespValue.Bulk b -> new RespValue.Bulk(b.bytes().clone());
            case RespValue.Array a -> new RespValue.Array(copyAll(a.elements()));
            case RespValue.SetReply s -> new RespValue.SetReply(copyAll(s.elements()));
            case RespValue.MapReply m -> {
                Map<RespValue, RespValue> out = new LinkedHashMap<>();
                m.entries().forEach((k, v) -> out.put(copy(k), copy(v)));
                yield new RespValue.MapReply(out);
            }
            default -> value;
        };
    }

    private static List<RespValue> copyAll(List<RespValue> values) {
        List<RespValue> out = new ArrayList<>(values.size());
        for (RespValue v : values) {
            out.add(copy(v));
        }
        return out;
    }
}

package dev.aioj.redis;

import dev.aioj.redis.resp.RespValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps the server tracking what a {@link ClientCache} holds, and feeds it
 * the server's invalidations, across reconnects.
 *
 * <p>RESP3: {@code CLIENT TRACKING on} on the shared connection; the
 * invalidations are pushes on that same connection, between the replies, so
 * one that concerns a read always arrives after that read's reply. RESP2: a
 * connection of its own subscribes to {@code __redis__:invalidate}, and the
 * shared connection tracks with {@code REDIRECT} to its id.
 *
 * <p>State machine (the cache serves and registers reads only while active):
 *
 * <pre>
 * start ──TRACKING OK──► active ──link lost (either connection)──► inactive, emptied
 *                          ▲                                          │
 *                          └────TRACKING OK (sent first on the new ───┘
 *                                socket; RESP2: after a new CLIENT ID)
 * </pre>
 *
 * A {@code tracking-redir-broken} push or a failed TRACKING leaves it
 * inactive (reads then go to the server) until the next reconnect.
 *
 * <p>Thread contract: the hooks run on the client's loop thread; {@link
 * #start} and {@link #close} from any thread.
 */
final class CacheTracking {

    private static final System.Logger LOG = System.getLogger(CacheTracking.class.getName());
    private static final String CHANNEL = "__redis__:invalidate";

    private final ClientCache cache;
    private final RedisConnection shared;
    private final RedisUri uri;
    private final RedisOptions options;
    /** RESP2 only: the subscriber the server redirects to. */
    private volatile RedisConnection invalidations;
    private volatile long redirectId;

    private CacheTracking(ClientCache cache, RedisConnection shared, RedisUri uri, RedisOptions options) {
        this.cache = cache;
        this.shared = shared;
        this.uri = uri;
        this.options = options;
    }

    /** Turns tracking on for {@code shared}; completes once the cache is active. */
    static CompletableFuture<CacheTracking> start(ClientCache cache, RedisConnection shared, RedisUri uri,
            RedisOptions options) {
        CacheTracking t = new CacheTracking(cache, shared, uri, options);
        // RESP3 as the greeting settled it (HELLO 3, or RESP2 from a server without HELLO)
        // (CLIENT INFO is Redis 6.2+; Redis 6.0 honoured the URI's protocol)
        return shared.command(Reply.STATUS, "CLIENT", "INFO")
                .exceptionally(error -> uri.protocol() == 3 ? " resp=3" : " resp=2")
                .thenCompose(info -> info.contains(" resp=3") ? t.startResp3() : t.startResp2());
    }

    private CompletableFuture<CacheTracking> startResp3() {
        shared.hooks(sharedHooks());
        return shared.command(Reply.STATUS, trackingCommand()).thenApply(ok -> {
            cache.entries.activate();
            return this;
        });
    }

    private CompletableFuture<CacheTracking> startResp2() {
        CacheTracking t = this;
        return RedisConnection.connect(uri, options).thenCompose(sub -> {
            t.invalidations = sub;
            return sub.command(Reply.LONG, "CLIENT", "ID").thenCompose(id -> {
                t.redirectId = id;
                return sub.subscribe(rawCodec(), t::onMessage, CHANNEL);
            }).thenCompose(subscribed -> {
                sub.hooks(t.subscriberHooks());
                shared.hooks(t.sharedHooks());
                return shared.command(Reply.STATUS, t.trackingCommand());
            }).thenApply(ok -> {
                cache.entries.activate();
                return t;
            });
        });
    }

    /** CLIENT TRACKING on with the cache's mode, and REDIRECT on RESP2. */
    private Object[] trackingCommand() {
        List<Object> args = new ArrayList<>(List.of("CLIENT", "TRACKING", "on"));
        if (redirectId != 0) {
            args.add("REDIRECT");
            args.add(redirectId);
        }
        switch (cache.options().mode()) {
            case DEFAULT -> { }
            case OPTIN -> args.add("OPTIN");
            case BCAST -> {
                args.add("BCAST");
                for (byte[] p : cache.options().prefixesShared()) {
                    args.add("PREFIX");
                    args.add(p);
                }
            }
        }
        return args.toArray();
    }

    /** Hooks of the shared connection: RESP3 invalidations, loss, re-enabling first thing on a new socket. */
    private ConnectionHooks sharedHooks() {
        return new ConnectionHooks() {
            @Override
            public void pushed(RespValue.Push push) {
                onPush(push);
            }

            @Override
            public void linkLost() {
                cache.entries.deactivate();
            }

            @Override
            public void ready() {
                RedisConnection sub = invalidations;
                if (sub != null && !sub.isConnected()) {
                    return; // the subscriber's own ready() re-enables tracking once it is back
                }
                reenable();
            }
        };
    }

    /** Hooks of the RESP2 subscriber: its loss drops everything; a new socket has a new id to redirect to. */
    private ConnectionHooks subscriberHooks() {
        return new ConnectionHooks() {
            @Override
            public void pushed(RespValue.Push push) {
                // RESP2: no pushes
            }

            @Override
            public void linkLost() {
                cache.entries.deactivate();
            }

            @Override
            public void ready() {
                RedisConnection sub = invalidations;
                sub.sendFirst(Reply.LONG, "CLIENT", "ID").whenComplete((id, error) -> { // before resubscribing
                    if (error != null) {
                        LOG.log(System.Logger.Level.WARNING, "client cache: CLIENT ID failed; caching off until "
                                + "the next reconnect", error);
                        return;
                    }
                    redirectId = id;
                    shared.loop().execute(() -> {
                        if (shared.isConnected()) {
                            reenableFrom(shared.command(Reply.STATUS, trackingCommand()));
                        }
                    });
                });
            }
        };
    }

    /** On the shared connection's new socket, before anything queued. */
    private void reenable() {
        reenableFrom(shared.sendFirst(Reply.STATUS, trackingCommand()));
    }

    private void reenableFrom(CompletableFuture<String> tracking) {
        tracking.whenComplete((ok, error) -> {
            if (error != null) {
                LOG.log(System.Logger.Level.WARNING, "client cache: CLIENT TRACKING failed after a reconnect; "
                        + "caching off until the next one", error);
                return;
            }
            cache.entries.deactivate(); // anything registered while it was being turned on goes too
            cache.entries.activate();
        });
    }

    private void onPush(RespValue.Push push) {
        List<RespValue> e = push.elements();
        if (e.size() != 2) {
            return;
        }
        String kind = PubSub.text(e.get(0));
        if ("invalidate".equals(kind)) {
            cache.invalidated(keysOf(e.get(1)));
        } else if ("tracking-redir-broken".equals(kind)) {
            cache.entries.deactivate();
        }
    }

    /** RESP2: the message of {@code __redis__:invalidate}: an array of keys, or null for everything. */
    private void onMessage(String channel, Object message) {
        if (message == null) {
            cache.invalidated(null);
        } else if (message instanceof List<?> keys) {
            List<byte[]> out = new ArrayList<>(keys.size());
            for (Object k : keys) {
                if (k instanceof byte[] b) {
                    out.add(b);
                }
            }
            cache.invalidated(out);
        }
    }

    private static List<byte[]> keysOf(RespValue value) {
        return switch (value) {
            case RespValue.Array a -> {
                List<byte[]> keys = new ArrayList<>(a.elements().size());
                for (RespValue k : a.elements()) {
                    if (k instanceof RespValue.Bulk b) {
                        keys.add(b.bytes());
                    }
                }
                yield keys;
            }
            default -> null; // _ or $-1: everything (FLUSHALL, FLUSHDB)
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Codec<Object> rawCodec() {
        return (Codec) Codec.BYTES;
    }

    CompletableFuture<Void> close() {
        RedisConnection sub = invalidations;
        return sub == null ? CompletableFuture.completedFuture(null) : sub.closeAsync();
    }
}

package dev.aioj.redis;

import dev.aioj.redis.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The subscriptions of one connection: which listeners want which channels,
 * patterns and shard channels; delivery of the messages the server pushes;
 * and subscribing again after a reconnect.
 *
 * <p>RESP3 pushes messages as push frames between ordinary replies, so one
 * connection serves commands and subscriptions alike. In RESP2 a subscribed
 * connection can run nothing else (the server refuses other commands), and
 * messages come as arrays; they are recognized here only while subscribed.
 *
 * <p>Thread contract: listeners are added and removed from any thread
 * (concurrent maps); messages are delivered on the loop thread.
 */
final class PubSub {

    private static final System.Logger LOG = System.getLogger(PubSub.class.getName());

    /** A listener with the codec its payloads decode with. */
    record Registration(Subscription owner, Codec<?> codec, MessageListener<Object> channel,
            PatternListener<Object> pattern) {}

    enum Kind {
        CHANNEL("subscribe", "unsubscribe"),
        PATTERN("psubscribe", "punsubscribe"),
        SHARD("ssubscribe", "sunsubscribe");

        final String subscribe;
        final String unsubscribe;

        Kind(String subscribe, String unsubscribe) {
            this.subscribe = subscribe;
            this.unsubscribe = unsubscribe;
        }
    }

    private final Pipeline pipeline;
    private final Map<Kind, Map<String, List<Registration>>> listeners = Map.of(
            Kind.CHANNEL, new ConcurrentHashMap<>(),
            Kind.PATTERN, new ConcurrentHashMap<>(),
            Kind.SHARD, new ConcurrentHashMap<>());

    PubSub(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Registers {@code registration} for {@code names}, then subscribes on the server. Any thread. */
    CompletableFuture<Void> subscribe(Kind kind, List<String> names, Registration registration) {
        Map<String, List<Registration>> byName = listeners.get(kind);
        for (String name : names) {
            byName.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(registration);
        }
        return pipeline.submit(new SubscribeCommand(kind.subscribe, names, pipeline.uri.timeout().toNanos()));
    }

    /** Removes {@code owner}'s listeners; unsubscribes on the server from names nobody listens to any more. */
    CompletableFuture<Void> unsubscribe(Kind kind, List<String> names, Subscription owner) {
        Map<String, List<Registration>> byName = listeners.get(kind);
        List<String> abandoned = new ArrayList<>();
        for (String name : names) {
            byName.computeIfPresent(name, (n, registrations) -> {
                registrations.removeIf(r -> r.owner() == owner);
                if (registrations.isEmpty()) {
                    abandoned.add(n);
                    return null;
                }
                return registrations;
            });
        }
        if (abandoned.isEmpty() || !pipeline.isOpen()) {
            return CompletableFuture.completedFuture(null);
        }
        return pipeline.submit(new SubscribeCommand(kind.unsubscribe, abandoned, pipeline.uri.timeout().toNanos()));
    }

    boolean hasSubscriptions() {
        return listeners.values().stream().anyMatch(m -> !m.isEmpty());
    }

    /** The client-side cache's seam (null without one): told of other pushes, loss and reconnects. */
    volatile ConnectionHooks hooks;

    /** Handles a RESP3 push frame that belongs to no command: a message, else the hooks' (an invalidation). */
    void onPush(RespValue.Push push) {
        if (!deliver(push.elements())) {
            ConnectionHooks h = hooks;
            if (h != null) {
                h.pushed(push);
            } else {
                LOG.log(System.Logger.Level.DEBUG, "ignored push {0}", push);
            }
        }
    }

    /** The socket is gone (before in-flight commands fail). */
    void onLinkLost() {
        ConnectionHooks h = hooks;
        if (h != null) {
            h.linkLost();
        }
    }

    /**
     * RESP2 has no pushes: on a subscribed connection a message is an array
     * ({@code message}, channel, payload). Delivers and returns true for those.
     */
    boolean isMessage(RespValue reply) {
        return !pipeline.resp3() && reply instanceof RespValue.Array array && hasSubscriptions()
                && deliver(array.elements());
    }

    /** Delivers a message frame (message, pmessage, smessage) to its listeners; false if it is not one. */
    private boolean deliver(List<RespValue> elements) {
        if (elements.size() < 3) {
            return false;
        }
        String type = text(elements.get(0));
        if (type == null) {
            return false;
        }
        switch (type) {
            case "message", "smessage" -> {
                if (elements.size() != 3) {
                    return false;
                }
                String channel = text(elements.get(1));
                Kind kind = type.equals("message") ? Kind.CHANNEL : Kind.SHARD;
                for (Registration r : listeners.get(kind).getOrDefault(channel, List.of())) {
                    run(r, () -> r.channel().onMessage(channel, decode(r, elements.get(2))));
                }
                return true;
            }
            case "pmessage" -> {
                if (elements.size() != 4) {
                    return false;
                }
                String pattern = text(elements.get(1));
                String channel = text(elements.get(2));
                for (Registration r : listeners.get(Kind.PATTERN).getOrDefault(pattern, List.of())) {
                    run(r, () -> r.pattern().onMessage(pattern, channel, decode(r, elements.get(3))));
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private void run(Registration registration, Runnable delivery) {
        try {
            delivery.run();
        } catch (RuntimeException e) {
            pipeline.loop.callExceptionHandler("a pub/sub listener of " + registration.owner() + " failed", e);
        }
    }

    /** A payload as the listener's codec decodes it; an array (Redis's {@code __redis__:invalidate} keys) as a List. */
    private static Object decode(Registration registration, RespValue payload) {
        return payload instanceof RespValue.Array
                ? Reply.OBJECT.convert(payload, registration.codec())
                : ReplyConversions.VALUE.convert(payload, registration.codec());
    }

    /**
     * Subscribes again to everything that has listeners: the server forgot it
     * with the old socket; the hooks' commands go first.
     */
    void onReconnected() {
        ConnectionHooks h = hooks;
        if (h != null) {
            h.ready();
        }
        for (Kind kind : Kind.values()) {
            List<String> names = List.copyOf(listeners.get(kind).keySet());
            if (!names.isEmpty()) {
                pipeline.sendNow(new SubscribeCommand(kind.subscribe, names, pipeline.uri.timeout().toNanos()))
                        .whenComplete((ignored, error) -> {
                            if (error != null) {
                                LOG.log(System.Logger.Level.WARNING, "resubscribing to " + names + " failed", error);
                            }
                        });
            }
        }
    }

    /** The text of a bulk or simple string element, else null. */
    static String text(RespValue value) {
        return switch (value) {
            case RespValue.Bulk b -> new String(b.bytes(), StandardCharsets.UTF_8);
            case RespValue.Simple s -> s.text();
            default -> null;
        };
    }
}

package dev.aioj.redis;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Channels (or patterns, or shard channels) a listener is subscribed to on a
 * connection. Survives reconnects: the connection subscribes again.
 * {@link #unsubscribe} (or {@link #close}) removes the listener; the server
 * is told to unsubscribe from names no other subscription still wants.
 *
 * <p>Thread contract: any thread.
 */
public final class Subscription implements AutoCloseable {

    private final PubSub pubSub;
    private final PubSub.Kind kind;
    private final List<String> names;
    private volatile boolean active = true;

    Subscription(PubSub pubSub, PubSub.Kind kind, List<String> names) {
        this.pubSub = pubSub;
        this.kind = kind;
        this.names = List.copyOf(names);
    }

    /** The channel names, patterns or shard channels this subscription covers. */
    public List<String> names() {
        return names;
    }

    /** False once unsubscribed. */
    public boolean isActive() {
        return active;
    }

    /** Stops delivery to this subscription's listener; completes when the server confirmed. Idempotent. */
    public CompletableFuture<Void> unsubscribe() {
        if (!active) {
            return CompletableFuture.completedFuture(null);
        }
        active = false;
        return pubSub.unsubscribe(kind, names, this);
    }

    /** {@link #unsubscribe} without waiting. */
    @Override
    public void close() {
        unsubscribe();
    }

    @Override
    public String toString() {
        return "Subscription[" + kind.subscribe + " " + names + (active ? "" : ", ended") + "]";
    }
}

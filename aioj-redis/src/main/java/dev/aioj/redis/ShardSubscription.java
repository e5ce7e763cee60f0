package dev.aioj.redis;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Shard channels a {@link RedisClusterClient} is subscribed to (SSUBSCRIBE,
 * Redis 7): all in one slot, subscribed on the connection for subscriptions
 * of the node that owns the slot. When the topology says the slot has moved
 * (a migration or a failover), the subscription moves: SSUBSCRIBE at the new
 * owner, then SUNSUBSCRIBE at the old one. Messages published while it moves
 * may be missed, as pub/sub delivers at most once anyway.
 *
 * <p>Thread contract: any thread.
 */
public final class ShardSubscription implements AutoCloseable {

    private final ShardSubscriptions owner;
    final int slot;
    final String[] channels;
    final MessageListener<String> listener;
    private volatile String endpoint;
    private volatile Subscription current;
    private volatile boolean closed;
    private CompletableFuture<Void> moving = CompletableFuture.completedFuture(null); // guarded by this

    ShardSubscription(ShardSubscriptions owner, int slot, String[] channels, MessageListener<String> listener) {
        this.owner = owner;
        this.slot = slot;
        this.channels = channels.clone();
        this.listener = listener;
    }

    /** The shard channels. */
    public List<String> names() {
        return List.of(channels);
    }

    /** The node the subscription is on now, as host:port. */
    public String node() {
        return endpoint;
    }

    /** Subscribes at the slot's owner if that is not where it is; one move at a time. */
    synchronized CompletableFuture<Void> follow(ClusterNodes nodes) {
        if (!moving.isDone()) return moving;
        NodeConnection target = nodes.owner(slot);
        if (closed || target == null || target.endpoint.equals(endpoint)) return moving;
        moving = target.pubSub().thenCompose(c -> c.ssubscribe(listener, channels)).thenAccept(subscription -> {
            Subscription old = current;
            current = subscription;
            endpoint = target.endpoint;
            if (old != null) old.unsubscribe();
            if (closed) subscription.unsubscribe();
        });
        return moving;
    }

    /** SUNSUBSCRIBE: no more messages. */
    public CompletableFuture<Void> unsubscribe() {
        closed = true;
        owner.remove(this);
        Subscription s = current;
        return s == null ? CompletableFuture.completedFuture(null) : s.unsubscribe();
    }

    @Override
    public void close() {
        unsubscribe();
    }

    @Override
    public String toString() {
        return "ShardSubscription" + names() + " at " + endpoint;
    }
}

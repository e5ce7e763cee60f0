package dev.aioj.redis;

import dev.aioj.loop.TimerHandle;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link RedisClusterClient}'s shard subscriptions, kept on the owners of
 * their slots: after every topology refresh each one {@link
 * ShardSubscription#follow follows} its slot. While any exists, the topology
 * is also refreshed every {@link #FOLLOW_PERIOD}, because a subscribed
 * connection sends no command that would meet a MOVED or notice a failover.
 *
 * <p>Thread contract: any thread.
 */
final class ShardSubscriptions {

    /** How soon a moved or failed-over slot's subscriptions follow it, at the cost of one CLUSTER SHARDS per period. */
    static final Duration FOLLOW_PERIOD = Duration.ofSeconds(1);

    private final ClusterNodes nodes;
    private final List<ShardSubscription> active = new CopyOnWriteArrayList<>();
    private TimerHandle timer; // guarded by this

    ShardSubscriptions(ClusterNodes nodes) {
        this.nodes = nodes;
        nodes.onTopology(this::followAll);
    }

    CompletableFuture<ShardSubscription> subscribe(MessageListener<String> listener, String... channels) {
        java.util.Objects.requireNonNull(listener, "listener");
        if (channels.length == 0) throw new IllegalArgumentException("SSUBSCRIBE needs at least one channel");
        int slot = SlotHash.slot(channels[0]);
        for (String channel : channels) {
            if (SlotHash.slot(channel) != slot) {
                return CompletableFuture.failedFuture(new RedisReplyException("CROSSSLOT", ClusterView.CROSSSLOT));
            }
        }
        ShardSubscription subscription = new ShardSubscription(this, slot, channels, listener);
        active.add(subscription);
        synchronized (this) {
            if (timer == null) schedule();
        }
        return subscription.follow(nodes).thenApply(v -> subscription);
    }

    private void schedule() {
        timer = nodes.loop().callLater(FOLLOW_PERIOD, () -> {
            nodes.requestRefresh();
            synchronized (this) {
                if (active.isEmpty()) {
                    timer = null;
                } else {
                    schedule();
                }
            }
        });
    }

    private void followAll() {
        for (ShardSubscription subscription : active) subscription.follow(nodes);
    }

    void remove(ShardSubscription subscription) {
        active.remove(subscription);
    }

    synchronized void close() {
        if (timer != null) timer.cancel();
        timer = null;
        active.clear();
    }
}

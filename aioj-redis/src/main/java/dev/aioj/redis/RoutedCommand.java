package dev.aioj.redis;

import dev.aioj.redis.resp.RespEncoder;
import dev.aioj.redis.resp.RespOutput;
import java.nio.charset.StandardCharsets;

/**
 * A {@link RedisClusterClient} command sent straight into the pipeline of its
 * slot's node: its caller holds this command's own future, and a failure that
 * calls for the cluster's handling (MOVED, ASK, TRYAGAIN, CLUSTERDOWN, a node
 * down before the command was written) goes to {@link ClusterRouter} instead
 * of to the caller, which then completes the same future with the retried
 * command's outcome. So a command that meets no redirection costs what it
 * costs on one node: no second future chained on the first, no view per
 * command, no argument array for a command of one key (and value).
 *
 * <p>The node's pipeline calls {@link #completeExceptionally} only once it
 * has let go of the command (taken from its reply FIFO, its backlog or its
 * queue, or never queued), so the router may send it again elsewhere. A
 * command already done (timed out, cancelled) is never handed on: its late
 * MOVED is dropped like any late reply.
 *
 * <p>Thread contract: as {@link Command}; the router is any thread.
 */
final class RoutedCommand<T> extends Command<T> {

    final ClusterRouter router;
    final int slot;
    final ClusterRouter.Kind kind;
    /** The node it was submitted to (set before submitting). */
    NodeConnection node;
    private final String name;     // with key (and value): a command of one key; null when given as args
    private final Object key;
    private final Object value;    // NO_VALUE for a command of the key alone
    private final Object[] args;   // the whole command, when given as an array

    private static final Object NO_VALUE = new Object();

    private RoutedCommand(ClusterRouter router, int slot, ClusterRouter.Kind kind, String name, Object key,
            Object value, Object[] args, Reply<T> reply, CommandSettings settings) {
        super(reply, settings);
        this.router = router;
        this.slot = slot;
        this.kind = kind;
        this.name = name;
        this.key = key;
        this.value = value;
        this.args = args;
    }

    /** {@code name key}. */
    static <T> RoutedCommand<T> ofKey(ClusterRouter router, int slot, ClusterRouter.Kind kind, String name,
            Object key, Reply<T> reply, CommandSettings settings) {
        return new RoutedCommand<>(router, slot, kind, name, key, NO_VALUE, null, reply, settings);
    }

    /** {@code name key value}. */
    static <T> RoutedCommand<T> ofKeyValue(ClusterRouter router, int slot, ClusterRouter.Kind kind, String name,
            Object key, Object value, Reply<T> reply, CommandSettings settings) {
        return new RoutedCommand<>(router, slot, kind, name, key, value, null, reply, settings);
    }

    /** The command as an argument array (name first). */
    static <T> RoutedCommand<T> ofArgs(ClusterRouter router, int slot, ClusterRouter.Kind kind, Object[] args,
            Reply<T> reply, CommandSettings settings) {
        return new RoutedCommand<>(router, slot, kind, null, null, null, args, reply, settings);
    }

    /** The command as an argument array, for a re-send (built only when one is needed). */
    Object[] args() {
        if (args != null) return args;
        return value == NO_VALUE ? new Object[] {name, key} : new Object[] {name, key, value};
    }

    @Override
    void encode(RespOutput out) {
        if (args != null) {
            RespEncoder.encodeCommand(out, args);
        } else if (value == NO_VALUE) {
            RespEncoder.encodeCommand(out, name, key);
        } else {
            RespEncoder.encodeCommand(out, name, key, value);
        }
    }

    @Override
    String name() {
        if (name != null) return name;
        Object first = args.length > 0 ? args[0] : "";
        return first instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(first);
    }

    @Override
    boolean completeExceptionally(Throwable error) {
        if (isDone()) {
            return false; // timed out or cancelled already: a late redirection is dropped, not followed
        }
        if (router.takeOver(this, error)) {
            return true; // the router completes the future once the command got its answer elsewhere
        }
        return super.completeExceptionally(error);
    }
}

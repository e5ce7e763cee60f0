package dev.aioj.amqp;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * When publishes must wait, and the line they wait in: while the broker says
 * {@code connection.blocked} (a memory or disk alarm), while the socket's
 * write buffer is above its high water mark, or while the connection is not
 * open, a publish is held here in order (no thread blocks) and goes out,
 * oldest first, on {@code connection.unblocked}, on the socket's resume, or
 * when recovery is over. Owned by one {@link AmqpConnection}.
 *
 * <p>Thread contract: loop thread only, except {@link #isBlocked} and
 * {@link #addListener} (any thread).
 */
final class FlowControl {

    private static final System.Logger LOG = System.getLogger(AmqpConnection.class.getName());

    private final AmqpConnection connection;
    private final ArrayDeque<Publish> held = new ArrayDeque<>();
    private final List<BlockedListener> listeners = new CopyOnWriteArrayList<>();
    /** The socket's write buffer is below its high water mark (true again on each new socket). */
    private boolean writable = true;
    /** Set on the loop, read from any thread. */
    private volatile boolean blocked;

    FlowControl(AmqpConnection connection) {
        this.connection = connection;
    }

    void addListener(BlockedListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    boolean isBlocked() {
        return blocked;
    }

    /** A new socket: its write buffer is empty. */
    void newSocket() {
        writable = true;
    }

    /** The socket paused (above its high water mark) or resumed writing. */
    void writable(boolean canWrite) {
        writable = canWrite;
        if (canWrite) flush();
    }

    /** connection.blocked from the broker. */
    void blocked(String reason) {
        blocked = true;
        LOG.log(System.Logger.Level.INFO, connection.uri + ": broker blocked publishing: " + reason);
        for (BlockedListener l : listeners) {
            connection.safely(() -> l.blocked(reason));
        }
    }

    /** connection.unblocked from the broker: what waited goes out. */
    void unblocked() {
        blocked = false;
        flush();
        for (BlockedListener l : listeners) {
            connection.safely(l::unblocked);
        }
    }

    /** Whether a publish taken from the line must go back: blocked by the broker, socket full, or not open. */
    boolean mustWait() {
        return blocked || !writable || connection.state != AmqpConnection.State.OPEN;
    }

    /** Whether a new publish must wait: {@link #mustWait}, or older ones are waiting (order is kept). */
    boolean holds() {
        return mustWait() || !held.isEmpty();
    }

    void hold(Publish p) {
        held.add(p);
    }

    /** Back at the head of the line: it was first in it. */
    void holdFirst(Publish p) {
        held.addFirst(p);
    }

    /** Sends the waiting publishes while the broker and the socket take them. */
    void flush() {
        while (!held.isEmpty() && !mustWait()) {
            Publish p = held.poll();
            p.channel.writePublish(p, true);
        }
    }

    /** The connection closed for good: every waiting publish fails with {@code unsent}. */
    void failAll(AmqpException unsent) {
        for (Publish p; (p = held.poll()) != null; ) {
            p.future.completeExceptionally(unsent);
        }
    }
}

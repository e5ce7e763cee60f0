package dev.aioj.redis;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The submission queue of one connection: any number of threads add commands,
 * the connection's loop takes them. Dmitry Vyukov's intrusive MPSC queue:
 * the commands are the nodes, so queueing allocates nothing, and a producer
 * pays one atomic swap and one volatile store, with no lock and no retry loop.
 *
 * <p>A producer that has swapped the tail but not yet linked its node makes
 * the queue look empty for a moment; {@link #poll} then returns null and the
 * loop looks again: {@code Pipeline.drain} checks the queue after clearing its
 * drain flag, and a producer that finds the flag clear schedules the drain.
 *
 * <p>Thread contract: {@link #offer} from any thread; {@link #poll} and
 * {@link #isEmpty} on the consumer (loop) thread only.
 */
final class CommandQueue {

    private static final VarHandle NEXT;

    static {
        try {
            NEXT = MethodHandles.lookup().findVarHandle(Command.class, "queueNext", Command.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Command<?> stub = new ArgsCommand<>(new Object[0], null, CommandSettings.NONE);
    private final AtomicReference<Command<?>> tail = new AtomicReference<>(stub);
    private Command<?> head = stub; // the last node taken (or the stub): its successor is next

    /** {@code command} must be new: its link is still null, so nothing needs clearing before the swap. */
    void offer(Command<?> command) {
        Command<?> previous = tail.getAndSet(command);
        // volatile: publishes the command, and orders it before the caller's wake-up check (see Pipeline.submit)
        NEXT.setVolatile(previous, command);
    }

    /** The oldest command, or null if none is (fully) queued. */
    Command<?> poll() {
        Command<?> next = (Command<?>) NEXT.getVolatile(head);
        if (next == null) {
            return null;
        }
        NEXT.set(head, null); // unlink the old head so a long-lived queue does not chain garbage
        head = next;
        return next;
    }

    boolean isEmpty() {
        return NEXT.getVolatile(head) == null;
    }
}

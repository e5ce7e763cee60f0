package dev.aioj.redis;

/**
 * Commands written to the socket, oldest first, each waiting for its reply:
 * the seed's {@code _waiters} deque. Redis answers in order, so the reply at
 * the head of the stream belongs to the command at the head of this list.
 * Linked through {@link Command#waiterNext}: no allocation per command.
 *
 * <p>Thread contract: loop thread only.
 */
final class ReplyWaiters {

    private Command<?> head;
    private Command<?> tail;
    private int size;

    void add(Command<?> command) {
        command.waiterNext = null;
        if (tail == null) {
            head = command;
        } else {
            tail.waiterNext = command;
        }
        tail = command;
        size++;
    }

    Command<?> peek() {
        return head;
    }

    Command<?> poll() {
        Command<?> first = head;
        if (first != null) {
            head = first.waiterNext;
            first.waiterNext = null;
            if (head == null) {
                tail = null;
            }
            size--;
        }
        return first;
    }

    int size() {
        return size;
    }

    /** How many are done already (timed out, cancelled) and only wait to drop their reply. */
    int doneCount() {
        int done = 0;
        for (Command<?> c = head; c != null; c = c.waiterNext) {
            if (c.isDone()) {
                done++;
            }
        }
        return done;
    }

    boolean isEmpty() {
        return head == null;
    }
}

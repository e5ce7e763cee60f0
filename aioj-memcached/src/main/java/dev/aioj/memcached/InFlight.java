package dev.aioj.memcached;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The requests written to one socket, oldest first, each waiting for its
 * reply, and the rule that pairs a reply with its request. memcached answers
 * in order, so:
 *
 * <ul>
 * <li>a reply with opaque token {@code O<n>} belongs to the request that sent
 *     {@code n}; quiet requests before it said nothing, so they were misses;
 *     a non-quiet request before it means the stream is out of step
 *     (a desync), and the connection must be dropped;</li>
 * <li>{@code MN} belongs to the oldest {@code mn}, past the quiet requests
 *     before it;</li>
 * <li>an error line carries no token: it belongs to the oldest non-quiet
 *     request (our quiet requests are gets of checked keys, which memcached
 *     never refuses; should one be refused after all, the next reply's token
 *     no longer matches and the desync is caught there).</li>
 * </ul>
 *
 * A request completed already (timed out) stays until its reply, which is
 * then dropped. Linked through {@link Request#nextInFlight}: no allocation.
 *
 * <p>Thread contract: loop thread only.
 */
final class InFlight {

    private final AtomicInteger pending;
    private Request head;
    private Request tail;
    private int size;

    /** @param pending the connection's count of requests it holds, decremented as requests leave */
    InFlight(AtomicInteger pending) {
        this.pending = pending;
    }

    void add(Request request) {
        request.nextInFlight = null;
        if (tail == null) {
            head = request;
        } else {
            tail.nextInFlight = request;
        }
        tail = request;
        size++;
    }

    Request peek() {
        return head;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return head == null;
    }

    /** Whether every request left only waits to drop its late reply. */
    boolean allDone() {
        for (Request r = head; r != null; r = r.nextInFlight) {
            if (!r.isDone()) {
                return false;
            }
        }
        return true;
    }

    /** Removes the oldest request; the caller completes or fails it. */
    Request poll() {
        Request first = head;
        if (first != null) {
            head = first.nextInFlight;
            first.nextInFlight = null;
            if (head == null) {
                tail = null;
            }
            size--;
            pending.decrementAndGet();
        }
        return first;
    }

    /**
     * Removes and returns the request {@code reply} answers, completing the
     * quiet requests passed over as misses.
     *
     * @throws MemcachedProtocolException on a desync
     */
    Request take(MetaReply reply, String server) {
        boolean byToken = reply.status != MetaReply.Status.NOOP && reply.status != MetaReply.Status.ERROR;
        if (byToken && reply.opaque < 0) {
            throw new MemcachedProtocolException("reply " + reply + " carries no opaque token of this client", -1,
                    server);
        }
        while (head != null) {
            Request r = head;
            boolean match = byToken ? r.sendsOpaque() && r.opaque == reply.opaque
                    : !r.quiet() && (reply.status == MetaReply.Status.ERROR || !r.sendsOpaque());
            if (match) {
                return poll();
            }
            if (!r.quiet()) {
                throw new MemcachedProtocolException("desync: reply " + reply + " arrived while the oldest request "
                        + "waiting is " + r.command() + (r.sendsOpaque() ? " O" + r.opaque : ""), -1, server);
            }
            poll();
            if (!r.isDone()) {
                r.completeQuiet();
            }
        }
        throw new MemcachedProtocolException("reply " + reply + " arrived with no request waiting", -1, server);
    }

    /** Fails and removes every request. */
    void failAll(Throwable error) {
        for (Request r; (r = poll()) != null; ) {
            r.fail(error);
        }
    }
}

package dev.aioj.amqp;

import java.util.Arrays;

/**
 * The publishes of one channel in confirm mode that await the broker's ack
 * or nack, by sequence number. Numbers are given in write order without gaps
 * (the broker counts the same way), so the publish numbered {@code s} sits
 * at a fixed offset from the oldest one in a ring: an ack of one tag, in or
 * out of order, is found without a search, and {@code multiple} acks walk
 * from the oldest. Loop thread only.
 */
final class ConfirmWindow {

    private Publish[] ring = new Publish[64];
    /** The publishes one ack or nack completes, reused. */
    private final java.util.ArrayList<Publish> done = new java.util.ArrayList<>();
    private int head;          // index of sequence number `first`
    private long first = 1;    // oldest sequence number still in the ring (maybe completed: null)
    private long next = 1;     // the number the next publish gets
    private int outstanding;

    /** Numbers the next publish and keeps it until its confirm. */
    long add(Publish p) {
        int count = (int) (next - first);
        if (count == ring.length) {
            Publish[] bigger = new Publish[ring.length * 2];
            for (int i = 0; i < count; i++) {
                bigger[i] = ring[(head + i) & (ring.length - 1)];
            }
            ring = bigger;
            head = 0;
        }
        ring[(head + count) & (ring.length - 1)] = p;
        outstanding++;
        return next++;
    }

    int outstanding() {
        return outstanding;
    }

    long nextSequence() {
        return next;
    }

    /**
     * Completes {@code tag} (and all older with {@code multiple}), failing
     * them on a nack. The futures complete after the ring is consistent
     * again: their callbacks may publish on this channel.
     */
    void confirm(long tag, boolean multiple, boolean nack) {
        if (tag >= next || tag < 0) return; // not ours (a stale tag): ignore
        if (multiple) {
            while (first <= tag) {
                take(head);
                head = (head + 1) & (ring.length - 1);
                first++;
            }
        } else if (tag >= first) {
            take((int) ((head + (tag - first)) & (ring.length - 1)));
        }
        while (first < next && ring[head] == null) {
            head = (head + 1) & (ring.length - 1);
            first++;
        }
        for (int i = 0; i < done.size(); i++) {
            Publish p = done.get(i);
            if (nack) {
                p.future.completeExceptionally(new AmqpPublishException(AmqpPublishException.Kind.NACKED, 0, "",
                        p.exchange, p.routingKey));
            } else if (p.returned != null) {
                p.future.completeExceptionally(p.returned);
            } else {
                p.future.complete(null);
            }
        }
        done.clear();
    }

    private void take(int index) {
        Publish p = ring[index];
        if (p == null) return;
        ring[index] = null;
        outstanding--;
        done.add(p);
    }

    /** The oldest mandatory publish to this exchange and key not yet returned: basic.return's message. */
    Publish findReturned(String exchange, String routingKey) {
        for (long s = first; s < next; s++) {
            Publish p = ring[(int) ((head + (s - first)) & (ring.length - 1))];
            if (p != null && p.mandatory && p.returned == null && p.exchange.equals(exchange)
                    && p.routingKey.equals(routingKey)) {
                return p;
            }
        }
        return null;
    }

    /** Fails every publish still waiting, and starts numbering from 1 again (a new channel on the broker). */
    void failAll(Throwable error) {
        java.util.List<Publish> failed = new java.util.ArrayList<>();
        for (long s = first; s < next; s++) {
            Publish p = ring[(int) ((head + (s - first)) & (ring.length - 1))];
            if (p != null) failed.add(p);
        }
        Arrays.fill(ring, null);
        head = 0;
        first = 1;
        next = 1;
        outstanding = 0;
        for (Publish p : failed) {
            p.future.completeExceptionally(error);
        }
    }
}

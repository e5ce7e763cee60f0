package dev.aioj.amqp;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The publishes of one channel in confirm mode that await the broker's ack
 * or nack, by sequence number. Numbers are given in write order without gaps
 * (the broker counts the same way), so the publish numbered {@code s} sits
 * at a fixed offset from the oldest one in a ring: an ack of one tag, in or
 * out of order, is found without a search, and {@code multiple} acks walk
 * from the oldest. Loop thread only.
 */
final class ConfirmWindow {

    /** One publish awaiting its confirm. */
    static final class Pending {
        final CompletableFuture<Void> future;
        final boolean mandatory;
        final String exchange;
        final String routingKey;
        AmqpPublishException returned; // set by basic.return, reported on the ack that follows

        Pending(CompletableFuture<Void> future, boolean mandatory, String exchange, String routingKey) {
            this.future = future;
            this.mandatory = mandatory;
            this.exchange = exchange;
            this.routingKey = routingKey;
        }
    }

    private Pending[] ring = new Pending[64];
    private int head;          // index of sequence number `first`
    private long first = 1;    // oldest sequence number still in the ring (maybe completed: null)
    private long next = 1;     // the number the next publish gets
    private int outstanding;

    /** Numbers the next publish and keeps it until its confirm. */
    long add(Pending p) {
        int count = (int) (next - first);
        if (count == ring.length) {
            Pending[] bigger = new Pending[ring.length * 2];
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

    /** Completes {@code tag} (and all older with {@code multiple}): null error for an ack. */
    void confirm(long tag, boolean multiple, boolean nack, Consumer<Runnable> run) {
        if (tag >= next || tag < 0) return; // not ours (a stale tag): ignore
        if (multiple) {
            while (first <= tag) {
                completeSlot(head, nack, run);
                head = (head + 1) & (ring.length - 1);
                first++;
            }
        } else if (tag >= first) {
            completeSlot((int) ((head + (tag - first)) & (ring.length - 1)), nack, run);
        }
        while (first < next && ring[head] == null) {
            head = (head + 1) & (ring.length - 1);
            first++;
        }
    }

    private void completeSlot(int index, boolean nack, Consumer<Runnable> run) {
        Pending p = ring[index];
        if (p == null) return;
        ring[index] = null;
        outstanding--;
        if (nack) {
            run.accept(() -> p.future.completeExceptionally(new AmqpPublishException(
                    AmqpPublishException.Kind.NACKED, 0, "", p.exchange, p.routingKey)));
        } else if (p.returned != null) {
            AmqpPublishException e = p.returned;
            run.accept(() -> p.future.completeExceptionally(e));
        } else {
            run.accept(() -> p.future.complete(null));
        }
    }

    /** The oldest mandatory publish to this exchange and key not yet returned: basic.return's message. */
    Pending findReturned(String exchange, String routingKey) {
        for (long s = first; s < next; s++) {
            Pending p = ring[(int) ((head + (s - first)) & (ring.length - 1))];
            if (p != null && p.mandatory && p.returned == null && p.exchange.equals(exchange)
                    && p.routingKey.equals(routingKey)) {
                return p;
            }
        }
        return null;
    }

    /** Fails every publish still waiting, and starts numbering from 1 again (a new channel on the broker). */
    void failAll(Throwable error, Consumer<Runnable> run) {
        for (long s = first; s < next; s++) {
            int i = (int) ((head + (s - first)) & (ring.length - 1));
            Pending p = ring[i];
            if (p != null) {
                run.accept(() -> p.future.completeExceptionally(error));
            }
        }
        Arrays.fill(ring, null);
        head = 0;
        first = 1;
        next = 1;
        outstanding = 0;
    }
}

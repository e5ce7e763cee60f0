package dev.aioj.memcached;

/**
 * {@code mn}: the barrier that closes a batch of quiet requests. Its {@code
 * MN} comes after every reply of the requests written before it, so when it
 * arrives the quiet ones that said nothing were misses. It carries no opaque
 * token; the FIFO's order identifies it.
 */
final class NoopRequest extends Request {

    /** What waits for the barrier. */
    interface Barrier {
        void passed();

        void failed(Throwable error);

        boolean isDone();
    }

    private final Barrier barrier;

    NoopRequest(Barrier barrier) {
        this.barrier = barrier;
    }

    @Override
    String command() {
        return "mn";
    }

    @Override
    boolean sendsOpaque() {
        return false;
    }

    @Override
    void encode(RequestBuffer out, int opaque) {
        out.ascii("mn").crlf();
    }

    @Override
    void complete(MetaReply reply, String server) {
        if (reply.status != MetaReply.Status.NOOP) {
            throw unexpected(reply, server);
        }
        barrier.passed();
    }

    @Override
    void fail(Throwable error) {
        barrier.failed(error);
    }

    @Override
    boolean isDone() {
        return barrier.isDone();
    }
}

package dev.aioj.memcached;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A multi-get: for each server, one quiet {@code mg <key> v q O<n>} per key
 * (hits answer, misses stay silent) and one {@code mn} closing the batch. The
 * result map is complete when every server's {@code MN} arrived; a failure on
 * any server fails the whole call.
 *
 * <p>Thread contract: hits and barriers arrive on the client's one loop
 * thread; only {@link #failed} may come from a caller's thread (a server that
 * refused the batch at once), and the future settles that race.
 */
final class MultiGet implements NoopRequest.Barrier {

    final CompletableFuture<Map<String, byte[]>> future;
    private final Map<String, byte[]> hits;
    private final AtomicInteger barriersLeft;

    MultiGet(CompletableFuture<Map<String, byte[]>> future, int keys, int servers) {
        this.future = future;
        this.hits = new HashMap<>(Math.max(4, keys * 2));
        this.barriersLeft = new AtomicInteger(servers);
    }

    /** The quiet get of one key. */
    Request get(String key) {
        return new Member(key);
    }

    /** The barrier closing one server's part. */
    Request barrier() {
        return new NoopRequest(this);
    }

    @Override
    public void passed() {
        if (barriersLeft.decrementAndGet() == 0) {
            future.complete(hits);
        }
    }

    @Override
    public void failed(Throwable error) {
        future.completeExceptionally(error);
    }

    @Override
    public boolean isDone() {
        return future.isDone();
    }

    private final class Member extends Request {
        private final String key;

        Member(String key) {
            this.key = key;
        }

        @Override
        String command() {
            return "mg";
        }

        @Override
        boolean quiet() {
            return true;
        }

        @Override
        void encode(RequestBuffer out, int opaque) {
            out.command("mg", key).flag('v').flag('q').flag('O', opaque).crlf();
        }

        @Override
        void complete(MetaReply reply, String server) {
            if (reply.status != MetaReply.Status.VALUE) {
                throw unexpected(reply, server);
            }
            if (!future.isDone()) {
                hits.put(key, reply.value);
            }
        }

        @Override
        void completeQuiet() {
            // a miss: nothing to record
        }

        @Override
        void fail(Throwable error) {
            failed(error);
        }

        @Override
        boolean isDone() {
            return future.isDone();
        }
    }
}

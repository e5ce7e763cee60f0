package dev.aioj.memcached;

import java.util.concurrent.CompletableFuture;

/**
 * A request whose caller waits on a future of its own (every request but the
 * members of a multi-get). The future comes from the connection's loop, so
 * its blocking waits refuse to run on a loop thread.
 */
abstract class FutureRequest<T> extends Request {

    final CompletableFuture<T> future;

    FutureRequest(CompletableFuture<T> future) {
        this.future = future;
    }

    @Override
    final void fail(Throwable error) {
        future.completeExceptionally(error);
    }

    @Override
    final boolean isDone() {
        return future.isDone();
    }
}

package dev.aioj.stream;

import dev.aioj.loop.EventLoop;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * How the blocking views wait for a future: refuse on a loop thread (it would
 * wait for work only that thread can do), then block the calling (virtual)
 * thread and rethrow the failure as it was: an {@link IncompleteReadException}
 * stays one, so callers catch the type they would catch from the future.
 *
 * <p>Thread contract: any thread except a loop thread.
 */
final class Await {

    private Await() {}

    static void refuseOnLoopThread(String what) {
        EventLoop.refuseOnLoopThread(what);
    }

    /** Waits for {@code future}; on interrupt, gives it up (a queued read then takes no bytes). */
    static <T> T result(CompletableFuture<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting");
            interrupted.initCause(e);
            throw interrupted;
        } catch (CancellationException e) {
            InterruptedIOException cancelled = new InterruptedIOException("cancelled while waiting");
            cancelled.initCause(e);
            throw cancelled;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }
}

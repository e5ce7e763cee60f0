package dev.aioj.server;

import java.time.Duration;
import java.util.ArrayList;

/**
 * Stops command processing for every client until a deadline, without
 * blocking the loop thread: what DEBUG SLEEP means in Redis (its main thread
 * sleeps). While paused, clients keep reading into their query buffers but
 * run nothing, and the cron skips active expiry; when the pause ends, every
 * client goes on with what it has buffered, in connection order.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ServerPause {

    private final ServerState server;
    private boolean active;

    ServerPause(ServerState server) {
        this.server = server;
    }

    /** Whether commands must wait (checked before each command a client runs). */
    boolean active() {
        return active;
    }

    /**
     * Pauses until {@code done} completes (MIGRATE: Redis's main thread waits for the target); {@code
     * whenOver} runs first, on the loop thread, with the result or the failure.
     */
    <T> void pauseUntil(java.util.concurrent.CompletableFuture<T> done,
            java.util.function.BiConsumer<T, Throwable> whenOver) {
        active = true;
        done.whenCompleteAsync((value, failure) -> {
            active = false;
            whenOver.accept(value, failure);
            for (Client c : new ArrayList<>(server.clients.values())) {
                c.resumeSoon();
            }
        }, server.loop::execute);
    }

    /** Pauses for {@code duration}; {@code whenOver} runs first when it ends (the sleeper's +OK). */
    void pause(Duration duration, Runnable whenOver) {
        active = true;
        server.loop.callLater(duration, () -> {
            active = false;
            whenOver.run();
            for (Client c : new ArrayList<>(server.clients.values())) {
                c.resumeSoon();
            }
        });
    }
}

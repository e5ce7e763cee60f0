package dev.aioj.server;

import java.time.Duration;
import java.util.ArrayList;

/**
 * Stops command processing for every client until a deadline, without
 * blocking the loop thread: what DEBUG SLEEP means in Redis (its main thread
 * sleeps). While paused, clients keep reading into their query buffers but
 * run nothing, and a cron tick that falls due waits ({@link #afterPause});
 * when the pause ends, the overdue cron runs once, then every client goes on
 * with what it has buffered, in connection order.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ServerPause {

    private final ServerState server;
    private boolean active;
    /** The cron work that fell due during this pause, run once when it ends; null when none did. */
    private Runnable overdue;

    ServerPause(ServerState server) {
        this.server = server;
    }

    /** Whether commands must wait (checked before each command a client runs). */
    boolean active() {
        return active;
    }

    /**
     * Runs {@code task} when the pause ends, once however often it is asked
     * during one pause: Redis's main thread runs the serverCron that fell due
     * while it slept right after it wakes. Skipping the tick instead would
     * starve the cron of a client that pauses back to back, since each tick
     * would land in a pause (seen: save rules that never fired).
     */
    void afterPause(Runnable task) {
        overdue = task;
    }

    /** The pause is over (its caller cleared {@link #active}): the overdue cron, then buffered commands. */
    private void end() {
        Runnable cron = overdue;
        overdue = null;
        for (Client c : new ArrayList<>(server.clients.values())) {
            c.resumeSoon(); // the clients' commands run after this callback, so after the cron below
        }
        if (cron != null) {
            cron.run();
        }
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
            end();
        }, server.loop::execute);
    }

    /** Pauses for {@code duration}; {@code whenOver} runs first when it ends (the sleeper's +OK). */
    void pause(Duration duration, Runnable whenOver) {
        active = true;
        server.loop.callLater(duration, () -> {
            active = false;
            whenOver.run();
            end();
        });
    }
}

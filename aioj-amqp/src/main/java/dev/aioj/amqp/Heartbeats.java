package dev.aioj.amqp;

import dev.aioj.loop.TimerHandle;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * AMQP heartbeats of one socket, as the spec and RabbitMQ want them: a
 * timer every heartbeat/2 sends a heartbeat frame when nothing else was
 * written since the last tick, and declares the broker dead when nothing
 * was read for 2 x heartbeat. The connection reports each read and write;
 * a new socket restarts the timer. Loop thread only.
 */
final class Heartbeats {

    private final AmqpConnection connection;
    private TimerHandle timer;
    private long lastRead, lastWrite;

    Heartbeats(AmqpConnection connection) {
        this.connection = connection;
    }

    void read() {
        lastRead = System.nanoTime();
    }

    void wrote() {
        lastWrite = System.nanoTime();
    }

    /** Starts ticking for {@code link} after tune ({@code seconds} 0: no heartbeats). */
    void start(Link link, int seconds) {
        stop();
        if (seconds == 0) return;
        long halfNanos = TimeUnit.SECONDS.toNanos(seconds) / 2;
        lastRead = lastWrite = System.nanoTime();
        timer = connection.loop.callLater(Duration.ofNanos(halfNanos), () -> tick(link, seconds, halfNanos));
    }

    private void tick(Link link, int seconds, long halfNanos) {
        if (!connection.isCurrent(link)) return;
        long now = System.nanoTime();
        if (now - lastRead > 4 * halfNanos) {
            connection.peerDead(link, seconds);
            return;
        }
        if (now - lastWrite >= halfNanos) {
            FrameEncoder out = new FrameEncoder(8);
            out.heartbeat();
            connection.send(out.array(), out.length());
        }
        timer = connection.loop.callLater(Duration.ofNanos(halfNanos), () -> tick(link, seconds, halfNanos));
    }

    void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}

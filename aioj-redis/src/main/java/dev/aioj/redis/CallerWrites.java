package dev.aioj.redis;

import dev.aioj.internal.DirectWrites;
import dev.aioj.redis.resp.RespOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bytes side of a command written from its caller's thread on an idle
 * connection: the caller's encoding buffer, the direct write to the socket,
 * and the slot where the written command waits for the loop to take it into
 * the reply FIFO. A lone blocking caller's round trip then costs one thread
 * hand-off (the reply) instead of two.
 *
 * <p>It decides nothing: {@link CallerTurns} decides when a caller may write
 * (the claim on the socket is {@link Pipeline}'s, with its pending count)
 * and calls {@link #write} while the caller holds that claim; the pipeline
 * calls {@link #take} on the loop. This class calls nothing back.
 *
 * <p>Thread contract: {@link #write} from the one caller holding the
 * pipeline's claim on the socket; {@link #take} and {@link #takenFrom} on the
 * loop; {@link #untake}, {@link #hasUntaken} and {@link #writes} from any
 * thread (the slot is atomic).
 */
final class CallerWrites {

    /** How often the loop takes in written commands no reply has woken it for yet. */
    static final Duration WATCH = Duration.ofMillis(50);
    private static final long WATCH_NANOS = WATCH.toNanos();

    // Owned by the caller holding the pipeline's claim.
    private final RespOutput out = new RespOutput(1024);
    private ByteBuffer outBuffer = ByteBuffer.wrap(out.array());

    /** The command a caller wrote and the loop has not taken yet. */
    private final AtomicReference<Command<?>> written = new AtomicReference<>();
    /** The socket the command in {@link #written} went to; written before it, so a taker sees it. */
    private volatile Link writtenOn;
    private volatile int writes;

    /**
     * Only commands whose timeout is at least one {@link #WATCH} tick (or none)
     * are written so: nothing wakes the loop for them until their reply, so
     * their deadline is watched at tick granularity.
     */
    static boolean eligible(Command<?> command) {
        long timeout = command.settings.timeoutNanos();
        return (timeout == 0 || timeout >= WATCH_NANOS) && !command.isDone();
    }

    /**
     * Encodes {@code command}, publishes it in the slot, then writes its bytes
     * to {@code link}'s socket, {@code socket} (aioj-core's internal direct
     * write, which only plain TCP and unix transports offer). The command is published before its bytes go
     * out: its reply may be read before this returns.
     *
     * @return the bytes the socket did not take (the loop must write them,
     *         ahead of anything else), or null if all went out or the socket
     *         failed (the loop sees the failure and fails the command)
     * @throws RuntimeException from encoding: nothing was published or written
     */
    byte[] write(Link link, DirectWrites socket, Command<?> command) {
        out.clear();
        command.encode(out);
        writtenOn = link;
        written.set(command);
        writes++;
        ByteBuffer bytes = buffer();
        boolean failed = false;
        try {
            socket.writeDirect(bytes); // -1 (closing) leaves every byte for the loop, which drops them
        } catch (IOException e) {
            failed = true;
        }
        byte[] rest = failed || !bytes.hasRemaining() ? null
                : Arrays.copyOfRange(bytes.array(), bytes.position(), bytes.limit());
        out.clear(); // while still ours: a large command's array is dropped now, not at the next write
        return rest;
    }

    private ByteBuffer buffer() {
        if (outBuffer.array() != out.array()) {
            outBuffer = ByteBuffer.wrap(out.array());
        }
        return outBuffer.limit(out.size()).position(0);
    }

    /** True while a written command waits to be taken in (no reply has come for it). */
    boolean hasUntaken() {
        return written.get() != null;
    }

    /**
     * Takes the written command out of the slot, or null. {@link #takenFrom}
     * then tells which socket it went to.
     */
    Command<?> take() {
        if (written.get() == null) {
            return null;
        }
        Link on = writtenOn; // read before the take: the next write cannot start before this one is answered
        Command<?> command = written.getAndSet(null);
        lastTakenFrom = on;
        return command;
    }

    private Link lastTakenFrom;

    /** The socket the command last returned by {@link #take} was written to. Same thread as take. */
    Link takenFrom() {
        return lastTakenFrom;
    }

    /** Takes {@code command} back out of the slot if nobody took it yet; true if this call did. */
    boolean untake(Command<?> command) {
        return written.compareAndSet(command, null);
    }

    /** How many commands callers have written so far: the loop's watch ticks while this moves. */
    int writes() {
        return writes;
    }
}

package dev.aioj.loop;

import dev.aioj.net.Transport;

/**
 * A transport's write-buffer water marks and whether its protocol has been
 * told to pause: asyncio's flow control, shared by the TCP and UDP
 * transports. Pause strictly above the high mark; resume at the low mark or
 * below; never twice in a row the same way.
 *
 * <p>Thread contract: {@link #check} from any thread; the rest on the
 * transport's loop thread.
 */
final class WaterMarks {

    private int high = Transport.DEFAULT_HIGH_WATER;
    private int low = Transport.DEFAULT_LOW_WATER;
    private boolean paused;

    /** Validates limits on the caller's thread, before they travel to the loop. */
    static void check(int high, int low) {
        if (low < 0) {
            throw new IllegalArgumentException("low < 0: " + low);
        }
        if (high < low) {
            throw new IllegalArgumentException("high < low: " + high + " < " + low);
        }
    }

    void set(int newHigh, int newLow) {
        high = newHigh;
        low = newLow;
    }

    /** True, once, when {@code queued} bytes mean the protocol must now pause. */
    boolean shouldPause(long queued) {
        if (!paused && queued > high) {
            paused = true;
            return true;
        }
        return false;
    }

    /** True, once, when {@code queued} bytes let a paused protocol resume. */
    boolean shouldResume(long queued) {
        if (paused && queued <= low) {
            paused = false;
            return true;
        }
        return false;
    }
}

package dev.aioj.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal, redrawn in place at most ten times a
 * second: {@code SET  [##########----------]  51%  123,456 req/s}. Silent
 * when output is not a terminal. Updated from any thread.
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final String title;
    private final long total;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastDraw;

    ProgressBar(PrintStream err, String title, long total, boolean enabled) {
        this.err = err;
        this.title = title;
        this.total = total;
        this.enabled = enabled;
    }

    synchronized void update(long done) {
        long now = System.nanoTime();
        if (!enabled || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double rate = done / Math.max(1e-9, (now - start) / 1e9);
        err.printf(Locale.ROOT, "\r%-16s [%s%s] %3d%%  %,.0f req/s ", title, "#".repeat(filled),
                "-".repeat(WIDTH - filled), Math.round(fraction * 100), rate);
        err.flush();
    }

    synchronized void finish() {
        if (enabled) {
            err.print("\r" + " ".repeat(WIDTH + 50) + "\r");
            err.flush();
        }
    }
}

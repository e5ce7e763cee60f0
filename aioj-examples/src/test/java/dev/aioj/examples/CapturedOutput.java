package dev.aioj.examples;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What an example printed, with a bounded wait for a line that should come (no sleeps). */
public final class CapturedOutput {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(new OutputStream() {
        @Override
        public void write(int b) {
            synchronized (bytes) {
                bytes.write(b);
                bytes.notifyAll();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (bytes) {
                bytes.write(b, off, len);
                bytes.notifyAll();
            }
        }
    }, true, StandardCharsets.UTF_8);

    public CapturedOutput() {}

    /** The stream to give the example. */
    public PrintStream stream() {
        return stream;
    }

    public String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    public List<String> lines() {
        return text().lines().toList();
    }

    /** Waits up to 10 s until the output contains {@code expected}. */
    public void awaitContains(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (bytes) {
            while (!bytes.toString(StandardCharsets.UTF_8).contains(expected)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("no '" + expected + "' within 10 s in:\n" + bytes.toString(StandardCharsets.UTF_8));
                }
                bytes.wait(left);
            }
        }
    }
}

package dev.aioj.loop;

import dev.aioj.net.Protocol;
import dev.aioj.net.Transport;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A protocol that records every callback in order (the state machine of
 * {@link Protocol}) and the bytes it received, with futures to wait on.
 * Subclasses add behaviour by overriding the {@code on*} hooks.
 */
class RecordingProtocol implements Protocol {

    final List<String> events = new ArrayList<>();
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    final CompletableFuture<Transport> made = new CompletableFuture<>();
    final CompletableFuture<Throwable> lost = new CompletableFuture<>();
    final CompletableFuture<Void> eof = new CompletableFuture<>();
    volatile Transport transport;
    volatile boolean keepOpenOnEof;
    volatile Thread callbackThread;

    @Override
    public void connectionMade(Transport transport) {
        record("made");
        this.transport = transport;
        onMade(transport);
        made.complete(transport);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        record("data");
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        synchronized (received) {
            received.writeBytes(bytes);
            received.notifyAll();
        }
        onData(bytes);
    }

    @Override
    public boolean eofReceived() {
        record("eof");
        eof.complete(null);
        return keepOpenOnEof;
    }

    @Override
    public void connectionLost(Throwable cause) {
        record("lost");
        lost.complete(cause);
    }

    @Override
    public void pauseWriting() {
        record("pause");
    }

    @Override
    public void resumeWriting() {
        record("resume");
    }

    void onMade(Transport transport) {}

    void onData(byte[] bytes) {}

    private void record(String event) {
        callbackThread = Thread.currentThread();
        synchronized (events) {
            // consecutive data events are one "data*" step of the state machine
            if (!(event.equals("data") && !events.isEmpty() && events.get(events.size() - 1).equals("data"))) {
                events.add(event);
            }
            events.notifyAll();
        }
    }

    /** Waits (on the event itself, bounded) until {@code event} was recorded. */
    void awaitEvent(String event) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (events) {
            while (!events.contains(event)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("no '" + event + "' within 10 s; events: " + events);
                }
                events.wait(left);
            }
        }
    }

    /** Waits (bounded) until at least {@code n} bytes were received. */
    byte[] awaitReceived(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (received) {
            while (received.size() < n) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("only " + received.size() + " of " + n + " bytes within 10 s");
                }
                received.wait(left);
            }
            return received.toByteArray();
        }
    }

    List<String> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    byte[] receivedBytes() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    Throwable awaitLost() throws Exception {
        return lost.get(10, TimeUnit.SECONDS);
    }
}

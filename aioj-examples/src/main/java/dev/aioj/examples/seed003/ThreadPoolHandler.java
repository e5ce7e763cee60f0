package dev.aioj.examples.seed003;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Seed 003's {@code ThreadPoolHandler}: runs slow work on a pool and brings
 * each result back to the reactor thread. A worker queues (callback, result)
 * and writes one byte to a {@link Pipe} (the seed's {@code socketpair}); the
 * pipe's read end is this handler's channel, so the byte wakes the reactor,
 * which runs the callbacks. "Frankly, I got dizzy myself," says the seed.
 * {@link dev.aioj.loop.EventLoop#runBlocking} is all of this in one call.
 *
 * <p>The seed's version reads one byte per callback it finds, which can run
 * ahead of a worker that has queued its result but not yet written its byte;
 * this one drains the pipe first and then runs whatever is queued.
 *
 * <p>Thread contract: {@link #run} on the reactor thread; workers on the pool.
 */
final class ThreadPoolHandler implements EventHandler, AutoCloseable {

    private record Done(Consumer<Object> callback, Object result) {}

    private final Pipe pipe;
    private final ExecutorService pool;
    private final ConcurrentLinkedQueue<Done> pending = new ConcurrentLinkedQueue<>();

    ThreadPoolHandler(int nworkers) throws IOException {
        pipe = Pipe.open(); // self.signal_done_sock, self.done_sock = socket.socketpair()
        pipe.source().configureBlocking(false);
        pool = Executors.newFixedThreadPool(nworkers); // ThreadPoolExecutor(nworkers)
    }

    @Override
    public SelectableChannel channel() {
        return pipe.source();
    }

    /** Runs {@code func} in the pool; {@code callback} gets its result on the reactor thread. */
    @SuppressWarnings("unchecked")
    <T> void run(Callable<T> func, Consumer<T> callback) {
        pool.submit(() -> {
            T result = func.call();
            complete((Consumer<Object>) callback, result);
            return null;
        });
    }

    /** The seed's {@code _complete}: queue the result, then signal the reactor. */
    private void complete(Consumer<Object> callback, Object result) throws IOException {
        pending.add(new Done(callback, result));
        synchronized (pipe) {
            pipe.sink().write(ByteBuffer.wrap(new byte[] {'x'}));
        }
    }

    @Override
    public boolean wantsToReceive() {
        return true;
    }

    /** Runs the callbacks of completed work. */
    @Override
    public void handleReceive() throws IOException {
        ByteBuffer signals = ByteBuffer.allocate(256);
        while (pipe.source().read(signals.clear()) > 0) {
            // drain every wake-up byte
        }
        Done done;
        while ((done = pending.poll()) != null) {
            done.callback().accept(done.result());
        }
    }

    @Override
    public void close() throws IOException {
        pool.shutdownNow();
        pipe.sink().close();
        pipe.source().close();
    }

    @Override
    public String toString() {
        return "ThreadPoolHandler";
    }
}

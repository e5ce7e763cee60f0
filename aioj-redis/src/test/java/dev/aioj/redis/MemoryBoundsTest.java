package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's memory stays bounded when the server cannot keep up (issue
 * 15, item 5), measured as heap in use after a full GC:
 *
 * <ul>
 *   <li>a producer faster than a server that never answers hits {@code
 *       maxPending} and gets {@link RedisQueueFullException} for the rest,
 *       and the heap holds only the admitted commands;
 *   <li>100 MiB of pipelined SETs to a server that reads slowly: the client
 *       encodes only while the socket takes bytes (the transport's water
 *       marks), the rest waits unencoded, so the heap grows by a few MiB, not
 *       by 100.
 * </ul>
 *
 * <p>The server is a plain socket in the test (RESP2, so no greeting to
 * answer) that reads at the pace the test sets and never replies.
 */
class MemoryBoundsTest {

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable r : resources.reversed()) r.close();
    }

    /** A server that accepts one connection and reads only as many bytes as the test allows, never answering. */
    private static final class SlowReader implements AutoCloseable {
        final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        final CountDownLatch accepted = new CountDownLatch(1);
        private final Thread thread;
        private volatile Socket socket;
        private long allowed; // guarded by this
        private long received; // guarded by this

        SlowReader() throws IOException {
            thread = Thread.ofPlatform().daemon().name("slow-reader").start(this::run);
        }

        private void run() {
            try (Socket s = listener.accept()) {
                socket = s;
                accepted.countDown();
                InputStream in = s.getInputStream();
                byte[] buffer = new byte[64 * 1024];
                while (true) {
                    int room;
                    synchronized (this) {
                        while (received >= allowed) wait();
                        room = (int) Math.min(buffer.length, allowed - received);
                    }
                    int n = in.read(buffer, 0, room);
                    if (n < 0) return;
                    synchronized (this) {
                        received += n;
                        notifyAll();
                    }
                }
            } catch (IOException | InterruptedException e) {
                // closed by the test
            }
        }

        synchronized long received() {
            return received;
        }

        /** Lets the reader read up to {@code total} bytes in all; waits until it has, or the timeout passed. */
        synchronized boolean readUntil(long total, long timeoutMillis) throws InterruptedException {
            allowed = Math.max(allowed, total);
            notifyAll();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            for (long left; received < total && (left = deadline - System.nanoTime()) > 0; ) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return received >= total;
        }

        @Override
        public void close() throws Exception {
            listener.close();
            if (socket != null) socket.close();
            thread.interrupt();
            thread.join(5_000);
        }
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private RedisConnection connect(SlowReader server, RedisOptions options) throws Exception {
        RedisConnection c = RedisConnection.connect(RedisUri.parse("redis://127.0.0.1:" + server.listener.getLocalPort()
                + "?protocol=2&timeout=120s"), options).get(10, TimeUnit.SECONDS);
        resources.add(c::abort);
        return c;
    }

    @Test
    void aProducerFasterThanTheServerHitsThePendingLimitAndTheHeapHoldsOnlyWhatWasAdmitted() throws Exception {
        SlowReader server = new SlowReader();
        resources.add(server);
        RedisConnection c = connect(server, RedisOptions.builder().maxPending(10_000).build());
        byte[] value = new byte[1024];
        long before = heapAfterGc();
        List<CompletableFuture<?>> admitted = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 200_000; i++) { // 200 MiB of values if nothing were refused
            CompletableFuture<?> f = c.withCodec(Codec.BYTES).set("k" + i, value.clone());
            if (f.isCompletedExceptionally()) {
                Throwable e = f.handle((v, t) -> t).join();
                assertThat(e).isInstanceOf(RedisQueueFullException.class);
                refused++;
            } else {
                admitted.add(f);
            }
        }
        long grown = heapAfterGc() - before;
        System.out.printf("maxPending 10,000: %d refused of 200,000; heap grew %.1f MiB%n", refused, grown / 1048576.0);
        assertThat(admitted).hasSizeLessThanOrEqualTo(10_000);
        assertThat(refused).isGreaterThanOrEqualTo(190_000);
        assertThat(c.pendingCommands()).isLessThanOrEqualTo(10_000);
        assertThat(grown).as("heap growth: about 10,000 admitted values, not 200,000").isLessThan(64L << 20);
    }

    @Test
    void hundredMebibytesOfPipelinedWritesToASlowReaderKeepTheClientHeapBounded() throws Exception {
        SlowReader server = new SlowReader();
        resources.add(server);
        RedisConnection c = connect(server, RedisOptions.defaults());
        assertThat(server.accepted.await(10, TimeUnit.SECONDS)).isTrue();
        byte[] value = new byte[1 << 20]; // one array shared by every command: what grows is the client's own
        long before = heapAfterGc();
        RedisCommands<byte[]> bytes = c.withCodec(Codec.BYTES);
        for (int i = 0; i < 100; i++) {
            bytes.set("k" + i, value);
        }
        assertThat(server.readUntil(4L << 20, 10_000)).isTrue(); // a few MiB through, the rest still to go
        long grown = heapAfterGc() - before;
        System.out.printf("100 x 1 MiB SET to a slow reader: heap grew %.1f MiB with %.1f MiB read so far%n",
                grown / 1048576.0, server.received() / 1048576.0);
        assertThat(grown).as("encoded bytes held: the water marks and one command, not 100 MiB").isLessThan(24L << 20);
        // then the reader catches up and every byte arrives
        long expected = 100L * ((1 << 20) + 30); // each SET: the value and at least 30 bytes of RESP around it
        assertThat(server.readUntil(expected, 60_000)).as("all 100 MiB reached the server").isTrue();
    }
}

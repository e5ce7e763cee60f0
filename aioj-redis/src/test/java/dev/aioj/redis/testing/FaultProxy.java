package dev.aioj.redis.testing;

import dev.aioj.loop.EventLoop;
import dev.aioj.loop.TimerHandle;
import dev.aioj.net.Connection;
import dev.aioj.net.Protocol;
import dev.aioj.net.Server;
import dev.aioj.net.Transport;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy that breaks things on purpose: seed 001's proxy ({@code
 * dev.aioj.examples.seed001.TcpProxy}) grown into a test utility. It sits
 * between a client and a real server on 127.0.0.1 and, on command, delays
 * every chunk, throttles the server's replies, drops a connection after N
 * bytes, cuts a reply in the middle, aborts every connection at once, or
 * blackholes (accepts, reads, never answers). It never reorders bytes: TCP
 * never does, so a test that needs reordering tests something that cannot
 * happen.
 *
 * <p>Faults are set at any time from the test thread and apply from the
 * next chunk on, to the connections already open and to new ones; byte
 * counts ({@link #dropAfter}, {@link #cutRepliesAfter}) count from the moment
 * the fault was set. {@link #heal} removes every fault.
 *
 * <p>"Reset" here is an abort: the socket closes at once and queued bytes
 * are dropped. aioj's {@link Transport} offers no {@code SO_LINGER 0}, so the
 * peer may see an EOF rather than a TCP RST; both reach a client as a lost
 * connection.
 *
 * <p>Thread contract: every public method from any thread; the relaying runs
 * on the proxy's own loop thread.
 */
public final class FaultProxy implements AutoCloseable {

    /** The faults in force; replaced whole, so a pair sees one consistent set. */
    private record Faults(Duration delay, long bytesPerSecond, long dropAfter, long cutRepliesAfter, boolean blackhole) {
        static final Faults NONE = new Faults(Duration.ZERO, 0, -1, -1, false);
    }

    private final EventLoop loop;
    private final String upstreamHost;
    private final int upstreamPort;
    private final Server server;
    private final List<Pair> pairs = new ArrayList<>(); // loop thread only
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicLong bytesUp = new AtomicLong();
    private final AtomicLong bytesDown = new AtomicLong();
    private final AtomicLong bytesSwallowed = new AtomicLong();
    private volatile Faults faults = Faults.NONE;

    private FaultProxy(EventLoop loop, String upstreamHost, int upstreamPort) throws Exception {
        this.loop = loop;
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.server = loop.createServer(Pair::new, "127.0.0.1", 0).get(10, TimeUnit.SECONDS);
    }

    /** Listens on a free port of 127.0.0.1 and relays every connection to {@code host:port}. */
    public static FaultProxy start(String host, int port) {
        EventLoop loop = EventLoop.builder().name("fault-proxy").build();
        try {
            return new FaultProxy(loop, host, port);
        } catch (Exception e) {
            loop.shutdownGracefully();
            throw new IllegalStateException("cannot start the fault proxy to " + host + ":" + port, e);
        }
    }

    public int port() {
        return server.port();
    }

    public String host() {
        return "127.0.0.1";
    }

    /** {@code redis://127.0.0.1:port} of the proxy, plus {@code suffix} (e.g. {@code "/2?timeout=1s"}). */
    public String uri(String suffix) {
        return "redis://127.0.0.1:" + port() + suffix;
    }

    // ---- faults -----------------------------------------------------------------------------

    /** Holds every chunk, both ways, {@code delay} before passing it on (order kept). */
    public FaultProxy delay(Duration delay) {
        if (delay.isNegative()) throw new IllegalArgumentException("delay < 0: " + delay);
        Faults f = faults;
        faults = new Faults(delay, f.bytesPerSecond, f.dropAfter, f.cutRepliesAfter, f.blackhole);
        return this;
    }

    /** Passes the server's bytes to the client at most {@code bytesPerSecond} (0: no limit). */
    public FaultProxy throttle(long bytesPerSecond) {
        if (bytesPerSecond < 0) throw new IllegalArgumentException("bytesPerSecond < 0: " + bytesPerSecond);
        Faults f = faults;
        faults = new Faults(f.delay, bytesPerSecond, f.dropAfter, f.cutRepliesAfter, f.blackhole);
        return this;
    }

    /** After {@code bytes} more bytes relayed (both ways, per connection), closes both sides (FIN). */
    public FaultProxy dropAfter(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("bytes < 0: " + bytes);
        Faults f = faults;
        faults = new Faults(f.delay, f.bytesPerSecond, bytes, f.cutRepliesAfter, f.blackhole);
        return this;
    }

    /** After {@code bytes} more bytes from the server (per connection), aborts both sides mid-reply. */
    public FaultProxy cutRepliesAfter(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("bytes < 0: " + bytes);
        Faults f = faults;
        faults = new Faults(f.delay, f.bytesPerSecond, f.dropAfter, bytes, f.blackhole);
        return this;
    }

    /**
     * On: accept and read, never relay nor answer, the open connections too.
     * A connection that swallowed bytes stays silent for good (relaying again
     * after a gap would corrupt the stream): off affects the connections that
     * never went silent, and new ones.
     */
    public FaultProxy blackhole(boolean on) {
        Faults f = faults;
        faults = new Faults(f.delay, f.bytesPerSecond, f.dropAfter, f.cutRepliesAfter, on);
        return this;
    }

    /** No fault from now on; the connections stay as they are. */
    public FaultProxy heal() {
        faults = Faults.NONE;
        return this;
    }

    /** Aborts every open connection, both sides, now; returns how many there were. */
    public int resetAll() {
        return loop.submit(() -> {
            List<Pair> open = List.copyOf(pairs);
            for (Pair pair : open) {
                pair.abortBoth();
            }
            return open.size();
        }).orTimeout(10, TimeUnit.SECONDS).join();
    }

    // ---- counters ---------------------------------------------------------------------------

    /** Connections accepted since start. */
    public int accepted() {
        return accepted.get();
    }

    /** Client connections open now. */
    public int open() {
        return loop.submit(pairs::size).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Bytes relayed client to server, and server to client. */
    public long bytesUp() {
        return bytesUp.get();
    }

    public long bytesDown() {
        return bytesDown.get();
    }

    /** Bytes read and dropped by the blackhole, both ways. */
    public long bytesSwallowed() {
        return bytesSwallowed.get();
    }

    @Override
    public void close() {
        server.close();
        try {
            loop.submit(() -> {
                for (Pair pair : List.copyOf(pairs)) {
                    pair.abortBoth();
                }
                return null;
            }).orTimeout(10, TimeUnit.SECONDS).join();
        } catch (RuntimeException e) {
            // the loop is already gone
        }
        loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
    }

    // ---- relaying (loop thread) -------------------------------------------------------------

    /**
     * One direction of a pair: chunks wait here until their release time
     * (delay, throttle), then go to the target in order. A close waits behind
     * the bytes before it.
     */
    private final class Lane {
        private final boolean down; // server to client
        private final ArrayDeque<Object[]> held = new ArrayDeque<>(); // {releaseNanos, byte[] or null for close}
        private Transport target;
        private long lastRelease;
        private TimerHandle timer;

        Lane(boolean down) {
            this.down = down;
        }

        void send(Faults f, byte[] bytes) {
            long now = System.nanoTime();
            long at = Math.max(lastRelease, now + f.delay.toNanos());
            if (down && f.bytesPerSecond > 0) {
                at = Math.max(lastRelease, now) + f.delay.toNanos() + bytes.length * 1_000_000_000L / f.bytesPerSecond;
            }
            lastRelease = at;
            if (held.isEmpty() && at - now <= 0 && target != null) {
                write(bytes);
                return;
            }
            held.add(new Object[] {at, bytes});
            schedule();
        }

        void closeAfterHeld() {
            if (held.isEmpty() && target != null) {
                target.close();
                return;
            }
            held.add(new Object[] {lastRelease, null});
            schedule();
        }

        void connected(Transport transport) {
            target = transport;
            schedule();
        }

        private void schedule() {
            if (timer != null || held.isEmpty() || target == null) {
                return;
            }
            long wait = (long) held.peek()[0] - System.nanoTime();
            timer = loop.callLater(Duration.ofNanos(Math.max(0, wait)), this::release);
        }

        private void release() {
            timer = null;
            long now = System.nanoTime();
            while (!held.isEmpty() && (long) held.peek()[0] - now <= 0) {
                byte[] bytes = (byte[]) held.poll()[1];
                if (bytes == null) {
                    target.close();
                    held.clear();
                    return;
                }
                write(bytes);
            }
            schedule();
        }

        private void write(byte[] bytes) {
            (down ? bytesDown : bytesUp).addAndGet(bytes.length);
            target.write(bytes);
        }

        void drop() {
            held.clear();
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
        }
    }

    /** One client connection and its upstream: the seed's ServerProtocol and ClientProtocol together. */
    private final class Pair implements Protocol {
        private final Lane up = new Lane(false);
        private final Lane down = new Lane(true);
        private Transport client;
        private Transport upstream;
        private boolean gone;
        private boolean silent; // swallowed bytes once: never relays again
        private Faults seen;
        private long bytesSinceSeen;
        private long downSinceSeen;

        @Override
        public void connectionMade(Transport transport) {
            client = transport;
            accepted.incrementAndGet();
            pairs.add(this);
            down.connected(client);
            loop.createConnection(Upstream::new, upstreamHost, upstreamPort).whenComplete(this::upstreamDone);
        }

        private final class Upstream implements Protocol {
            @Override
            public void connectionMade(Transport transport) {
                // set in upstreamDone
            }

            @Override
            public void dataReceived(ByteBuffer data) {
                relay(data, true);
            }

            @Override
            public boolean eofReceived() {
                down.closeAfterHeld();
                return true;
            }

            @Override
            public void connectionLost(Throwable cause) {
                down.closeAfterHeld();
            }

            @Override
            public void pauseWriting() {
                client.pauseReading();
            }

            @Override
            public void resumeWriting() {
                client.resumeReading();
            }
        }

        private void upstreamDone(Connection<Upstream> connection, Throwable error) {
            if (error != null) {
                client.close(); // a refused upstream closes the client
                return;
            }
            upstream = connection.transport();
            if (gone) {
                upstream.close();
                return;
            }
            up.connected(upstream);
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            relay(data, false);
        }

        private void relay(ByteBuffer data, boolean fromServer) {
            Faults f = faults;
            if (f != seen) {
                seen = f;
                bytesSinceSeen = 0;
                downSinceSeen = 0;
            }
            if (f.blackhole || silent) {
                silent = true;
                bytesSwallowed.addAndGet(data.remaining());
                data.position(data.limit());
                return; // read and forgotten
            }
            if (gone) {
                return;
            }
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            int keep = bytes.length;
            boolean drop = false;
            boolean cut = false;
            if (f.dropAfter >= 0 && bytesSinceSeen + keep >= f.dropAfter) {
                keep = (int) Math.min(keep, f.dropAfter - bytesSinceSeen);
                drop = true;
            }
            if (fromServer && f.cutRepliesAfter >= 0 && downSinceSeen + keep > f.cutRepliesAfter) {
                keep = (int) (f.cutRepliesAfter - downSinceSeen);
                cut = true;
            }
            bytesSinceSeen += keep;
            if (fromServer) {
                downSinceSeen += keep;
            }
            if (keep > 0) {
                byte[] part = keep == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, keep);
                (fromServer ? down : up).send(f, part);
            }
            if (cut) {
                // the part before the cut reaches the client, then it sees the connection end; the server's side goes now
                gone = true;
                down.closeAfterHeld();
                if (upstream != null) upstream.abort();
            } else if (drop) {
                gone = true;
                up.closeAfterHeld();
                down.closeAfterHeld();
            }
        }

        @Override
        public boolean eofReceived() {
            up.closeAfterHeld();
            return true;
        }

        @Override
        public void connectionLost(Throwable cause) {
            gone = true;
            pairs.remove(this);
            up.closeAfterHeld();
        }

        @Override
        public void pauseWriting() {
            if (upstream != null) upstream.pauseReading();
        }

        @Override
        public void resumeWriting() {
            if (upstream != null) upstream.resumeReading();
        }

        void abortBoth() {
            gone = true;
            up.drop();
            down.drop();
            pairs.remove(this);
            client.abort();
            if (upstream != null) upstream.abort();
        }
    }
}

package dev.aioj.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.net.Protocol;
import dev.aioj.net.Server;
import dev.aioj.net.Transport;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link EventLoop#runIoWhileBusy}: a callback that keeps the loop thread
 * (a slow script on a server) still lets other connections be read, accepted
 * and answered, while timers wait for it to return.
 */
class RunIoWhileBusyTest {

    private final EventLoop loop = EventLoop.create();

    @AfterEach
    void shutDown() {
        loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /**
     * "busy": keeps the loop (polling runIoWhileBusy) until another connection
     * sends "release", then answers "done"; any other line is answered "busy"
     * at once (from the nested pass while a busy callback runs).
     */
    private final class BusyProtocol implements Protocol {
        private final AtomicBoolean released;
        private final AtomicInteger timerRuns;
        private Transport transport;

        BusyProtocol(AtomicBoolean released, AtomicInteger timerRuns) {
            this.released = released;
            this.timerRuns = timerRuns;
        }

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            String line = StandardCharsets.US_ASCII.decode(data).toString().trim();
            switch (line) {
                case "busy" -> {
                    loop.callLater(Duration.ZERO, timerRuns::incrementAndGet);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (!released.get() && System.nanoTime() < deadline) {
                        loop.runIoWhileBusy();
                    }
                    transport.write(("done timers=" + timerRuns.get() + "\n").getBytes(StandardCharsets.US_ASCII));
                }
                case "release" -> {
                    released.set(true);
                    transport.write("released\n".getBytes(StandardCharsets.US_ASCII));
                }
                default -> transport.write("busy\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void otherConnectionsAreAcceptedAndAnsweredWhileACallbackKeepsTheLoop() throws Exception {
        AtomicBoolean released = new AtomicBoolean();
        AtomicInteger timerRuns = new AtomicInteger();
        Server server = loop.createServer(() -> new BusyProtocol(released, timerRuns), "127.0.0.1", 0)
                .get(10, TimeUnit.SECONDS);
        int port = server.port();
        try (Socket slow = connect(port)) {
            send(slow, "busy");
            // Connected after the loop became busy: accepted and answered by the nested pass.
            try (Socket other = connect(port)) {
                send(other, "ping");
                assertThat(readLine(other)).isEqualTo("busy");
                send(other, "release");
                assertThat(readLine(other)).isEqualTo("released");
            }
            // The timer scheduled by the busy callback ran only after it returned.
            assertThat(readLine(slow)).isEqualTo("done timers=0");
        }
        server.close();
    }

    @Test
    void refusesOffTheLoopThread() {
        assertThatThrownBy(loop::runIoWhileBusy).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("off the loop thread");
    }

    @Test
    void aPassWithNothingReadyHandlesNothing() throws Exception {
        int nested = loop.submit(() -> {
            int[] inner = {-1};
            loop.execute(() -> { }); // a task that the pass must not run
            inner[0] = loop.runIoWhileBusy();
            return inner[0];
        }).get(10, TimeUnit.SECONDS);
        assertThat(nested).isZero();
    }

    private static Socket connect(int port) throws Exception {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    private static void send(Socket s, String line) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readLine(Socket s) throws Exception {
        InputStream in = s.getInputStream();
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            sb.append((char) c);
        }
        return sb.toString();
    }
}

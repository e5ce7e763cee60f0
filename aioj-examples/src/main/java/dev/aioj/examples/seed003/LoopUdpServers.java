package dev.aioj.examples.seed003;

import dev.aioj.examples.support.Log;
import dev.aioj.examples.support.Running;
import dev.aioj.loop.EventLoop;
import dev.aioj.net.DatagramProtocol;
import dev.aioj.net.DatagramTransport;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link ReactorUdpServers} on aioj's {@link EventLoop}: the same two UDP
 * servers as {@link DatagramProtocol}s. No handler list, no interest
 * bookkeeping, no receive calls: the loop does those, and each protocol is
 * the one line that answers.
 */
public final class LoopUdpServers implements Running {

    /** The seed's UDPTimeServer. */
    static final class TimeProtocol implements DatagramProtocol {
        private DatagramTransport transport;

        @Override
        public void connectionMade(DatagramTransport transport) {
            this.transport = transport;
        }

        @Override
        public void datagramReceived(ByteBuffer data, SocketAddress from) {
            transport.sendTo(Ctime.now().getBytes(StandardCharsets.US_ASCII), from);
        }
    }

    /** The seed's UDPEchoServer. */
    static final class EchoProtocol implements DatagramProtocol {
        private DatagramTransport transport;

        @Override
        public void connectionMade(DatagramTransport transport) {
            this.transport = transport;
        }

        @Override
        public void datagramReceived(ByteBuffer data, SocketAddress from) {
            transport.sendTo(data, from);
        }
    }

    private final EventLoop loop;
    private final Map<String, Integer> ports;

    private LoopUdpServers(EventLoop loop, Map<String, Integer> ports) {
        this.loop = loop;
        this.ports = ports;
    }

    /** Starts both servers on one loop; ports "time" and "echo" (0: any free port). */
    public static LoopUdpServers start(int timePort, int echoPort, PrintStream out) throws Exception {
        Log log = new Log(out, "loop-udp");
        EventLoop loop = EventLoop.builder().name("loop-udp").build();
        InetAddress localhost = InetAddress.getLoopbackAddress();
        DatagramTransport time = loop.createDatagramEndpoint(TimeProtocol::new,
                new InetSocketAddress(localhost, timePort)).get(10, TimeUnit.SECONDS).transport();
        DatagramTransport echo = loop.createDatagramEndpoint(EchoProtocol::new,
                new InetSocketAddress(localhost, echoPort)).get(10, TimeUnit.SECONDS).transport();
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("time", ((InetSocketAddress) time.localAddress()).getPort());
        ports.put("echo", ((InetSocketAddress) echo.localAddress()).getPort());
        log.info("time server on udp port " + ports.get("time") + ", echo server on udp port " + ports.get("echo")
                + ", both on " + loop);
        return new LoopUdpServers(loop, ports);
    }

    @Override
    public int port() {
        return ports.get("time");
    }

    @Override
    public Map<String, Integer> ports() {
        return ports;
    }

    @Override
    public void close() {
        loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
    }
}

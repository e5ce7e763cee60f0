package dev.aioj.examples.seed003;

import dev.aioj.examples.support.Log;
import dev.aioj.examples.support.Running;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 003's first program: {@code handlers = [UDPTimeServer(('',14000)),
 * UDPEchoServer(('',15000))]; event_loop(handlers)}, on the hand-written
 * {@link Reactor}. Bound to 127.0.0.1 rather than every interface.
 */
public final class ReactorUdpServers {

    /** The seed's ports. */
    public static final int DEFAULT_TIME_PORT = 14000;
    public static final int DEFAULT_ECHO_PORT = 15000;

    private ReactorUdpServers() {}

    /** Starts both servers on one reactor; ports "time" and "echo" (0: any free port). */
    public static Running start(int timePort, int echoPort, PrintStream out) throws IOException {
        Log log = new Log(out, "reactor-udp");
        InetAddress localhost = InetAddress.getLoopbackAddress();
        UdpTimeServer time = new UdpTimeServer(new InetSocketAddress(localhost, timePort));
        UdpEchoServer echo = new UdpEchoServer(new InetSocketAddress(localhost, echoPort));
        List<EventHandler> handlers = new ArrayList<>(List.of(time, echo));
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("time", time.port());
        ports.put("echo", echo.port());
        log.info("UDPTimeServer on udp port " + time.port() + ", UDPEchoServer on udp port " + echo.port()
                + ", one hand-written reactor");
        return ReactorRun.start("reactor-udp", new Reactor(log::info), handlers, ports, List.of(), log);
    }
}

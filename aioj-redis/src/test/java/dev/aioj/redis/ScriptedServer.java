package dev.aioj.redis;

import dev.aioj.loop.EventLoop;
import dev.aioj.net.Protocol;
import dev.aioj.net.Server;
import dev.aioj.net.Transport;
import dev.aioj.redis.resp.RespParser;
import dev.aioj.redis.resp.RespValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A fake Redis that misbehaves on purpose: it parses each command and hands
 * it to a script, which writes exactly the bytes a test names (or nothing).
 * HELLO is answered like Redis 7 unless the script handles it. Runs on its
 * own aioj loop, on 127.0.0.1 and a free port.
 */
final class ScriptedServer implements AutoCloseable {

    /** What to do with one command; {@code args.get(0)} is the upper-cased command name. */
    @FunctionalInterface
    interface Script {
        /** Returns true if it handled the command (wrote a reply or chose not to). */
        boolean handle(List<String> args, Transport transport, ScriptedServer server);
    }

    static final String HELLO_REPLY = "%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$5\r\n7.0.0\r\n"
            + "$5\r\nproto\r\n:3\r\n$2\r\nid\r\n:1\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n"
            + "$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n";

    final EventLoop loop = EventLoop.builder().name("scripted-redis").build();
    final List<Transport> connections = new CopyOnWriteArrayList<>();
    final List<List<String>> commands = new CopyOnWriteArrayList<>();
    private final Server server;

    ScriptedServer(Script script) throws Exception {
        server = loop.createServer(() -> new Protocol() {
            private final RespParser parser = new RespParser();
            private Transport transport;

            @Override
            public void connectionMade(Transport t) {
                transport = t;
                connections.add(t);
            }

            @Override
            public void dataReceived(ByteBuffer data) {
                parser.feed(data);
                for (RespValue value; (value = parser.next()) != null; ) {
                    List<String> args = new ArrayList<>();
                    for (RespValue element : ((RespValue.Array) value).elements()) {
                        args.add(new String(((RespValue.Bulk) element).bytes(), StandardCharsets.UTF_8));
                    }
                    args.set(0, args.get(0).toUpperCase(java.util.Locale.ROOT));
                    commands.add(args);
                    if (!script.handle(args, transport, ScriptedServer.this) && args.get(0).equals("HELLO")) {
                        send(transport, HELLO_REPLY);
                    }
                }
            }
        }, "127.0.0.1", 0).get(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.port();
    }

    String uri() {
        return "redis://127.0.0.1:" + port();
    }

    static void send(Transport transport, String resp) {
        transport.write(resp.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code resp} one byte per loop iteration, so the client sees it arrive byte by byte. */
    void dribble(Transport transport, String resp) {
        byte[] bytes = resp.getBytes(StandardCharsets.UTF_8);
        dribble(transport, bytes, 0);
    }

    private void dribble(Transport transport, byte[] bytes, int index) {
        if (index < bytes.length) {
            transport.write(new byte[] {bytes[index]});
            loop.callLater(java.time.Duration.ofMillis(1), () -> dribble(transport, bytes, index + 1));
        }
    }

    /** Commands received so far with this name. */
    long count(String name) {
        return commands.stream().filter(c -> c.get(0).equals(name)).count();
    }

    @Override
    public void close() {
        server.close();
        loop.close();
    }
}

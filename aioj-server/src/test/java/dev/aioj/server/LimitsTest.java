package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The limits that keep the server's memory bounded whatever clients do:
 * output buffers of clients that do not read, maxclients, protected mode.
 */
class LimitsTest {

    private static final long HARD = 4L << 20;

    @RegisterExtension
    static final TestServer server = new TestServer(b -> b
            .normalOutputLimit(new ServerConfig.OutputBufferLimit(HARD, 0, Duration.ZERO))
            .pubsubOutputLimit(new ServerConfig.OutputBufferLimit(HARD, 0, Duration.ZERO)));

    private static String stat(String field) throws IOException {
        try (RespConnection c = new RespConnection(server.port())) {
            for (String line : c.call("INFO", "everything").split("\r\n")) {
                if (line.startsWith(field + ":")) {
                    return line.substring(field.length() + 1);
                }
            }
        }
        throw new AssertionError(field + " not in INFO");
    }

    /** Bytes of replies the server holds for its clients right now. */
    private static long pendingOutputOnServer() {
        return server.server().onLoop(() -> server.server().state().clients.values().stream()
                .mapToLong(Client::pendingOutput).sum());
    }

    @Test
    void aClientThatDoesNotReadItsRepliesIsDisconnected() throws Exception {
        RespConnection setup = server.connect();
        setup.sendRaw(RespConnection.encode(b("SET"), b("big"), new byte[1 << 20]));
        assertThat(setup.readReply()).isEqualTo("+OK\r\n");

        RespConnection greedy = server.connect();
        greedy.socket().setReceiveBufferSize(4096);
        byte[] get = RespConnection.encode(b("GET"), b("big"));
        OutputStream out = greedy.socket().getOutputStream();
        boolean writeFailed = false;
        try {
            for (int i = 0; i < 500; i++) { // 500 MiB of replies asked for, none read
                out.write(get);
            }
            out.flush();
        } catch (IOException e) {
            writeFailed = true; // the server already closed the connection
        }
        assertThat(writeFailed || greedy.drainUntilClosed()).isTrue();
        assertThat(stat("client_output_buffer_limit_disconnections")).isEqualTo("1");
        assertThat(pendingOutputOnServer()).isLessThan(HARD);
        assertThat(setup.call("PING")).as("the server goes on").isEqualTo("+PONG\r\n");
    }

    @Test
    void aSubscriberThatDoesNotReadIsDisconnectedAndPublishersGoOn() throws Exception {
        RespConnection subscriber = server.connect();
        subscriber.socket().setReceiveBufferSize(4096);
        assertThat(subscriber.call("SUBSCRIBE", "firehose")).startsWith("*3\r\n");
        RespConnection publisher = server.connect();
        byte[] publish = RespConnection.encode(b("PUBLISH"), b("firehose"), new byte[64 * 1024]);
        int delivered = 0;
        String receivers = ":1\r\n";
        for (int i = 0; i < 2000 && receivers.equals(":1\r\n"); i++) { // up to 128 MiB
            publisher.sendRaw(publish);
            receivers = publisher.readReply();
            if (receivers.equals(":1\r\n")) {
                delivered++;
            }
        }
        assertThat(receivers).as("the subscriber is gone").isEqualTo(":0\r\n");
        assertThat(delivered).isGreaterThan(0);
        assertThat(stat("client_output_buffer_limit_disconnections")).isEqualTo("1");
        assertThat(pendingOutputOnServer()).isLessThan(HARD);
    }

    @Test
    void aClientThatReadsKeepsItsConnectionThroughLargeReplies() throws Exception {
        RespConnection c = server.connect();
        c.sendRaw(RespConnection.encode(b("SET"), b("big"), new byte[1 << 20]));
        c.readReply();
        for (int i = 0; i < 50; i++) {
            assertThat(c.call("GET", "big")).hasSize((1 << 20) + 12);
        }
        assertThat(stat("client_output_buffer_limit_disconnections")).isEqualTo("0");
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void connectionsBeyondMaxclientsAreRefusedWithRedisError() throws Exception {
        try (RedisServer small = RedisServer.start(ServerConfig.builder().port(0).maxClients(3).build())) {
            List<RespConnection> admitted = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                RespConnection c = new RespConnection(small.port());
                assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
                admitted.add(c);
            }
            try (RespConnection refused = new RespConnection(small.port())) {
                assertThat(refused.readReply()).isEqualTo("-ERR max number of clients reached\r\n");
                assertThat(refused.isClosedByServer()).isTrue();
            }
            admitted.get(0).close();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (small.onLoop(() -> small.state().clients.size()) != 2) {
                assertThat(System.nanoTime()).as("the server still counts the closed client").isLessThan(deadline);
                Thread.sleep(1); // the poll's pace: the server has no event to wait on for "a client left"
            }
            try (RespConnection again = new RespConnection(small.port())) {
                assertThat(again.call("PING")).isEqualTo("+PONG\r\n");
                assertThat(again.call("INFO", "stats")).contains("rejected_connections:1\r\n");
            }
            for (RespConnection c : admitted) {
                c.close();
            }
        }
    }

    /** An IPv4 address of this machine that is not loopback, or null. */
    private static InetAddress nonLoopbackAddress() throws IOException {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || nif.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return a;
                }
            }
        }
        return null;
    }

    @Test
    void protectedModeRefusesRemoteClientsUnlessAPasswordIsSet() throws Exception {
        InetAddress external = nonLoopbackAddress();
        Assumptions.assumeTrue(external != null, "no non-loopback IPv4 interface on this machine");
        ServerConfig open = ServerConfig.builder().bind("0.0.0.0").port(0).build();
        try (RedisServer s = RedisServer.start(open)) {
            try (RespConnection remote = new RespConnection(external.getHostAddress(), s.port())) {
                String reply = remote.readReply();
                assertThat(reply).startsWith("-DENIED Redis is running in protected mode");
                assertThat(reply).endsWith("the server to start accepting connections from the outside.\r\n");
                assertThat(remote.isClosedByServer()).isTrue();
            }
            try (RespConnection local = new RespConnection("127.0.0.1", s.port())) {
                assertThat(local.call("PING")).isEqualTo("+PONG\r\n");
            }
        }
        try (RedisServer s = RedisServer.start(open.toBuilder().requirePass("pw").build());
                RespConnection remote = new RespConnection(external.getHostAddress(), s.port())) {
            assertThat(remote.call("PING")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(remote.call("AUTH", "pw")).isEqualTo("+OK\r\n");
            assertThat(remote.call("SHUTDOWN")).as("SHUTDOWN is for loopback clients")
                    .isEqualTo("-ERR SHUTDOWN is only accepted from the loopback interface\r\n");
        }
        try (RedisServer s = RedisServer.start(open.toBuilder().protectedMode(false).build());
                RespConnection remote = new RespConnection(external.getHostAddress(), s.port())) {
            assertThat(remote.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void theServerBindsLoopbackByDefault() {
        assertThat(ServerConfig.defaults().bind()).isEqualTo("127.0.0.1");
        assertThat(server.server().address().getAddress().isLoopbackAddress()).isTrue();
    }
}

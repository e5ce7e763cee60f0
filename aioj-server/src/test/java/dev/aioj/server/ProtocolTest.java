package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.net.TransportStats;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The wire, end to end over a socket: splits, pipelines, batching, big values, limits. */
class ProtocolTest {

    @RegisterExtension
    static final TestServer server = new TestServer(b -> b.protoMaxBulkLen(1024 * 1024)
            .clientQueryBufferLimit(4 * 1024 * 1024));

    @Test
    void aPipelineSentOneByteAtATimeIsAnsweredInOrder() throws Exception {
        RespConnection c = server.connect();
        ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
        for (int i = 0; i < 20; i++) {
            pipeline.writeBytes(RespConnection.encode(bytes("SET"), bytes("k" + i), bytes("v" + i)));
            pipeline.writeBytes(bytes("GET k" + i + "\r\n"));
        }
        for (byte b : pipeline.toByteArray()) {
            c.sendRaw(new byte[] {b});
        }
        for (int i = 0; i < 20; i++) {
            assertThat(c.readReply()).isEqualTo("+OK\r\n");
            assertThat(c.readReply()).isEqualTo("$" + ("v" + i).length() + "\r\nv" + i + "\r\n");
        }
    }

    @Test
    void aPipelineInOnePacketGetsItsRepliesInOneWrite() throws Exception {
        RespConnection c = server.connect();
        assertThat(c.call("SET", "k", "v")).isEqualTo("+OK\r\n");
        TransportStats before = serverSideStats();
        ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
        for (int i = 0; i < 16; i++) {
            pipeline.writeBytes(RespConnection.encode(bytes("GET"), bytes("k")));
        }
        c.sendRaw(pipeline.toByteArray());
        for (int i = 0; i < 16; i++) {
            assertThat(c.readReply()).isEqualTo("$1\r\nv\r\n");
        }
        TransportStats after = serverSideStats();
        assertThat(after.readCalls() - before.readCalls()).as("the pipeline arrived in one read").isEqualTo(1);
        assertThat(after.writeCalls() - before.writeCalls()).as("16 replies, one write").isEqualTo(1);
    }

    /** The traffic counters of the only connected client's transport, read on the loop. */
    private static TransportStats serverSideStats() {
        return server.server().onLoop(() -> {
            assertThat(server.server().state().clients).hasSize(1);
            return server.server().state().clients.values().iterator().next().transport.stats();
        });
    }

    @Test
    void largeValuesRoundTrip() throws Exception {
        RespConnection c = server.connect();
        byte[] value = new byte[1024 * 1024];
        Arrays.fill(value, (byte) 'x');
        value[0] = '\r';
        value[value.length - 1] = '\n';
        c.sendRaw(RespConnection.encode(bytes("SET"), bytes("big"), value));
        assertThat(c.readReply()).isEqualTo("+OK\r\n");
        String reply = c.call("GET", "big");
        assertThat(reply).startsWith("$1048576\r\n\r");
        assertThat(reply).hasSize(1048576 + 12);
        assertThat(c.call("STRLEN", "big")).isEqualTo(":1048576\r\n");
    }

    @Test
    void anOversizedBulkIsRefusedWithAnErrorAndTheConnectionClosed() throws Exception {
        RespConnection c = server.connect();
        c.sendRaw("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$" + (1024 * 1024 + 1) + "\r\n");
        assertThat(c.readReply()).isEqualTo("-ERR Protocol error: invalid bulk length\r\n");
        assertThat(c.isClosedByServer()).isTrue();
        try (RespConnection other = new RespConnection(server.port())) {
            assertThat(other.call("EXISTS", "k")).isEqualTo(":0\r\n");
        }
    }

    @Test
    void appendAndSetrangeCannotPassTheBulkLimit() throws Exception {
        RespConnection c = server.connect();
        assertThat(c.call("SETRANGE", "k", String.valueOf(1024 * 1024), "x"))
                .isEqualTo("-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n");
        c.sendRaw(RespConnection.encode(bytes("SET"), bytes("k"), new byte[1024 * 1024]));
        assertThat(c.readReply()).isEqualTo("+OK\r\n");
        assertThat(c.call("APPEND", "k", "x"))
                .isEqualTo("-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n");
    }

    @Test
    void aClientPassingTheQueryBufferLimitIsDisconnected() throws Exception {
        RespConnection c = server.connect();
        // Blocked, the client's next commands pile up unparsed in its query buffer.
        c.send("BLPOP", "nothing", "0");
        byte[] chunk = RespConnection.encode(bytes("SET"), bytes("k"), new byte[64 * 1024]);
        boolean closed = false;
        for (int i = 0; i < 200 && !closed; i++) {
            try {
                c.sendRaw(chunk);
            } catch (java.io.IOException e) {
                closed = true; // reset by the server
            }
        }
        assertThat(closed || c.isClosedByServer()).isTrue();
        assertThat(info("client_query_buffer_limit_disconnections")).isEqualTo("1");
    }

    @Test
    void theCrossProtocolAttackGuardClosesTheConnection() throws Exception {
        RespConnection c = server.connect();
        c.sendRaw("POST / HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(c.isClosedByServer()).isTrue();
    }

    private static String info(String field) throws Exception {
        try (RespConnection c = new RespConnection(server.port())) {
            String info = c.call("INFO", "stats");
            for (String line : info.split("\r\n")) {
                if (line.startsWith(field + ":")) {
                    return line.substring(field.length() + 1);
                }
            }
            throw new AssertionError(field + " not in INFO: " + info);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}

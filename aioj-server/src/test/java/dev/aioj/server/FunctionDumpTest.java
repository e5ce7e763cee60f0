package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.testing.RedisServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * FUNCTION DUMP and RESTORE payloads move between aioj-server and a real
 * redis-server 7.0 both ways (Redis compresses long libraries with LZF; aioj
 * reads that and writes plain strings, which Redis reads), and a damaged
 * payload is refused with Redis's error, leaving the libraries as they were.
 */
class FunctionDumpTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().build();

    /** Long enough (and repetitive enough) that Redis stores it LZF-compressed. */
    private static final String LONG_LIBRARY = "#!lua name=longlib\n"
            + "redis.register_function('long1', function(keys, args) return 'the first function of a long library' end)\n"
            + "redis.register_function('long2', function(keys, args) return 'the second function of a long library' end)\n"
            + "redis.register_function{function_name='long3', callback=function(keys, args) return #args end, "
            + "flags={'no-writes'}, description='counts its arguments'}\n";
    private static final String SHORT_LIBRARY = "#!lua name=short\nredis.register_function('s', function() return 7 end)";

    private static byte[] bulk(String reply) {
        byte[] raw = reply.getBytes(StandardCharsets.ISO_8859_1);
        int start = reply.indexOf("\r\n") + 2;
        int n = Integer.parseInt(reply.substring(1, start - 2));
        return java.util.Arrays.copyOfRange(raw, start, start + n);
    }

    private static String call(RespConnection c, byte[]... args) throws IOException {
        c.sendRaw(RespConnection.encode(args));
        return c.readReply();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] loadAndDump(RespConnection c) throws IOException {
        assertThat(c.call("FUNCTION", "FLUSH")).isEqualTo("+OK\r\n");
        assertThat(c.call("FUNCTION", "LOAD", LONG_LIBRARY)).isEqualTo("$7\r\nlonglib\r\n");
        assertThat(c.call("FUNCTION", "LOAD", SHORT_LIBRARY)).isEqualTo("$5\r\nshort\r\n");
        return bulk(c.call("FUNCTION", "DUMP"));
    }

    private static void assertRestored(RespConnection c) throws IOException {
        assertThat(c.call("FCALL", "long1", "0")).isEqualTo("$36\r\nthe first function of a long library\r\n");
        assertThat(c.call("FCALL_RO", "long3", "0", "a", "b")).isEqualTo(":2\r\n");
        assertThat(c.call("FCALL", "s", "0")).isEqualTo(":7\r\n");
        assertThat(c.call("FUNCTION", "LIST", "WITHCODE", "LIBRARYNAME", "longlib")).contains(LONG_LIBRARY);
    }

    @Test
    void aPayloadFromRedisRestoresHereAndOneFromHereRestoresInRedis() throws IOException {
        try (RespConnection real = new RespConnection(redis.port()); RespConnection aioj = server.connect()) {
            byte[] fromRedis = loadAndDump(real);
            assertThat(fromRedis[fromRedis.length - 10]).isEqualTo((byte) 10); // RDB version 10, Redis 7.0
            assertThat(aioj.call("FUNCTION", "FLUSH")).isEqualTo("+OK\r\n");
            assertThat(call(aioj, b("FUNCTION"), b("RESTORE"), fromRedis)).isEqualTo("+OK\r\n");
            assertRestored(aioj);

            byte[] fromAioj = bulk(aioj.call("FUNCTION", "DUMP"));
            assertThat(real.call("FUNCTION", "FLUSH")).isEqualTo("+OK\r\n");
            assertThat(call(real, b("FUNCTION"), b("RESTORE"), fromAioj)).isEqualTo("+OK\r\n");
            assertRestored(real);
        }
    }

    @Test
    void restorePoliciesAppendReplaceAndFlush() throws IOException {
        try (RespConnection c = server.connect()) {
            byte[] payload = loadAndDump(c);
            assertThat(call(c, b("FUNCTION"), b("RESTORE"), payload))
                    .isEqualTo("-ERR Library 'longlib' already exists\r\n");
            assertThat(call(c, b("FUNCTION"), b("RESTORE"), payload, b("REPLACE"))).isEqualTo("+OK\r\n");
            assertThat(c.call("FUNCTION", "LOAD", "#!lua name=extra\nredis.register_function('x', function() end)"))
                    .isEqualTo("$5\r\nextra\r\n");
            assertThat(call(c, b("FUNCTION"), b("RESTORE"), payload, b("FLUSH"))).isEqualTo("+OK\r\n");
            assertThat(c.call("FCALL", "x", "0")).isEqualTo("-ERR Function not found\r\n");
            assertRestored(c);
        }
    }

    @Test
    void aDamagedPayloadIsRefusedAndChangesNothing() throws IOException {
        try (RespConnection c = server.connect()) {
            byte[] payload = loadAndDump(c);
            byte[] damaged = payload.clone();
            damaged[5] ^= 1;
            assertThat(call(c, b("FUNCTION"), b("RESTORE"), damaged, b("FLUSH")))
                    .isEqualTo("-ERR DUMP payload version or checksum are wrong\r\n");
            byte[] truncated = java.util.Arrays.copyOf(payload, 6);
            assertThat(call(c, b("FUNCTION"), b("RESTORE"), truncated, b("FLUSH")))
                    .isEqualTo("-ERR DUMP payload version or checksum are wrong\r\n");
            assertRestored(c);
        }
    }

    @Test
    void crc64IsRedisJonesVariant() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc64.update(0, check, 0, check.length)).isEqualTo(0xe9c6d914c4b8d9caL);
    }

    @Test
    void payloadsRoundTripAndTheirErrorsNameTheProblem() throws Exception {
        byte[] small = b("#!lua name=a\nx");
        byte[] big = new byte[20_000]; // a length that needs the 4-byte encoding
        java.util.Arrays.fill(big, (byte) 'z');
        byte[] payload = FunctionDump.dump(List.of(small, big));
        List<byte[]> back = FunctionDump.restore(payload);
        assertThat(back).hasSize(2);
        assertThat(back.get(0)).isEqualTo(small);
        assertThat(back.get(1)).isEqualTo(big);

        byte[] notAFunction = payload.clone();
        notAFunction[0] = 0; // a string-type opcode
        byte[] fixed = FunctionDump.dump(List.of());
        assertThat(fixed).hasSize(10);
        assertThatThrownBy(() -> FunctionDump.restore(rechecksum(notAFunction)))
                .hasMessage("given type is not a function");
    }

    /** The payload with its checksum recomputed, to reach the checks past it. */
    private static byte[] rechecksum(byte[] payload) {
        byte[] p = payload.clone();
        long crc = Crc64.update(0, p, 0, p.length - 8);
        for (int i = 0; i < 8; i++) {
            p[p.length - 8 + i] = (byte) (crc >>> (8 * i));
        }
        return p;
    }
}

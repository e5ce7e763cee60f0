package dev.aioj.redis.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A connection lives long: its parser must keep working after more than
 * 2^31 bytes (internal offsets once wrapped there, and the parser stalled
 * with a complete reply buffered).
 */
class RespParserLongStreamTest {

    @Test
    void parsesCorrectlyAfterMoreThanTwoGibibytesOfReplies() {
        RespParser parser = new RespParser();
        byte[] payload = new byte[60 * 1024];
        java.util.Arrays.fill(payload, (byte) 'x');
        byte[] header = ("$" + payload.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer frame = ByteBuffer.allocate(header.length + payload.length + 2 + 5);
        frame.put(header).put(payload).put("\r\n".getBytes(StandardCharsets.US_ASCII))
                .put("+OK\r\n".getBytes(StandardCharsets.US_ASCII)).flip();
        long fed = 0;
        long frames = 0;
        while (fed < (1L << 31) + (1L << 20)) {
            parser.feed(frame.duplicate());
            fed += frame.remaining();
            RespValue bulk = parser.next();
            RespValue ok = parser.next();
            if (!(bulk instanceof RespValue.Bulk b) || b.bytes().length != payload.length
                    || !RespValue.Simple.OK.equals(ok)) {
                throw new AssertionError("wrong values after " + fed + " bytes (" + frames + " frame pairs): "
                        + bulk + ", " + ok);
            }
            frames++;
        }
        assertThat(fed).isGreaterThan(Integer.MAX_VALUE);
        assertThat(parser.next()).isNull();
        assertThat(parser.bufferedBytes()).isZero();
    }
}

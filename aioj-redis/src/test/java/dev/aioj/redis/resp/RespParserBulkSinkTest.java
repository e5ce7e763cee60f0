package dev.aioj.redis.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code next(BulkSink)}: top-level bulks go to the sink, everything else comes back as values; split anywhere. */
class RespParserBulkSinkTest {

    private static final BulkSink TEXT = (b, off, len) -> new String(b, off, len, StandardCharsets.UTF_8);

    private static List<Object> parseAll(String input, boolean byteByByte) {
        RespParser parser = new RespParser();
        List<Object> out = new ArrayList<>();
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        int step = byteByByte ? 1 : bytes.length;
        for (int i = 0; i < bytes.length; i += step) {
            parser.feed(ByteBuffer.wrap(bytes, i, Math.min(step, bytes.length - i)));
            for (Object v; (v = parser.next(TEXT)) != null; ) {
                out.add(v);
            }
        }
        return out;
    }

    @Test
    void bulksGoToTheSinkAndOtherValuesComeBackParsed() {
        String input = "$5\r\nhello\r\n+OK\r\n$-1\r\n:7\r\n$0\r\n\r\n*1\r\n$1\r\nx\r\n";
        for (boolean byteByByte : new boolean[] {false, true}) {
            List<Object> values = parseAll(input, byteByByte);
            assertThat(values).containsExactly("hello", RespValue.Simple.OK, RespValue.Null.INSTANCE,
                    new RespValue.Int(7), "", RespValue.Array.of(RespValue.Bulk.of("x")));
        }
    }

    @Test
    void aBulkTooLargeForTheBufferStillArrivesAsAValue() {
        RespParser parser = new RespParser();
        byte[] big = new byte[4 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'b');
        parser.feed(ByteBuffer.wrap(("$" + big.length + "\r\n").getBytes(StandardCharsets.US_ASCII)));
        for (int i = 0; i < big.length; i += 65536) {
            parser.feed(ByteBuffer.wrap(big, i, 65536));
        }
        parser.feed(ByteBuffer.wrap("\r\n".getBytes(StandardCharsets.US_ASCII)));
        Object value = parser.next(TEXT);
        Object bytes = value instanceof RespValue.Bulk b ? b.bytes() : ((String) value).getBytes(StandardCharsets.UTF_8);
        assertThat((byte[]) bytes).isEqualTo(big);
    }
}

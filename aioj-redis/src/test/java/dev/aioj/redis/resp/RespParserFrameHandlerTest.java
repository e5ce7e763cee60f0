package dev.aioj.redis.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code next(FrameHandler)}: a handler that takes bulk strings gets top-level ones from the parser's buffer,
 * everything else (a null bulk too) as values; one that does not gets values only; split anywhere.
 */
class RespParserFrameHandlerTest {

    /** Records what it is given: bulks as text, values as they are. */
    private static final class Recorder implements FrameHandler {
        final List<Object> got = new ArrayList<>();
        final boolean takesBulk;

        Recorder(boolean takesBulk) {
            this.takesBulk = takesBulk;
        }

        @Override
        public void value(RespValue value) {
            got.add(value);
        }

        @Override
        public boolean takesBulk() {
            return takesBulk;
        }

        @Override
        public void bulk(byte[] buffer, int offset, int length) {
            got.add(new String(buffer, offset, length, StandardCharsets.UTF_8));
        }
    }

    private static List<Object> parseAll(String input, boolean byteByByte, boolean takesBulk) {
        RespParser parser = new RespParser();
        Recorder recorder = new Recorder(takesBulk);
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        int step = byteByByte ? 1 : bytes.length;
        for (int i = 0; i < bytes.length; i += step) {
            parser.feed(ByteBuffer.wrap(bytes, i, Math.min(step, bytes.length - i)));
            int before = recorder.got.size();
            while (parser.next(recorder)) {
                assertThat(recorder.got).hasSize(++before); // true means exactly one value was given
            }
            assertThat(recorder.got).hasSize(before);
        }
        return recorder.got;
    }

    private static final String INPUT = "$5\r\nhello\r\n+OK\r\n$-1\r\n:7\r\n$0\r\n\r\n*1\r\n$1\r\nx\r\n";

    @Test
    void bulksGoToTheHandlerFromTheBufferAndOtherValuesComeParsed() {
        for (boolean byteByByte : new boolean[] {false, true}) {
            assertThat(parseAll(INPUT, byteByByte, true)).containsExactly("hello", RespValue.Simple.OK,
                    RespValue.Null.INSTANCE, new RespValue.Int(7), "", RespValue.Array.of(RespValue.Bulk.of("x")));
        }
    }

    @Test
    void aHandlerThatTakesNoBulksGetsEveryValueAsNextWouldReturnIt() {
        for (boolean byteByByte : new boolean[] {false, true}) {
            assertThat(parseAll(INPUT, byteByByte, false)).containsExactlyElementsOf(Feeding.parseAllWays(INPUT));
        }
    }

    @Test
    void anExceptionFromTheHandlerLeavesTheParserUsable() {
        RespParser parser = new RespParser();
        parser.feed(ByteBuffer.wrap("+one\r\n+two\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> parser.next(value -> {
            throw new IllegalStateException("handler failed on " + value);
        })).hasMessageContaining("one");
        assertThat(parser.next()).isEqualTo(new RespValue.Simple("two"));
        assertThat(parser.position()).isEqualTo(12);
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
        Recorder recorder = new Recorder(true);
        assertThat(parser.next(recorder)).isTrue();
        Object value = recorder.got.get(0);
        byte[] bytes = value instanceof RespValue.Bulk b ? b.bytes() : ((String) value).getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).isEqualTo(big);
    }
}

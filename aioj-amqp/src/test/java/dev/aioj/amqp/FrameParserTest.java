package dev.aioj.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The frame parser: whole frames, frames split at every byte, and the
 * limits (size above frame_max, bad end byte, unknown type) failing with
 * the offset and value before anything is allocated.
 */
class FrameParserTest {

    private record Frame(int type, int channel, byte[] payload) {}

    private static byte[] sample() {
        FrameEncoder out = new FrameEncoder(64);
        out.startMethod(0, 10, 30).shortInt(2047).longInt(131072).shortInt(60).endFrame();
        out.heartbeat();
        out.startMethod(3, 60, 40).shortInt(0).shortString("").shortString("hello").bits(false, false).endFrame();
        out.content(3, BasicProperties.builder().headers(Map.of("k", "v")).build(), "Hello World!".getBytes(), 0,
                12, 4096 + 8);
        return out.toByteArray();
    }

    private static List<Frame> parse(byte[] bytes, int step, int maxFrame) {
        FrameParser parser = new FrameParser(maxFrame);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += step) {
            // a direct buffer, as the loop's read buffer is
            ByteBuffer chunk = ByteBuffer.allocateDirect(Math.min(step, bytes.length - i));
            chunk.put(bytes, i, chunk.capacity()).flip();
            parser.feed(chunk, (type, channel, payload, base) -> {
                byte[] p = new byte[payload.remaining()];
                payload.get(p);
                frames.add(new Frame(type, channel, p));
            });
            assertThat(chunk.hasRemaining()).isFalse();
        }
        return frames;
    }

    @Test
    void wholeAndOneByteAtATimeGiveTheSameFrames() {
        byte[] bytes = sample();
        List<Frame> whole = parse(bytes, bytes.length, 131072);
        assertThat(whole).extracting(Frame::type).containsExactly(1, 8, 1, 2, 3);
        assertThat(whole).extracting(Frame::channel).containsExactly(0, 0, 3, 3, 3);
        for (int step : new int[] {1, 2, 3, 7, 8, 13}) {
            List<Frame> split = parse(bytes, step, 131072);
            assertThat(split).hasSameSizeAs(whole);
            for (int i = 0; i < whole.size(); i++) {
                assertThat(split.get(i).payload()).as("step " + step + " frame " + i)
                        .isEqualTo(whole.get(i).payload());
            }
        }
        Method tune = Method.decode(ByteBuffer.wrap(whole.get(0).payload()), 0);
        assertThat(tune).isEqualTo(new Method.ConnectionTune(2047, 131072, 60));
    }

    @Test
    void aFrameAboveFrameMaxFailsBeforeItsPayloadArrives() {
        byte[] header = {1, 0, 0, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0};
        for (int step : new int[] {1, 7}) {
            assertThatThrownBy(() -> parse(header, step, 4096))
                    .isInstanceOfSatisfying(AmqpProtocolException.class, e -> {
                        assertThat(e.offset()).isEqualTo(3);
                        assertThat(e.value()).isEqualTo(0x7FFFFFF0L);
                        assertThat(e.getMessage()).contains("frame_max 4096");
                    });
        }
    }

    @Test
    void aBadEndByteNamesItsOffset() {
        byte[] bytes = sample();
        byte[] bad = bytes.clone();
        int firstEnd = 7 + 12; // tune: class, method, short, long, short
        assertThat(bad[firstEnd] & 0xFF).isEqualTo(0xCE);
        bad[firstEnd] = 0x42;
        for (int step : new int[] {1, bytes.length}) {
            assertThatThrownBy(() -> parse(bad, step, 131072))
                    .isInstanceOfSatisfying(AmqpProtocolException.class, e -> {
                        assertThat(e.offset()).isEqualTo(firstEnd);
                        assertThat(e.value()).isEqualTo(0x42);
                    });
        }
    }

    @Test
    void anUnknownFrameTypeIsRefused() {
        byte[] bytes = {9, 0, 0, 0, 0, 0, 0, (byte) 0xCE};
        assertThatThrownBy(() -> parse(bytes, 1, 4096))
                .isInstanceOfSatisfying(AmqpProtocolException.class, e -> assertThat(e.value()).isEqualTo(9));
    }

    @Test
    void aLyingLongStringLengthFailsWithoutAllocatingIt() {
        FrameEncoder out = new FrameEncoder(32);
        out.shortInt(10).shortInt(20).longInt(Integer.MAX_VALUE); // connection.secure, challenge of 2 GiB
        assertThatThrownBy(() -> Method.decode(out.buffer(), 100))
                .isInstanceOfSatisfying(AmqpProtocolException.class, e -> {
                    assertThat(e.value()).isEqualTo(Integer.MAX_VALUE);
                    assertThat(e.offset()).isEqualTo(108);
                });
    }

    @Test
    void bodiesAreSplitAtFrameMaxMinusEight() {
        FrameEncoder out = new FrameEncoder(64);
        byte[] body = new byte[10_000];
        out.content(1, BasicProperties.EMPTY, body, 0, body.length, 4096);
        List<Frame> frames = parse(out.toByteArray(), 1000, 4096);
        assertThat(frames).extracting(f -> f.payload().length).containsExactly(14, 4088, 4088, 1824);
    }
}

package dev.aioj.redis.resp;

import static dev.aioj.redis.resp.Feeding.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.resp.RespValue.Array;
import dev.aioj.redis.resp.RespValue.Bulk;
import dev.aioj.redis.resp.RespValue.Int;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parser as a connection uses it: many reads, large values, long runs.
 * Memory must stay bounded and work linear; these tests assert the bounds
 * (buffer capacities), never the time.
 */
class RespParserStreamingTest {

    private static final int READ_SIZE = 64 * 1024;

    /** Byte {@code i} of the synthetic payloads: cheap to generate and check, never constant. */
    private static byte pattern(long i) {
        return (byte) (i * 31 + (i >>> 11));
    }

    /**
     * Feeds {@code header}, then {@code length} pattern bytes, then {@code trailer},
     * in READ_SIZE pieces through one reused direct buffer, as a connection would;
     * collects every value and the largest buffer capacities seen.
     */
    private static final class Stream {
        final RespParser parser;
        final List<RespValue> values = new ArrayList<>();
        int maxBufferCapacity;
        int maxSpillCapacity;
        int reads;

        Stream(RespParser parser) {
            this.parser = parser;
        }

        void send(byte[] header, long length, byte[] trailer) {
            ByteBuffer read = ByteBuffer.allocateDirect(READ_SIZE);
            byte[] chunk = new byte[READ_SIZE];
            long total = header.length + length + trailer.length;
            for (long at = 0; at < total; ) {
                int n = (int) Math.min(READ_SIZE, total - at);
                for (int i = 0; i < n; i++, at++) {
                    if (at < header.length) {
                        chunk[i] = header[(int) at];
                    } else if (at < header.length + length) {
                        chunk[i] = pattern(at - header.length);
                    } else {
                        chunk[i] = trailer[(int) (at - header.length - length)];
                    }
                }
                read.clear();
                read.put(chunk, 0, n).flip();
                parser.feed(read);
                reads++;
                maxSpillCapacity = Math.max(maxSpillCapacity, parser.spillCapacity());
                for (RespValue value; (value = parser.next()) != null; ) {
                    values.add(value);
                }
                maxBufferCapacity = Math.max(maxBufferCapacity, parser.bufferCapacity());
            }
        }
    }

    private static void assertPattern(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != pattern(i)) {
                throw new AssertionError("byte " + i + " is " + bytes[i] + ", expected " + pattern(i));
            }
        }
    }

    @Test
    void aHundredMebibyteBulkInSixtyFourKibibyteReadsIsCopiedOnceAndKeepsTheBufferSmall() {
        int length = 100 * 1024 * 1024;
        Stream stream = new Stream(new RespParser());
        stream.send(bytes("$" + length + "\r\n"), length, bytes("\r\n+OK\r\n"));

        assertThat(stream.reads).isEqualTo(length / READ_SIZE + 1);
        assertThat(stream.values).hasSize(2);
        byte[] payload = ((Bulk) stream.values.get(0)).bytes();
        assertThat(payload).hasSize(length);
        assertPattern(payload);
        assertThat(stream.values.get(1)).isSameAs(RespValue.Simple.OK);
        // The payload went straight to its own array; the accumulation buffer never held it.
        assertThat(stream.maxBufferCapacity).isLessThanOrEqualTo(2 * READ_SIZE);
        assertThat(stream.maxSpillCapacity).isEqualTo(length);
        assertThat(stream.parser.bufferedBytes()).isZero();
    }

    @Test
    void aLargeBulkInsideAnArrayIsSpilledAndTheArrayStillCompletes() {
        int length = 3 * 1024 * 1024 + 17;
        Stream stream = new Stream(new RespParser());
        stream.send(bytes("*3\r\n:1\r\n$" + length + "\r\n"), length, bytes("\r\n:2\r\n:3\r\n"));

        assertThat(stream.values).hasSize(2);
        Array array = (Array) stream.values.get(0);
        assertThat(array.elements().get(0)).isEqualTo(new Int(1));
        assertPattern(((Bulk) array.elements().get(1)).bytes());
        assertThat(((Bulk) array.elements().get(1)).bytes()).hasSize(length);
        assertThat(array.elements().get(2)).isEqualTo(new Int(2));
        assertThat(stream.values.get(1)).isEqualTo(new Int(3));
        assertThat(stream.maxBufferCapacity).isLessThanOrEqualTo(2 * READ_SIZE);
    }

    @Test
    void aLargeReplyThatMustBeBufferedIsReleasedOnceConsumed() {
        // A verbatim string is never spilled: it waits in the accumulation buffer, which then shrinks back.
        int length = 3 * 1024 * 1024;
        Stream stream = new Stream(new RespParser());
        stream.send(bytes("=" + (length + 4) + "\r\ntxt:"), length, bytes("\r\n"));

        assertThat(stream.values).hasSize(1);
        assertThat(((RespValue.Verbatim) stream.values.get(0)).text()).hasSize(length);
        assertThat(stream.maxBufferCapacity).isGreaterThan(length);
        assertThat(stream.parser.bufferCapacity()).isEqualTo(RespParser.INITIAL_CAPACITY);
    }

    @Test
    void aLongPipelineOfSmallRepliesReusesOneBuffer() {
        byte[] reply = bytes("*2\r\n$5\r\nhello\r\n:42\r\n");
        int count = 200_000;
        byte[] all = new byte[reply.length * count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(reply, 0, all, i * reply.length, reply.length);
        }
        RespParser parser = new RespParser();
        ByteBuffer read = ByteBuffer.allocateDirect(READ_SIZE);
        int parsed = 0;
        int reads = 0;
        int steadyCapacity = -1;
        for (int at = 0; at < all.length; ) {
            int n = Math.min(READ_SIZE - 7, all.length - at); // odd size: replies straddle every read
            read.clear();
            read.put(all, at, n).flip();
            at += n;
            parser.feed(read);
            for (RespValue value; (value = parser.next()) != null; ) {
                assertThat(value).isEqualTo(Array.of(Bulk.of("hello"), new Int(42)));
                parsed++;
            }
            // The first read sizes the buffer, the second adds room for a straddling reply; then it stays.
            if (++reads == 2) steadyCapacity = parser.bufferCapacity();
            if (reads > 2) assertThat(parser.bufferCapacity()).isEqualTo(steadyCapacity);
        }
        assertThat(parsed).isEqualTo(count);
        assertThat(reads).isGreaterThan(50);
        assertThat(steadyCapacity).isLessThanOrEqualTo(2 * READ_SIZE);
        assertThat(parser.bufferedBytes()).isZero();
    }

    @Test
    void feedingWithoutReadingInBetweenKeepsEveryValue() {
        RespParser parser = new RespParser(RespLimits.DEFAULTS, 0);
        parser.feed(ByteBuffer.wrap(bytes("$3\r\nab")));
        parser.feed(ByteBuffer.wrap(bytes("c\r\n:1\r\n")));
        parser.feed(ByteBuffer.wrap(bytes("")));
        parser.feed(bytes("xx+OK\r\nyy"), 2, 5);
        assertThat(parser.next()).isEqualTo(Bulk.of("abc"));
        assertThat(parser.next()).isEqualTo(new Int(1));
        assertThat(parser.next()).isSameAs(RespValue.Simple.OK);
        assertThat(parser.next()).isNull();
        assertThat(parser.bufferedBytes()).isZero();
    }
}

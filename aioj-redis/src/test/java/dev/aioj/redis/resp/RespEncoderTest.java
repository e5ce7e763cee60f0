package dev.aioj.redis.resp;

import static dev.aioj.redis.resp.Feeding.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Command encoding: every accepted argument type, the number formats, and rejected arguments. */
class RespEncoderTest {

    private static String encode(Object... args) {
        RespOutput out = new RespOutput(4);
        int written = RespEncoder.encodeCommand(out, args);
        assertThat(written).isEqualTo(out.size());
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void stringsAndBytesBecomeBulkStrings() {
        assertThat(encode("SET", "key", "value")).isEqualTo("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n");
        assertThat(encode("GET", bytes("k\r\n"))).isEqualTo("*2\r\n$3\r\nGET\r\n$3\r\nk\r\n\r\n");
        assertThat(encode(bytes("PING"))).isEqualTo("*1\r\n$4\r\nPING\r\n");
        assertThat(encode("SET", "", new byte[0])).isEqualTo("*3\r\n$3\r\nSET\r\n$0\r\n\r\n$0\r\n\r\n");
    }

    @Test
    void stringsAreEncodedAsUtf8WithTheirByteLength() {
        assertThat(encode("SET", "caf\u00e9", "\u4e2d\u6587\ud83d\ude00"))
                .isEqualTo("*3\r\n$3\r\nSET\r\n$5\r\ncaf\u00e9\r\n$10\r\n\u4e2d\u6587\ud83d\ude00\r\n");
    }

    @Test
    void utf8EncodingMatchesTheJdkForAnyString() {
        Random random = new Random(42);
        char[] interesting = {'a', '\u007f', '\u0080', '\u07ff', '\u0800', '\uffff', '\ud800', '\udbff', '\udc00',
            '\udfff', '\ue000', '\u00e9', '\u4e2d'};
        for (int round = 0; round < 2000; round++) {
            char[] chars = new char[random.nextInt(12)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : (char) random.nextInt();
            }
            String text = new String(chars);
            byte[] expected = text.getBytes(StandardCharsets.UTF_8);
            RespOutput out = new RespOutput(1);
            out.writeUtf8(text, (int) RespOutput.utf8Length(text));
            assertThat(out.toByteArray()).as("UTF-8 of %s", text.chars().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(expected);
        }
    }

    @Test
    void integersAndLongsAreDecimal() {
        assertThat(encode("INCRBY", "k", 0)).endsWith("$1\r\n0\r\n");
        assertThat(encode("INCRBY", "k", -42)).endsWith("$3\r\n-42\r\n");
        assertThat(encode("INCRBY", "k", Integer.MIN_VALUE)).endsWith("$11\r\n-2147483648\r\n");
        assertThat(encode("INCRBY", "k", Long.MAX_VALUE)).endsWith("$19\r\n9223372036854775807\r\n");
        assertThat(encode("INCRBY", "k", Long.MIN_VALUE)).endsWith("$20\r\n-9223372036854775808\r\n");
        for (long value : new long[] {9, 10, 99, 100, 999_999_999_999L, 1_000_000_000_000L, -1, -10}) {
            assertThat(encode("X", value)).endsWith("\r\n" + value + "\r\n");
            assertThat(RespOutput.decimalLength(value)).isEqualTo(Long.toString(value).length());
        }
    }

    @Test
    void doublesUseTheShortestTextWithoutAPointlessPointZero() {
        assertThat(RespEncoder.formatDouble(1.5)).isEqualTo("1.5");
        assertThat(RespEncoder.formatDouble(3.0)).isEqualTo("3");
        assertThat(RespEncoder.formatDouble(-2.0)).isEqualTo("-2");
        assertThat(RespEncoder.formatDouble(0.1)).isEqualTo("0.1");
        assertThat(RespEncoder.formatDouble(1e20)).isEqualTo("1E20");
        assertThat(RespEncoder.formatDouble(1.25e-7)).isEqualTo("1.25E-7");
        assertThat(RespEncoder.formatDouble(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(RespEncoder.formatDouble(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(RespEncoder.formatDouble(Double.NaN)).isEqualTo("nan");
        assertThat(RespEncoder.formatFloat(0.1f)).isEqualTo("0.1");
        assertThat(RespEncoder.formatFloat(2.0f)).isEqualTo("2");
        assertThat(RespEncoder.formatFloat(Float.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(encode("ZADD", "z", 1.5, "m")).isEqualTo("*4\r\n$4\r\nZADD\r\n$1\r\nz\r\n$3\r\n1.5\r\n$1\r\nm\r\n");
        assertThat(encode("ZADD", "z", 0.25f, "m")).contains("$4\r\n0.25\r\n");
        assertThat(encode("ZADD", "z", Double.NEGATIVE_INFINITY, "m")).contains("$4\r\n-inf\r\n");
    }

    @Test
    void formattedDoublesReadBackAsTheSameValue() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(value)) continue;
            assertThat(Double.parseDouble(RespEncoder.formatDouble(value).replace("inf", "Infinity"))).isEqualTo(value);
        }
    }

    @Test
    void byteBuffersContributeTheirRemainingBytesAndKeepTheirPosition() {
        ByteBuffer heap = ByteBuffer.wrap(bytes("xxvaluexx"), 2, 5);
        ByteBuffer direct = ByteBuffer.allocateDirect(8).put(bytes("abcdef")).flip().position(1);
        assertThat(encode("SET", heap, direct)).isEqualTo("*3\r\n$3\r\nSET\r\n$5\r\nvalue\r\n$5\r\nbcdef\r\n");
        assertThat(heap.position()).isEqualTo(2);
        assertThat(heap.remaining()).isEqualTo(5);
        assertThat(direct.position()).isEqualTo(1);
    }

    @Test
    void manyCommandsGoIntoOneOutputBackToBack() {
        RespOutput out = new RespOutput();
        RespEncoder.encodeCommand(out, "PING");
        RespEncoder.encodeCommand(out, "GET", "k");
        assertThat(new String(out.array(), 0, out.size(), StandardCharsets.US_ASCII))
                .isEqualTo("*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n");
        assertThat(out.asByteBuffer().remaining()).isEqualTo(out.size());
        out.clear();
        assertThat(out.isEmpty()).isTrue();
    }

    @Test
    void aNullArgumentIsNamedByIndexAndCommandAndNothingIsWritten() {
        RespOutput out = new RespOutput();
        RespEncoder.encodeCommand(out, "PING");
        byte[] before = out.toByteArray();
        assertThatThrownBy(() -> RespEncoder.encodeCommand(out, "SET", "k", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("argument 2 of SET is null");
        assertThatThrownBy(() -> RespEncoder.encodeCommand(out, (Object) null))
                .hasMessage("argument 0 (the command name) is null");
        assertThatThrownBy(() -> RespEncoder.encodeCommand(out))
                .hasMessage("command has no arguments");
        assertThat(out.toByteArray()).isEqualTo(before);
    }

    @Test
    void anUnsupportedTypeIsNamedAndNothingIsWritten() {
        RespOutput out = new RespOutput();
        byte[] big = new byte[100_000];
        assertThatThrownBy(() -> RespEncoder.encodeCommand(out, "SET", big, "v", new Date()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("argument 3 of SET has unsupported type java.util.Date");
        assertThatThrownBy(() -> RespEncoder.encodeCommand(out, bytes("GET"), new StringBuilder("k")))
                .hasMessageStartingWith("argument 1 of GET has unsupported type java.lang.StringBuilder");
        assertThatThrownBy(() -> RespEncoder.encodeCommand(out, "INCRBY", "k", (short) 1))
                .hasMessageStartingWith("argument 2 of INCRBY has unsupported type java.lang.Short");
        assertThatThrownBy(() -> RespEncoder.checkCommand("GET", 'c'))
                .hasMessageStartingWith("argument 1 of GET has unsupported type java.lang.Character");
        assertThat(out.size()).isZero();
        RespEncoder.checkCommand("SET", "k", 1, 2L, 1.5, 1.5f, new byte[0], ByteBuffer.allocate(0));
    }

    @Test
    void clearGivesBackTheMemoryOfAnUnusuallyLargeBatch() {
        RespOutput out = new RespOutput();
        RespEncoder.encodeCommand(out, "SET", "k", new byte[2 * RespOutput.RETAIN_LIMIT]);
        assertThat(out.array().length).isGreaterThan(RespOutput.RETAIN_LIMIT);
        out.clear();
        assertThat(out.array()).hasSize(RespOutput.DEFAULT_CAPACITY);
        RespEncoder.encodeCommand(out, "SET", "k", new byte[1000]);
        int capacity = out.array().length;
        out.clear();
        assertThat(out.array()).hasSize(capacity);
    }

    @Test
    void truncateRejectsSizesOutsideTheOutput() {
        RespOutput out = new RespOutput();
        RespEncoder.encodeCommand(out, "PING");
        assertThatThrownBy(() -> out.truncate(out.size() + 1)).hasMessage("newSize not in 0..14: 15");
        out.truncate(4);
        assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("*1\r\n");
    }
}

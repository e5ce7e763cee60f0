package dev.aioj.redis.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs one parser case every way the bytes can arrive: all at once, one byte
 * at a time, and split in two at every position; each way both with the
 * default spill threshold and with threshold 0 (every split bulk string goes
 * through the spill path). All ways must agree: the same values, or the same
 * protocol error at the same position. okio's habit, applied to RESP.
 *
 * <p>Each piece is fed from a direct buffer that is scribbled over right after
 * {@code feed} returns, so a parser that kept a reference to it fails.
 */
final class Feeding {

    private Feeding() {}

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Parses {@code input} every way with {@code limits}; asserts they agree and returns the values. */
    static List<RespValue> parseAllWays(byte[] input, RespLimits limits) {
        List<RespValue> expected = null;
        for (Supplier<RespParser> parsers : parsers(limits)) {
            for (int[] cuts : splits(input.length)) {
                List<RespValue> values = parse(parsers.get(), input, cuts, true);
                if (expected == null) {
                    expected = values;
                } else {
                    assertThat(values).as("values when cut at %s", Arrays.toString(cuts)).isEqualTo(expected);
                }
            }
        }
        return expected;
    }

    static List<RespValue> parseAllWays(String input) {
        return parseAllWays(bytes(input), RespLimits.DEFAULTS);
    }

    /** The single value {@code input} holds, parsed every way. */
    static RespValue parseOneAllWays(String input) {
        List<RespValue> values = parseAllWays(input);
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    /**
     * Asserts that every way of feeding {@code input} fails with the same
     * protocol error (class, message, position, offending byte) and returns it.
     */
    static RespProtocolException failAllWays(byte[] input, RespLimits limits) {
        RespProtocolException expected = null;
        for (Supplier<RespParser> parsers : parsers(limits)) {
            for (int[] cuts : splits(input.length)) {
                RespProtocolException error = null;
                try {
                    parse(parsers.get(), input, cuts, false);
                } catch (RespProtocolException e) {
                    error = e;
                }
                if (error == null) fail("no protocol error when cut at " + Arrays.toString(cuts));
                if (expected == null) {
                    expected = error;
                } else {
                    assertThat(error).as("error when cut at %s", Arrays.toString(cuts))
                            .isExactlyInstanceOf(expected.getClass())
                            .hasMessage(expected.getMessage());
                    assertThat(error.position()).isEqualTo(expected.position());
                    assertThat(error.offendingByte()).isEqualTo(expected.offendingByte());
                }
            }
        }
        return expected;
    }

    static RespProtocolException failAllWays(String input) {
        return failAllWays(bytes(input), RespLimits.DEFAULTS);
    }

    private static List<Supplier<RespParser>> parsers(RespLimits limits) {
        return List.of(() -> new RespParser(limits), () -> new RespParser(limits, 0));
    }

    /** Cut points: none (whole), every position (byte by byte), and each single position. */
    private static List<int[]> splits(int length) {
        List<int[]> splits = new ArrayList<>();
        splits.add(new int[0]);
        int[] everyByte = new int[Math.max(0, length - 1)];
        for (int i = 1; i < length; i++) {
            everyByte[i - 1] = i;
        }
        splits.add(everyByte);
        for (int i = 1; i < length; i++) {
            splits.add(new int[] {i});
        }
        return splits;
    }

    private static List<RespValue> parse(RespParser parser, byte[] input, int[] cuts, boolean expectAllConsumed) {
        List<RespValue> values = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : input.length;
            ByteBuffer piece = ByteBuffer.allocateDirect(to - from);
            piece.put(input, from, to - from).flip();
            parser.feed(piece);
            assertThat(piece.hasRemaining()).as("feed consumes the whole buffer").isFalse();
            for (int j = 0; j < piece.capacity(); j++) {
                piece.put(j, (byte) '!');
            }
            for (RespValue value; (value = parser.next()) != null; ) {
                values.add(value);
            }
            from = to;
        }
        if (expectAllConsumed) {
            assertThat(parser.bufferedBytes()).as("bytes left after the last value").isZero();
        }
        return values;
    }
}

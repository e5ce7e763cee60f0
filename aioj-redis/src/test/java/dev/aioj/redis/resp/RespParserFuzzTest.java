package dev.aioj.redis.resp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Jazzer fuzz target of the client's RESP2/RESP3 reply parser, with issue
 * 15's invariants:
 *
 * <ul>
 *   <li>only {@link RespProtocolException} (or its subclass for exceeded
 *       limits) escapes; the parser is not used after it, as the connection
 *       drops it;
 *   <li>no allocation driven by an unchecked declared length: the bytes the
 *       thread allocates while parsing stay within a small multiple of the
 *       input (a {@code $536870912} header with three bytes behind it must
 *       not allocate 512 MiB), so no OutOfMemoryError either;
 *   <li>the input split in three reads gives the same values (and the same
 *       failure or not) as the input in one read;
 *   <li>every call returns: a parser that stops consuming while returning
 *       values would loop forever, so the values are bounded by the input.
 * </ul>
 *
 * <p>In {@code ./aioj test} it runs as a regression test over the committed
 * corpus in {@code src/test/resources/dev/aioj/redis/resp/RespParserFuzzTestInputs/};
 * {@code .ci/fuzz} fuzzes it for a bounded time (docs/reliability.md).
 */
class RespParserFuzzTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** What one parse of an input gave: the values in order, and whether it ended in a protocol error. */
    private record Outcome(List<RespValue> values, boolean failed) {}

    @FuzzTest(maxDuration = "40s")
    void repliesParseTheSameWholeOrSplitAndOnlyTheTypedErrorEscapes(byte[] input) {
        parse(input, new int[] {input.length}); // once unmeasured: class loading and Jazzer's instrumentation allocate too
        long before = THREADS.getCurrentThreadAllocatedBytes();
        Outcome whole = parse(input, new int[] {input.length});
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        if (allocated > 64L * input.length + (8 << 20)) {
            throw new AssertionError("parsing " + input.length + " bytes allocated " + allocated + " bytes");
        }
        int a = input.length == 0 ? 0 : (input[0] & 0xFF) % (input.length + 1);
        int b = input.length == 0 ? 0 : (input[input.length - 1] & 0xFF) % (input.length - a + 1);
        Outcome split = parse(input, new int[] {a, b, input.length - a - b});
        if (whole.failed != split.failed || !Objects.equals(whole.values, split.values)) {
            throw new AssertionError("split at " + a + "+" + b + " gave " + split + ", whole gave " + whole);
        }
    }

    private static Outcome parse(byte[] input, int[] reads) {
        RespParser parser = new RespParser(RespLimits.DEFAULTS.withMaxDepth(64));
        List<RespValue> values = new ArrayList<>();
        int offset = 0;
        try {
            for (int length : reads) {
                parser.feed(input, offset, length);
                offset += length;
                for (RespValue v; (v = parser.next()) != null; ) {
                    values.add(v);
                    if (values.size() > input.length) {
                        throw new AssertionError("more values than bytes: the parser stopped consuming");
                    }
                }
            }
        } catch (RespProtocolException expected) {
            return new Outcome(values, true); // the one exception allowed: the connection drops the parser
        }
        return new Outcome(values, false);
    }
}

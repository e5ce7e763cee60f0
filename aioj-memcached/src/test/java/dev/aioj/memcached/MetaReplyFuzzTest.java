package dev.aioj.memcached;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * Jazzer fuzz target of the reply parser, with issue 15's invariants: only
 * {@link MemcachedProtocolException} escapes; no OutOfMemoryError and no
 * allocation driven by an unchecked declared length (the parser's limit is
 * 1 GiB here, far above the test heap, so a value array sized by a declared
 * length instead of by the bytes that arrived would fail the run); a parser
 * that threw is not used again, as the connection drops it.
 *
 * <p>In {@code ./aioj test} it runs as a regression test over the committed
 * corpus in {@code src/test/resources/dev/aioj/memcached/MetaReplyFuzzTestInputs/}.
 * To fuzz: {@code JAZZER_FUZZ=1 ./mvnw -pl aioj-memcached -am verify
 * -Dtest=MetaReplyFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Daioj.skipOrdinaryTests=true} (findings land in that folder: commit them as
 * regression inputs).
 */
class MetaReplyFuzzTest {

    @FuzzTest(maxDuration = "40s")
    void parseNeverEscapesUntyped(byte[] input) {
        MetaReplyParser parser = new MetaReplyParser("fuzz", 1 << 30);
        // the input split in two reads, as the network may deliver it
        int split = input.length == 0 ? 0 : (input[0] & 0xFF) % (input.length + 1);
        try {
            for (ByteBuffer chunk : new ByteBuffer[] {ByteBuffer.wrap(input, 0, split),
                    ByteBuffer.wrap(input, split, input.length - split)}) {
                while (parser.parse(chunk)) {
                    MetaReply reply = parser.reply;
                    if (reply.status == null) throw new AssertionError("a reply without a status");
                    if (reply.status == MetaReply.Status.VALUE && reply.value == null) {
                        throw new AssertionError("a VA reply without its value");
                    }
                }
                if (chunk.hasRemaining()) throw new AssertionError("parse returned false with bytes left");
            }
        } catch (MemcachedProtocolException expected) {
            // the one exception allowed: the connection drops the parser
        }
    }
}

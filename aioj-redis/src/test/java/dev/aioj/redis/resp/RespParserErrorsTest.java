package dev.aioj.redis.resp;

import static dev.aioj.redis.resp.Feeding.bytes;
import static dev.aioj.redis.resp.Feeding.failAllWays;
import static dev.aioj.redis.resp.Feeding.parseAllWays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.resp.RespLimitException.Limit;
import dev.aioj.redis.resp.RespValue.Array;
import dev.aioj.redis.resp.RespValue.Int;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Malformed input and exceeded limits: each fails with the same protocol error
 * (message, stream position, offending byte) however the bytes are split, and
 * leaves the parser unusable.
 */
class RespParserErrorsTest {

    @Test
    void anUnknownTypeByteIsRejectedAtOnce() {
        RespProtocolException error = failAllWays("+OK\r\nHTTP/1.1 400 Bad Request\r\n");
        assertThat(error).hasMessage("unknown RESP type byte 0x48 ('H') at offset 5");
        assertThat(error.position()).isEqualTo(5);
        assertThat(error.offendingByte()).isEqualTo('H');
        assertThat(failAllWays("\u0000").offendingByte()).isZero();
    }

    @Test
    void lengthsMustBeNumbers() {
        assertThat(failAllWays("$abc\r\n")).hasMessage(
                "length is not a number: \"abc\", unexpected 0x61 ('a') at offset 1");
        assertThat(failAllWays("*\r\n")).hasMessage("length has no digits: \"\" at offset 1");
        assertThat(failAllWays("$1 \r\nx\r\n").offendingByte()).isEqualTo(' ');
        assertThat(failAllWays("*99999999999999999999\r\n").getMessage()).startsWith("length out of 64-bit range");
    }

    @Test
    void negativeLengthsOtherThanMinusOneAreRejected() {
        assertThat(failAllWays("$-2\r\n")).hasMessage("negative length -2 at offset 1");
        assertThat(failAllWays("*-5\r\n")).hasMessage("negative length -5 at offset 1");
        assertThat(failAllWays("%-1\r\n")).hasMessage("negative length -1 at offset 1");
        assertThat(failAllWays("~-1\r\n")).hasMessage("negative length -1 at offset 1");
        assertThat(failAllWays("=-1\r\n")).hasMessage("negative length -1 at offset 1");
    }

    @Test
    void streamedResp3TypesAreRejectedBecauseRedisNeverSendsThem() {
        assertThat(failAllWays("$?\r\n;4\r\nHell\r\n;0\r\n").getMessage())
                .startsWith("length is not a number: \"?\"");
        assertThat(failAllWays("*?\r\n:1\r\n.\r\n").getMessage()).startsWith("length is not a number: \"?\"");
    }

    @Test
    void limitsThemselvesAreChecked() {
        assertThatThrownBy(() -> RespLimits.DEFAULTS.withMaxBulkLength(-1))
                .hasMessage("maxBulkLength not in 0..2147483639: -1");
        assertThatThrownBy(() -> RespLimits.DEFAULTS.withMaxDepth(RespLimits.MAX_DEPTH + 1))
                .hasMessage("maxDepth not in 0..1024: 1025");
        assertThatThrownBy(() -> RespLimits.DEFAULTS.withMaxLineLength(19)).hasMessage("maxLineLength < 20: 19");
        assertThatThrownBy(() -> RespLimits.DEFAULTS.withMaxAggregateLength(-1))
                .hasMessageStartingWith("maxAggregateLength not in 0..");
        assertThat(parseAllWays(bytes("*1\r\n:1\r\n"), RespLimits.DEFAULTS.withMaxDepth(1))).hasSize(1);
        assertThat(failAllWays(bytes("*1\r\n:1\r\n"), RespLimits.DEFAULTS.withMaxDepth(0)))
                .isInstanceOf(RespLimitException.class);
    }

    @Test
    void linesEndInCrLfAndNothingElse() {
        assertThat(failAllWays("+OK\n")).hasMessage("LF without CR at offset 3");
        RespProtocolException crWithoutLf = failAllWays("+OK\rX\r\n");
        assertThat(crWithoutLf).hasMessage("expected LF after CR, found 0x58 ('X') at offset 4");
        assertThat(crWithoutLf.offendingByte()).isEqualTo('X');
    }

    @Test
    void aPayloadMustBeFollowedByCrLf() {
        RespProtocolException error = failAllWays("*2\r\n$3\r\nabcX\r\n:1\r\n");
        assertThat(error).hasMessage("payload not followed by CRLF: found 0x58 ('X') at offset 11");
        assertThat(error.position()).isEqualTo(11);
        assertThat(failAllWays("$3\r\nabc\rX")).hasMessage("expected LF after CR, found 0x58 ('X') at offset 8");
    }

    @Test
    void numbersAndScalarsFollowTheirGrammar() {
        assertThat(failAllWays(":12a\r\n").getMessage()).startsWith("integer is not a number: \"12a\"");
        assertThat(failAllWays(":\r\n")).hasMessage("integer has no digits: \"\" at offset 1");
        assertThat(failAllWays(":+1\r\n").offendingByte()).isEqualTo('+');
        assertThat(failAllWays(":9223372036854775808\r\n").getMessage()).startsWith("integer out of 64-bit range");
        assertThat(failAllWays(",1.5.5\r\n").getMessage()).startsWith("double is not a number");
        assertThat(failAllWays(",abc\r\n").getMessage()).startsWith("double is not a number");
        assertThat(failAllWays(",1e\r\n").getMessage()).startsWith("double is not a number");
        assertThat(failAllWays(",Infinity\r\n").getMessage()).startsWith("double is not a number");
        assertThat(failAllWays(",1.5d\r\n").getMessage()).startsWith("double is not a number");
        assertThat(failAllWays("(12a\r\n").getMessage()).startsWith("big number is not a number");
        assertThat(failAllWays("(\r\n").getMessage()).startsWith("big number has no digits");
        assertThat(failAllWays("#x\r\n").getMessage()).startsWith("boolean is not #t or #f");
        assertThat(failAllWays("#tt\r\n").getMessage()).startsWith("boolean is not #t or #f");
        assertThat(failAllWays("_x\r\n").getMessage()).startsWith("null has content");
    }

    @Test
    void verbatimStringsNeedTheirFormatPrefix() {
        assertThat(failAllWays("=3\r\ntxt\r\n")).hasMessage(
                "verbatim string shorter than its format prefix: 3 at offset 1");
        assertThat(failAllWays("=5\r\ntxt;a\r\n")).hasMessage(
                "verbatim string format not followed by ':': found 0x3b (';') at offset 7");
    }

    @Test
    void aBulkLongerThanTheLimitIsRejectedFromItsHeaderBeforeAnyAllocation() {
        RespParser parser = new RespParser();
        parser.feed(ByteBuffer.wrap(bytes("$536870913\r\n")));
        assertThatThrownBy(parser::next)
                .isInstanceOfSatisfying(RespLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo(Limit.BULK_LENGTH);
                    assertThat(e.max()).isEqualTo(512L * 1024 * 1024);
                    assertThat(e.actual()).isEqualTo(536870913L);
                    assertThat(e.position()).isZero();
                })
                .hasMessage("bulk length 536870913 exceeds the limit of 536870912 bytes");
        assertThat(parser.spillCapacity()).isZero();
        assertThat(parser.bufferCapacity()).isEqualTo(RespParser.INITIAL_CAPACITY);

        RespLimitException small = (RespLimitException)
                failAllWays(bytes(":1\r\n$11\r\nhello world\r\n"), RespLimits.DEFAULTS.withMaxBulkLength(10));
        assertThat(small.limit()).isEqualTo(Limit.BULK_LENGTH);
        assertThat(small.position()).isEqualTo(4);
        assertThat(parseAllWays(bytes("$10\r\nhelloworld\r\n"), RespLimits.DEFAULTS.withMaxBulkLength(10)))
                .hasSize(1);
    }

    @Test
    void aLargeDeclaredBulkCostsOnlyWhatHasArrived() {
        RespParser parser = new RespParser();
        parser.feed(ByteBuffer.wrap(bytes("$400000000\r\nabc")));
        assertThat(parser.next()).isNull();
        assertThat(parser.spillCapacity()).isLessThanOrEqualTo(Spill.CHUNK);
        assertThat(parser.bufferedBytes()).isEqualTo(15);
    }

    @Test
    void anAggregateWithMoreElementsThanTheLimitIsRejected() {
        RespLimits limits = RespLimits.DEFAULTS.withMaxAggregateLength(3);
        RespLimitException error =
                (RespLimitException) failAllWays(bytes("*2\r\n:1\r\n*4\r\n"), limits);
        assertThat(error.limit()).isEqualTo(Limit.AGGREGATE_LENGTH);
        assertThat(error.actual()).isEqualTo(4);
        assertThat(error.position()).isEqualTo(8);
        assertThat(parseAllWays(bytes("*3\r\n:1\r\n:2\r\n:3\r\n%3\r\n:1\r\n:1\r\n:2\r\n:2\r\n:3\r\n:3\r\n"), limits))
                .hasSize(2);
        assertThat(((RespLimitException) failAllWays(bytes("%4\r\n"), limits)).limit())
                .isEqualTo(Limit.AGGREGATE_LENGTH);
    }

    @Test
    void aggregatesNestedDeeperThanTheLimitAreRejected() {
        RespLimits limits = RespLimits.DEFAULTS.withMaxDepth(2);
        assertThat(parseAllWays(bytes("*1\r\n*1\r\n:1\r\n"), limits))
                .containsExactly(Array.of(Array.of(new Int(1))));
        RespLimitException error =
                (RespLimitException) failAllWays(bytes("*1\r\n*1\r\n*1\r\n:1\r\n"), limits);
        assertThat(error.limit()).isEqualTo(Limit.NESTING_DEPTH);
        assertThat(error.max()).isEqualTo(2);
        assertThat(error.actual()).isEqualTo(3);
        assertThat(error.position()).isEqualTo(8);
        assertThat(((RespLimitException) failAllWays(bytes("*1\r\n%1\r\n|1\r\n"), limits)).limit())
                .isEqualTo(Limit.NESTING_DEPTH);
        // Empty aggregates open nothing, so they do not count.
        assertThat(parseAllWays(bytes("*1\r\n*1\r\n*0\r\n"), limits)).hasSize(1);
    }

    @Test
    void anOverLongLineIsRejectedWithoutWaitingForItsEnd() {
        RespLimits limits = RespLimits.DEFAULTS.withMaxLineLength(20);
        assertThat(parseAllWays(bytes("+" + "a".repeat(20) + "\r\n"), limits)).hasSize(1);
        RespLimitException error =
                (RespLimitException) failAllWays(bytes("+" + "a".repeat(21) + "\r\n"), limits);
        assertThat(error.limit()).isEqualTo(Limit.LINE_LENGTH);
        assertThat(error.actual()).isEqualTo(21);
        assertThat(error.position()).isZero();
        // Never terminated: the parser gives up once the line is too long instead of buffering it.
        assertThat(failAllWays(bytes("-" + "e".repeat(100)), limits)).isInstanceOf(RespLimitException.class);

        RespParser parser = new RespParser();
        ByteBuffer chunk = ByteBuffer.wrap(bytes("x".repeat(1000)));
        parser.feed(ByteBuffer.wrap(bytes("+")));
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1000; i++) {
                parser.feed(chunk.clear());
                parser.next();
            }
        }).isInstanceOf(RespLimitException.class);
        assertThat(parser.bufferCapacity()).isLessThanOrEqualTo(2 * 64 * 1024 + 1000);
    }

    @Test
    void afterAnErrorTheParserRefusesToContinue() {
        RespParser parser = new RespParser();
        parser.feed(ByteBuffer.wrap(bytes("+OK\r\n?\r\n+OK\r\n")));
        assertThat(parser.next()).isEqualTo(RespValue.Simple.OK);
        RespProtocolException error = null;
        try {
            parser.next();
        } catch (RespProtocolException e) {
            error = e;
        }
        assertThat(error).isNotNull();
        assertThatThrownBy(parser::next).isInstanceOf(IllegalStateException.class).hasCause(error);
        assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap(bytes("+OK\r\n"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("connection must be closed");
    }

    @Test
    void errorPositionsCountEveryByteOfTheStreamIncludingSpilledPayloads() {
        String bulk = "y".repeat(10_000);
        byte[] input = bytes("+first\r\n*2\r\n$10000\r\n" + bulk + "\r\n:x\r\n");
        RespParser parser = new RespParser(RespLimits.DEFAULTS, 0);
        int cut = 40;
        parser.feed(ByteBuffer.wrap(input, 0, cut));
        assertThat(parser.next()).isEqualTo(new RespValue.Simple("first"));
        assertThat(parser.next()).isNull();
        assertThat(parser.spillCapacity()).isPositive();
        parser.feed(ByteBuffer.wrap(input, cut, input.length - cut));
        assertThatThrownBy(parser::next).isInstanceOfSatisfying(RespProtocolException.class,
                e -> assertThat(e.position()).isEqualTo(input.length - 3));
    }
}

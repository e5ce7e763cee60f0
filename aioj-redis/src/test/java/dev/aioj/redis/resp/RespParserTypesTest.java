package dev.aioj.redis.resp;

import static dev.aioj.redis.resp.Feeding.bytes;
import static dev.aioj.redis.resp.Feeding.parseAllWays;
import static dev.aioj.redis.resp.Feeding.parseOneAllWays;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.resp.RespValue.Array;
import dev.aioj.redis.resp.RespValue.Attributed;
import dev.aioj.redis.resp.RespValue.BigNumber;
import dev.aioj.redis.resp.RespValue.Bool;
import dev.aioj.redis.resp.RespValue.Bulk;
import dev.aioj.redis.resp.RespValue.DoubleReply;
import dev.aioj.redis.resp.RespValue.ErrorReply;
import dev.aioj.redis.resp.RespValue.Int;
import dev.aioj.redis.resp.RespValue.MapReply;
import dev.aioj.redis.resp.RespValue.Null;
import dev.aioj.redis.resp.RespValue.Push;
import dev.aioj.redis.resp.RespValue.SetReply;
import dev.aioj.redis.resp.RespValue.Simple;
import dev.aioj.redis.resp.RespValue.Verbatim;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every RESP2 and RESP3 type, each parsed whole, byte by byte and split at every position. */
class RespParserTypesTest {

    @Test
    void simpleStringsAndTheSharedInstancesOfCommonReplies() {
        assertThat(parseOneAllWays("+hello world\r\n")).isEqualTo(new Simple("hello world"));
        assertThat(parseOneAllWays("+\r\n")).isEqualTo(new Simple(""));
        assertThat(parseOneAllWays("+OK\r\n")).isSameAs(Simple.OK);
        assertThat(parseOneAllWays("+PONG\r\n")).isSameAs(Simple.PONG);
        assertThat(parseOneAllWays("+QUEUED\r\n")).isSameAs(Simple.QUEUED);
        assertThat(parseOneAllWays("+h\u00e9\r\n")).isEqualTo(new Simple("h\u00e9"));
    }

    @Test
    void errorsSplitIntoKindAndFullMessage() {
        ErrorReply error = (ErrorReply) parseOneAllWays("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        assertThat(error.kind()).isEqualTo("WRONGTYPE");
        assertThat(error.message()).isEqualTo("WRONGTYPE Operation against a key holding the wrong kind of value");
        assertThat(error.detail()).isEqualTo("Operation against a key holding the wrong kind of value");
        assertThat(parseOneAllWays("-ERR\r\n")).isEqualTo(new ErrorReply("ERR", "ERR"));
        assertThat(parseOneAllWays("-\r\n")).isEqualTo(new ErrorReply("", ""));
    }

    @Test
    void blobErrorsAreErrorRepliesToo() {
        assertThat(parseOneAllWays("!21\r\nSYNTAX invalid syntax\r\n"))
                .isEqualTo(new ErrorReply("SYNTAX", "SYNTAX invalid syntax"));
        assertThat(parseOneAllWays("!10\r\nERR a\r\nb c\r\n")).isEqualTo(ErrorReply.of("ERR a\r\nb c"));
    }

    @Test
    void integersCoverTheWholeSignedRange() {
        assertThat(parseOneAllWays(":0\r\n")).isEqualTo(new Int(0));
        assertThat(parseOneAllWays(":-1\r\n")).isEqualTo(new Int(-1));
        assertThat(parseOneAllWays(":1000\r\n")).isEqualTo(new Int(1000));
        assertThat(parseOneAllWays(":9223372036854775807\r\n")).isEqualTo(new Int(Long.MAX_VALUE));
        assertThat(parseOneAllWays(":-9223372036854775808\r\n")).isEqualTo(new Int(Long.MIN_VALUE));
    }

    @Test
    void bulkStringsAreBinarySafe() {
        assertThat(parseOneAllWays("$5\r\nhello\r\n")).isEqualTo(Bulk.of("hello"));
        assertThat(parseOneAllWays("$0\r\n\r\n")).isEqualTo(new Bulk(new byte[0]));
        assertThat(parseOneAllWays("$6\r\na\r\n\r\nb\r\n")).isEqualTo(Bulk.of("a\r\n\r\nb"));
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) binary[i] = (byte) i;
        byte[] input = concat(bytes("$256\r\n"), binary, bytes("\r\n"));
        assertThat(parseAllWays(input, RespLimits.DEFAULTS)).containsExactly(new Bulk(binary));
    }

    @Test
    void everyNullIsTheSameNull() {
        assertThat(parseOneAllWays("$-1\r\n")).isSameAs(Null.INSTANCE);
        assertThat(parseOneAllWays("*-1\r\n")).isSameAs(Null.INSTANCE);
        assertThat(parseOneAllWays("_\r\n")).isSameAs(Null.INSTANCE);
    }

    @Test
    void arraysNestAndHoldAnyType() {
        assertThat(parseOneAllWays("*0\r\n")).isEqualTo(new Array(List.of()));
        assertThat(parseOneAllWays("*3\r\n:1\r\n$3\r\nfoo\r\n*2\r\n+a\r\n$-1\r\n")).isEqualTo(Array.of(
                new Int(1), Bulk.of("foo"), Array.of(new Simple("a"), Null.INSTANCE)));
        assertThat(parseOneAllWays("*2\r\n*1\r\n*1\r\n*0\r\n:7\r\n")).isEqualTo(Array.of(
                Array.of(Array.of(Array.of())), new Int(7)));
    }

    @Test
    void mapsKeepTheServersOrderAndAnswerLookupsByText() {
        MapReply map = (MapReply) parseOneAllWays(
                "%3\r\n$6\r\nserver\r\n$5\r\nredis\r\n+proto\r\n:3\r\n$7\r\nmodules\r\n*0\r\n");
        assertThat(map.entries().keySet()).containsExactly(Bulk.of("server"), new Simple("proto"), Bulk.of("modules"));
        assertThat(map.get("server")).isEqualTo(Bulk.of("redis"));
        assertThat(map.get("proto")).isEqualTo(new Int(3));
        assertThat(map.get("absent")).isNull();
        assertThat(parseOneAllWays("%0\r\n")).isEqualTo(new MapReply(Map.of()));
    }

    @Test
    void setsAndPushesAreOrderedLists() {
        assertThat(parseOneAllWays("~3\r\n+b\r\n+a\r\n:1\r\n"))
                .isEqualTo(new SetReply(List.of(new Simple("b"), new Simple("a"), new Int(1))));
        Push push = (Push) parseOneAllWays(">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n");
        assertThat(push.elements()).containsExactly(Bulk.of("message"), Bulk.of("ch"), Bulk.of("hi"));
    }

    @Test
    void doublesIncludingInfinitiesAndNan() {
        assertThat(parseOneAllWays(",1.5\r\n")).isEqualTo(new DoubleReply(1.5));
        assertThat(parseOneAllWays(",-0.25\r\n")).isEqualTo(new DoubleReply(-0.25));
        assertThat(parseOneAllWays(",10\r\n")).isEqualTo(new DoubleReply(10));
        assertThat(parseOneAllWays(",1.5e10\r\n")).isEqualTo(new DoubleReply(1.5e10));
        assertThat(parseOneAllWays(",1E-3\r\n")).isEqualTo(new DoubleReply(0.001));
        assertThat(parseOneAllWays(",.5\r\n")).isEqualTo(new DoubleReply(0.5));
        assertThat(parseOneAllWays(",inf\r\n")).isEqualTo(new DoubleReply(Double.POSITIVE_INFINITY));
        assertThat(parseOneAllWays(",-inf\r\n")).isEqualTo(new DoubleReply(Double.NEGATIVE_INFINITY));
        assertThat(parseOneAllWays(",nan\r\n")).isEqualTo(new DoubleReply(Double.NaN));
    }

    @Test
    void bigNumbersKeepEveryDigit() {
        assertThat(parseOneAllWays("(3492890328409238509324850943850943825024385\r\n"))
                .isEqualTo(new BigNumber(new BigInteger("3492890328409238509324850943850943825024385")));
        assertThat(parseOneAllWays("(-12\r\n")).isEqualTo(new BigNumber(BigInteger.valueOf(-12)));
    }

    @Test
    void booleansAreTheSharedConstants() {
        assertThat(parseOneAllWays("#t\r\n")).isSameAs(Bool.TRUE);
        assertThat(parseOneAllWays("#f\r\n")).isSameAs(Bool.FALSE);
    }

    @Test
    void verbatimStringsSplitFormatAndText() {
        assertThat(parseOneAllWays("=15\r\ntxt:Some string\r\n")).isEqualTo(new Verbatim("txt", "Some string"));
        assertThat(parseOneAllWays("=4\r\nmkd:\r\n")).isEqualTo(new Verbatim("mkd", ""));
        assertThat(parseOneAllWays("=8\r\ntxt:a\r\nb\r\n")).isEqualTo(new Verbatim("txt", "a\r\nb"));
    }

    @Test
    void anAttributeTravelsWithTheValueItDescribes() {
        Map<RespValue, RespValue> attributes = new LinkedHashMap<>();
        attributes.put(Bulk.of("key-popularity"), Array.of(Bulk.of("a"), new DoubleReply(0.1923)));
        List<RespValue> values = parseAllWays(
                "|1\r\n$14\r\nkey-popularity\r\n*2\r\n$1\r\na\r\n,0.1923\r\n*2\r\n:2039123\r\n:9543892\r\n+OK\r\n");
        assertThat(values).containsExactly(
                new Attributed(attributes, Array.of(new Int(2039123), new Int(9543892))), Simple.OK);
    }

    @Test
    void anAttributeInsideAnAggregateDoesNotShiftTheElements() {
        Map<RespValue, RespValue> attributes = Map.of(new Simple("ttl"), new Int(3600));
        assertThat(parseOneAllWays("*3\r\n:1\r\n|1\r\n+ttl\r\n:3600\r\n:2\r\n:3\r\n")).isEqualTo(Array.of(
                new Int(1), new Attributed(attributes, new Int(2)), new Int(3)));
        assertThat(parseOneAllWays("|0\r\n|1\r\n+a\r\n+b\r\n:5\r\n")).isEqualTo(new Attributed(Map.of(),
                new Attributed(Map.of(new Simple("a"), new Simple("b")), new Int(5))));
    }

    @Test
    void aPipelineOfRepliesComesOutInOrder() {
        assertThat(parseAllWays("+OK\r\n:1\r\n$3\r\nbar\r\n-ERR no\r\n*1\r\n_\r\n>2\r\n+invalidate\r\n*0\r\n"))
                .containsExactly(Simple.OK, new Int(1), Bulk.of("bar"), ErrorReply.of("ERR no"),
                        Array.of(Null.INSTANCE), new Push(List.of(new Simple("invalidate"), Array.of())));
    }

    @Test
    void bulkStringsInsideAggregatesSurviveEverySplitOnTheSpillPath() {
        String big = "x".repeat(300);
        assertThat(parseAllWays("*3\r\n$300\r\n" + big + "\r\n%1\r\n$3\r\nkey\r\n$300\r\n" + big
                + "\r\n$-1\r\n$2\r\nhi\r\n"))
                .containsExactly(
                        Array.of(Bulk.of(big), new MapReply(Map.of(Bulk.of("key"), Bulk.of(big))), Null.INSTANCE),
                        Bulk.of("hi"));
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) length += part.length;
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}

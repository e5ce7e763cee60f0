package dev.aioj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.resp.RespValue;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replies look exactly as redis-cli prints them. */
class ReplyFormatterTest {

    private static RespValue bulk(String s) {
        return RespValue.Bulk.of(s);
    }

    @Test
    void scalarsOnATerminal() {
        assertThat(ReplyFormatter.tty(RespValue.Simple.OK)).isEqualTo("OK\n");
        assertThat(ReplyFormatter.tty(new RespValue.Int(42))).isEqualTo("(integer) 42\n");
        assertThat(ReplyFormatter.tty(bulk("hello"))).isEqualTo("\"hello\"\n");
        assertThat(ReplyFormatter.tty(RespValue.Null.INSTANCE)).isEqualTo("(nil)\n");
        assertThat(ReplyFormatter.tty(new RespValue.DoubleReply(1.5))).isEqualTo("(double) 1.5\n");
        assertThat(ReplyFormatter.tty(new RespValue.DoubleReply(Double.NEGATIVE_INFINITY))).isEqualTo("(double) -inf\n");
        assertThat(ReplyFormatter.tty(RespValue.Bool.TRUE)).isEqualTo("(true)\n");
        assertThat(ReplyFormatter.tty(new RespValue.BigNumber(new BigInteger("12345678901234567890"))))
                .isEqualTo("(big number) 12345678901234567890\n");
        assertThat(ReplyFormatter.tty(RespValue.ErrorReply.of("ERR unknown command")))
                .isEqualTo("(error) ERR unknown command\n");
        assertThat(ReplyFormatter.tty(new RespValue.Verbatim("txt", "some text"))).isEqualTo("some text\n");
    }

    @Test
    void stringsAreQuotedWithRedisCliEscapes() {
        assertThat(ReplyFormatter.quote("a\"b\\c\n\r\t".getBytes())).isEqualTo("\"a\\\"b\\\\c\\n\\r\\t\"");
        assertThat(ReplyFormatter.quote(new byte[] {0, 7, 8, (byte) 0xe4})).isEqualTo("\"\\x00\\a\\b\\xe4\"");
    }

    @Test
    void arraysAreNumberedAndNestedArraysIndented() {
        RespValue nested = RespValue.Array.of(bulk("a"), RespValue.Array.of(new RespValue.Int(1), bulk("b")),
                RespValue.Null.INSTANCE);
        assertThat(ReplyFormatter.tty(nested)).isEqualTo("""
                1) "a"
                2) 1) (integer) 1
                   2) "b"
                3) (nil)
                """);
        assertThat(ReplyFormatter.tty(RespValue.Array.of())).isEqualTo("(empty array)\n");
    }

    @Test
    void indexesAreRightAlignedPastNine() {
        RespValue[] ten = new RespValue[10];
        for (int i = 0; i < 10; i++) {
            ten[i] = new RespValue.Int(i);
        }
        String out = ReplyFormatter.tty(RespValue.Array.of(ten));
        assertThat(out).startsWith(" 1) (integer) 0\n 2) (integer) 1\n").endsWith("10) (integer) 9\n");
    }

    @Test
    void mapsUseHashAndArrowAndSetsUseTilde() {
        Map<RespValue, RespValue> entries = new LinkedHashMap<>();
        entries.put(bulk("server"), bulk("redis"));
        entries.put(bulk("proto"), new RespValue.Int(3));
        assertThat(ReplyFormatter.tty(new RespValue.MapReply(entries))).isEqualTo("""
                1# "server" => "redis"
                2# "proto" => (integer) 3
                """);
        assertThat(ReplyFormatter.tty(new RespValue.SetReply(List.of(bulk("x"), bulk("y"))))).isEqualTo("""
                1~ "x"
                2~ "y"
                """);
        assertThat(ReplyFormatter.tty(new RespValue.MapReply(Map.of()))).isEqualTo("(empty hash)\n");
    }

    @Test
    void rawOutputIsBareValuesOnePerLine() {
        assertThat(ReplyFormatter.raw(bulk("hello"))).isEqualTo("hello\n");
        assertThat(ReplyFormatter.raw(new RespValue.Int(7))).isEqualTo("7\n");
        assertThat(ReplyFormatter.raw(RespValue.Array.of(bulk("a"), bulk("b")))).isEqualTo("a\nb\n");
        assertThat(ReplyFormatter.raw(RespValue.Null.INSTANCE)).isEqualTo("\n");
    }
}

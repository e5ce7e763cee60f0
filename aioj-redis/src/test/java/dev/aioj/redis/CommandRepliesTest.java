package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.aioj.redis.resp.RespValue;
import dev.aioj.redis.resp.RespValue.Array;
import dev.aioj.redis.resp.RespValue.Bool;
import dev.aioj.redis.resp.RespValue.Bulk;
import dev.aioj.redis.resp.RespValue.DoubleReply;
import dev.aioj.redis.resp.RespValue.Int;
import dev.aioj.redis.resp.RespValue.MapReply;
import dev.aioj.redis.resp.RespValue.Null;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reply converters fed the exact values RESP2 and RESP3 servers send, so
 * both shapes of every multi-value reply are pinned down without a server
 * (the family tests check the same against real Redis).
 */
class CommandRepliesTest {

    private static Bulk bulk(String text) {
        return Bulk.of(text);
    }

    @Test
    void scoredMembersReadRespTwoFlatTextAndRespThreeNestedDoubles() {
        RespValue resp2 = Array.of(bulk("a"), bulk("1.5"), bulk("b"), bulk("inf"));
        RespValue resp3 = Array.of(Array.of(bulk("a"), new DoubleReply(1.5)),
                Array.of(bulk("b"), new DoubleReply(Double.POSITIVE_INFINITY)));
        var expected = List.of(new ScoredValue<>("a", 1.5), new ScoredValue<>("b", Double.POSITIVE_INFINITY));
        assertThat(CommandReplies.<String>scored().convert(resp2, Codec.STRING)).isEqualTo(expected);
        assertThat(CommandReplies.<String>scored().convert(resp3, Codec.STRING)).isEqualTo(expected);
        assertThat(CommandReplies.<String>scored().convert(Array.of(), Codec.STRING)).isEmpty();
    }

    @Test
    void aSinglePoppedMemberIsFlatInBothProtocolsAndNullWhenEmpty() {
        assertThat(CommandReplies.<String>scoredOne().convert(Array.of(bulk("a"), new DoubleReply(2)), Codec.STRING))
                .isEqualTo(new ScoredValue<>("a", 2.0));
        assertThat(CommandReplies.<String>scoredOne().convert(Array.of(bulk("a"), bulk("2")), Codec.STRING))
                .isEqualTo(new ScoredValue<>("a", 2.0));
        assertThat(CommandReplies.<String>scoredOne().convert(Array.of(), Codec.STRING)).isNull();
    }

    @Test
    void malformedScoredRepliesFailOnlyTheirCommandWithAClearMessage() {
        assertThatThrownBy(() -> CommandReplies.scored().convert(Array.of(bulk("a")), Codec.STRING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("expected member/score pairs, got 1 elements");
        assertThatThrownBy(() -> CommandReplies.scored().convert(new Int(1), Codec.STRING))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("expected members with scores");
        assertThatThrownBy(() -> CommandReplies.scored().convert(Array.of(bulk("a"), bulk("x")), Codec.STRING))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("expected a double");
    }

    @Test
    void keyValuePairsAndTheirNull() {
        assertThat(CommandReplies.<String>keyValue().convert(Array.of(bulk("q"), bulk("job")), Codec.STRING))
                .isEqualTo(new KeyValue<>("q", "job"));
        assertThat(CommandReplies.keyValue().convert(Null.INSTANCE, Codec.STRING)).isNull();
        assertThatThrownBy(() -> CommandReplies.keyValue().convert(Array.of(bulk("q")), Codec.STRING))
                .isInstanceOf(IllegalStateException.class).hasMessage("expected a [key, value] pair, got 1 elements");
    }

    @Test
    void flagsAreIntegersInRespTwoAndMayBeBooleansInRespThree() {
        assertThat(CommandReplies.BOOLEANS.convert(Array.of(new Int(1), new Int(0)), Codec.STRING))
                .containsExactly(true, false);
        assertThat(CommandReplies.BOOLEANS.convert(Array.of(new Bool(true), new Bool(false)), Codec.STRING))
                .containsExactly(true, false);
    }

    @Test
    void scoresMayBeMissing() {
        assertThat(CommandReplies.DOUBLES.convert(Array.of(bulk("1.5"), Null.INSTANCE), Codec.STRING))
                .containsExactly(1.5, null);
        assertThat(CommandReplies.DOUBLES.convert(Array.of(new DoubleReply(-2), Null.INSTANCE), Codec.STRING))
                .containsExactly(-2.0, null);
    }

    @Test
    void scanPagesCarryTheCursorAndTheirItems() {
        var page = CommandReplies.scanPage(Reply.<String>list())
                .convert(Array.of(bulk("17"), Array.of(bulk("a"), bulk("b"))), Codec.STRING);
        assertThat(page.cursor()).isEqualTo("17");
        assertThat(page.items()).containsExactly("a", "b");
        var entries = CommandReplies.scanPage(CommandReplies.<String>entries())
                .convert(Array.of(bulk("0"), Array.of(bulk("f"), bulk("v"))), Codec.STRING);
        assertThat(entries.isFinished()).isTrue();
        assertThat(entries.items()).containsExactly(entry("f", "v"));
    }

    @Test
    void configMapsAreTextFromEitherShapeWhateverTheCodec() {
        Map<RespValue, RespValue> map = new LinkedHashMap<>();
        map.put(bulk("maxmemory"), bulk("0"));
        assertThat(CommandReplies.TEXT_MAP.convert(new MapReply(map), Codec.BYTES))
                .containsExactly(entry("maxmemory", "0"));
        assertThat(CommandReplies.TEXT_MAP.convert(Array.of(bulk("maxmemory"), bulk("0")), Codec.BYTES))
                .containsExactly(entry("maxmemory", "0"));
    }

    @Test
    void infoTextBecomesSectionsOfFields() {
        String text = "# Server\r\nredis_version:7.2.4\r\nos:Linux 6.1 x86_64\r\n\r\n# Keyspace\r\n"
                + "db0:keys=1,expires=0,avg_ttl=0\r\n";
        var sections = CommandReplies.INFO_SECTIONS.convert(new RespValue.Verbatim("txt", text), Codec.STRING);
        assertThat(sections).containsOnlyKeys("server", "keyspace");
        assertThat(sections.get("server")).containsExactly(entry("redis_version", "7.2.4"),
                entry("os", "Linux 6.1 x86_64"));
        assertThat(sections.get("keyspace")).containsEntry("db0", "keys=1,expires=0,avg_ttl=0");
        assertThat(CommandReplies.INFO_SECTIONS.convert(bulk(""), Codec.STRING)).isEmpty();
    }

    @Test
    void timeIsSecondsAndMicroseconds() {
        assertThat(CommandReplies.TIME.convert(Array.of(bulk("1700000000"), bulk("123456")), Codec.STRING))
                .isEqualTo(Instant.parse("2023-11-14T22:13:20.123456Z"));
        assertThat(CommandReplies.EPOCH_SECONDS.convert(new Int(1_700_000_000), Codec.STRING))
                .isEqualTo(Instant.ofEpochSecond(1_700_000_000));
    }

    @Test
    void okIsNullAndAnythingElseIsUnexpected() {
        assertThat(Reply.OK.convert(RespValue.Simple.OK, Codec.STRING)).isNull();
        assertThatThrownBy(() -> Reply.OK.convert(new RespValue.Simple("QUEUED"), Codec.STRING))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("expected an OK reply");
    }

    @Test
    void attributesAreLookedThrough() {
        RespValue attributed = new RespValue.Attributed(Map.of(bulk("ttl"), new Int(3)),
                Array.of(bulk("q"), bulk("job")));
        assertThat(CommandReplies.<String>keyValue().convert(attributed, Codec.STRING))
                .isEqualTo(new KeyValue<>("q", "job"));
    }

    @Test
    void nullCollectionsBecomeEmptyOnes() {
        assertThat(CommandReplies.<String>listOrEmpty().convert(Null.INSTANCE, Codec.STRING)).isEmpty();
        assertThat(CommandReplies.<String>setOrEmpty().convert(Null.INSTANCE, Codec.STRING)).isEmpty();
    }
}

package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The argument types of typed commands, without a server: what they send,
 * that they are immutable, and that each guard names the bad value.
 */
class CommandArgsTest {

    @Test
    void setArgsSendTheirOptionsInRedisOrder() {
        assertThat(SetArgs.of()).hasToString("SetArgs[]");
        assertThat(SetArgs.of().nx().ex(Duration.ofSeconds(10))).hasToString("SetArgs[NX EX 10]");
        assertThat(SetArgs.of().px(Duration.ofMillis(1500)).xx()).hasToString("SetArgs[XX PX 1500]");
        assertThat(SetArgs.of().exAt(Instant.ofEpochSecond(1_700_000_000, 999_999_999)))
                .hasToString("SetArgs[EXAT 1700000000]"); // an instant is truncated
        assertThat(SetArgs.of().pxAt(Instant.ofEpochMilli(1_700_000_000_123L).plusNanos(999)))
                .hasToString("SetArgs[PXAT 1700000000123]");
        assertThat(SetArgs.of().keepTtl()).hasToString("SetArgs[KEEPTTL]");
    }

    @Test
    void setArgsOfOneKindReplaceEachOtherAndNeverChangeInPlace() {
        SetArgs nx = SetArgs.of().nx();
        SetArgs xx = nx.xx();
        assertThat(nx).hasToString("SetArgs[NX]");
        assertThat(xx).hasToString("SetArgs[XX]");
        assertThat(nx.ex(Duration.ofSeconds(1)).keepTtl()).hasToString("SetArgs[NX KEEPTTL]");
        assertThat(nx.keepTtl().px(Duration.ofMillis(5))).hasToString("SetArgs[NX PX 5]");
        assertThat(SetArgs.of().nx()).isEqualTo(nx).hasSameHashCodeAs(nx).isNotEqualTo(xx);
    }

    @Test
    void durationsAreSentExactlyOrRefusedNamingTheValue() {
        assertThatThrownBy(() -> SetArgs.of().ex(Duration.ofMillis(1500))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EX needs whole seconds >= 1 (use PX for milliseconds): PT1.5S");
        assertThatThrownBy(() -> SetArgs.of().ex(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith(": PT0S");
        assertThatThrownBy(() -> SetArgs.of().px(Duration.ofNanos(1_000_500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PX needs whole milliseconds >= 1: PT0.0010005S");
        assertThatThrownBy(() -> SetArgs.of().px(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PX needs whole milliseconds >= 1: PT-0.001S");
        assertThatThrownBy(() -> SetArgs.of().exAt(Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EXAT needs a time after 1970-01-01T00:00:01Z: 1970-01-01T00:00:00Z");
        assertThatThrownBy(() -> GetExArgs.of().pxAt(Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PXAT needs a time after");
        assertThatThrownBy(() -> SetArgs.of().ex(null)).isInstanceOf(NullPointerException.class).hasMessage("ttl");
    }

    @Test
    void getExArgsExpireOrPersist() {
        assertThat(GetExArgs.of()).hasToString("GetExArgs[]");
        assertThat(GetExArgs.of().ex(Duration.ofMinutes(30))).hasToString("GetExArgs[EX 1800]");
        assertThat(GetExArgs.of().px(Duration.ofMillis(20)).persist()).hasToString("GetExArgs[PERSIST]");
        assertThat(GetExArgs.of().persist().exAt(Instant.ofEpochSecond(5))).hasToString("GetExArgs[EXAT 5]")
                .isEqualTo(GetExArgs.of().exAt(Instant.ofEpochSecond(5)));
    }

    @Test
    void expireCommandsPickTheUnitTheDurationNeeds() {
        assertThat(Expiry.expire("k", Duration.ofSeconds(5))).containsExactly("EXPIRE", "k", 5L);
        assertThat(Expiry.expire("k", Duration.ofMillis(5001))).containsExactly("PEXPIRE", "k", 5001L);
        assertThat(Expiry.expire("k", Duration.ofSeconds(-1))).containsExactly("EXPIRE", "k", -1L);
        assertThatThrownBy(() -> Expiry.expire("k", Duration.ofNanos(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttl has a sub-millisecond part Redis cannot keep: PT0.000000001S");
        assertThat(Expiry.expireAt("k", Instant.ofEpochSecond(100))).containsExactly("EXPIREAT", "k", 100L);
        assertThat(Expiry.expireAt("k", Instant.ofEpochSecond(100, 1_500_000)))
                .containsExactly("PEXPIREAT", "k", 100_001L);
    }

    @Test
    void scanArgsMatchCountAndType() {
        assertThat(ScanArgs.of()).hasToString("ScanArgs[]");
        assertThat(ScanArgs.of().type("hash").count(500).match("user:*"))
                .hasToString("ScanArgs[MATCH user:* COUNT 500 TYPE hash]");
        assertThat(ScanArgs.of().count(1).count(2)).isEqualTo(ScanArgs.of().count(2));
        assertThatThrownBy(() -> ScanArgs.of().count(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count < 1: 0");
        assertThatThrownBy(() -> ScanArgs.of().type("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("type is empty");
        assertThatThrownBy(() -> ScanArgs.of().match(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("pattern");
    }

    @Test
    void zaddArgsRefuseNxWithAScoreCondition() {
        assertThat(ZAddArgs.of().xx().gt().ch()).hasToString("ZAddArgs[XX GT CH]");
        assertThat(ZAddArgs.of().gt().lt()).hasToString("ZAddArgs[LT]");
        assertThat(ZAddArgs.of().nx().xx().lt()).hasToString("ZAddArgs[XX LT]");
        assertThatThrownBy(() -> ZAddArgs.of().nx().gt()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("NX excludes GT (Redis refuses the pair)");
        assertThatThrownBy(() -> ZAddArgs.of().lt().nx()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("NX excludes LT (Redis refuses the pair)");
    }

    @Test
    void zrangeArgsSwapScoreBoundsForRevButNotRanks() {
        assertThat(ZRangeArgs.byIndex(0, -1)).hasToString("ZRangeArgs[0 -1]");
        assertThat(ZRangeArgs.byIndex(0, 9).rev()).hasToString("ZRangeArgs[0 9 REV]");
        assertThat(ZRangeArgs.byScore(1.5, Double.POSITIVE_INFINITY)).hasToString("ZRangeArgs[1.5 inf BYSCORE]");
        assertThat(ZRangeArgs.byScore(100, 200).rev().limit(0, 50))
                .hasToString("ZRangeArgs[200 100 BYSCORE REV LIMIT 0 50]");
        assertThat(ZRangeArgs.byScore("(1", "+inf")).hasToString("ZRangeArgs[(1 +inf BYSCORE]");
        assertThat(ZRangeArgs.byLex("[a", "(b").rev()).hasToString("ZRangeArgs[(b [a BYLEX REV]");
        assertThat(ZRangeArgs.byLex("-", "+").limit(2, -1)).isEqualTo(ZRangeArgs.byLex("-", "+").limit(2, -1));
    }

    @Test
    void zrangeArgsGuardsNameTheBadValue() {
        assertThatThrownBy(() -> ZRangeArgs.byIndex(0, 1).limit(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LIMIT needs byScore or byLex, not byIndex: ZRangeArgs[0 1]");
        assertThatThrownBy(() -> ZRangeArgs.byScore(1, 2).limit(-1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("offset < 0: -1");
        assertThatThrownBy(() -> ZRangeArgs.byScore(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("min is NaN");
        assertThatThrownBy(() -> ZRangeArgs.byScore("1", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max is not a score bound: ''");
        assertThatThrownBy(() -> ZRangeArgs.byLex("a", "+")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("min must start with [ or ( or be - or +: 'a'");
    }

    @Test
    void scanTypeIsForScanOnly() {
        Args args = Args.of(4, "SSCAN", "k", "0");
        assertThatThrownBy(() -> ScanArgs.of().type("set").appendTo(args, "SSCAN"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TYPE is for SCAN only, not SSCAN: ScanArgs[TYPE set]");
    }

    @Test
    void scanCursorsAreFinishedBackAtStart() {
        assertThat(new ScanCursor<>("0", List.of()).isFinished()).isTrue();
        assertThat(new ScanCursor<>("18446744073709551615", List.of("k")).isFinished()).isFalse();
        assertThatThrownBy(() -> new ScanCursor<>("0", List.of()).items().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void argsGrowAndRefuseEmptyVarargs() {
        Object[] keys = new Object[100];
        Arrays.fill(keys, "k");
        assertThat(Args.withKeys("DEL", keys)).hasSize(101).startsWith("DEL", "k");
        assertThatThrownBy(() -> Args.withKeys("DEL", new Object[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DEL needs at least one key");
        assertThatThrownBy(() -> Args.withKeys("DEL", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("keys of DEL is null");
    }
}

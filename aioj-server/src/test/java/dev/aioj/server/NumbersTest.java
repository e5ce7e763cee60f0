package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Numbers read and printed exactly as Redis does (string2ll, strtod, %.17g, long double INCRBYFLOAT). */
class NumbersTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void integersAreStrictLikeString2ll() {
        assertThat(Numbers.isLong(b("0"))).isTrue();
        assertThat(Numbers.isLong(b("-1"))).isTrue();
        assertThat(Numbers.isLong(b("9223372036854775807"))).isTrue();
        assertThat(Numbers.isLong(b("-9223372036854775808"))).isTrue();
        assertThat(Numbers.toLong(b("-9223372036854775808"))).isEqualTo(Long.MIN_VALUE);
        for (String bad : new String[] {"", "-", "+1", "01", "-0", " 1", "1 ", "1.0", "9223372036854775808",
            "-9223372036854775809", "abc", "1e3"}) {
            assertThat(Numbers.isLong(b(bad))).as("'%s'", bad).isFalse();
        }
    }

    @Test
    void doublesAreReadLikeRedisStrtod() {
        assertThat(Numbers.parseDouble(b("1.5"))).isEqualTo(1.5);
        assertThat(Numbers.parseDouble(b("-.5"))).isEqualTo(-0.5);
        assertThat(Numbers.parseDouble(b("+3"))).isEqualTo(3.0);
        assertThat(Numbers.parseDouble(b("1e3"))).isEqualTo(1000.0);
        assertThat(Numbers.parseDouble(b("inf"))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Numbers.parseDouble(b("-Infinity"))).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Numbers.parseDouble(b("0x10"))).isEqualTo(16.0);
        for (String bad : new String[] {"", " 1", "1 ", "nan", "1d", "1f", "abc", "1e", "1e400", "."}) {
            assertThat(Numbers.parseDouble(b(bad))).as("'%s'", bad).isNaN();
        }
        assertThat(Numbers.parseDouble(b("1e"))).isNaN();
    }

    @Test
    void scoresPrintLikePrintfG17() {
        assertThat(Numbers.formatG17(1.5)).isEqualTo("1.5");
        assertThat(Numbers.formatG17(3.0)).isEqualTo("3");
        assertThat(Numbers.formatG17(0.1)).isEqualTo("0.10000000000000001");
        assertThat(Numbers.formatG17(1e20)).isEqualTo("1e+20");
        assertThat(Numbers.formatG17(1e16)).isEqualTo("10000000000000000");
        assertThat(Numbers.formatG17(1e17)).isEqualTo("1e+17");
        assertThat(Numbers.formatG17(1.5e-7)).isEqualTo("1.4999999999999999e-07");
        assertThat(Numbers.formatG17(0.0001)).isEqualTo("0.0001");
        assertThat(Numbers.formatG17(-0.0)).isEqualTo("-0");
        assertThat(Numbers.formatG17(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
        assertThat(Numbers.formatG17(Double.MIN_VALUE)).isEqualTo("4.9406564584124654e-324");
        assertThat(Numbers.formatG17(Double.POSITIVE_INFINITY)).isEqualTo("inf");
    }

    private static String incr(String value, String by) {
        return new String(LongDouble.addAndFormat(LongDouble.parse(b(value)), LongDouble.parse(b(by))),
                StandardCharsets.ISO_8859_1);
    }

    @Test
    void incrbyfloatAddsInLongDoubleLikeRedis() {
        assertThat(incr("10.5", "0.1")).isEqualTo("10.6");
        assertThat(incr("0.1", "0.2")).isEqualTo("0.3");
        assertThat(incr("3", "1.1")).isEqualTo("4.1");
        assertThat(incr("5.0e3", "2.0e2")).isEqualTo("5200");
        assertThat(incr("0", "-0.0")).isEqualTo("0");
        assertThat(LongDouble.parse(b("abc"))).isNull();
        assertThat(LongDouble.addAndFormat(LongDouble.parse(b("1")), LongDouble.parse(b("inf")))).isNull();
    }

    @Test
    void longsAreWrittenWithoutAllocatingStrings() {
        byte[] buf = new byte[Numbers.MAX_LONG_CHARS];
        assertThat(new String(buf, 0, Numbers.writeLong(buf, 0, -1234567), StandardCharsets.ISO_8859_1))
                .isEqualTo("-1234567");
        assertThat(new String(buf, 0, Numbers.writeLong(buf, 0, Long.MIN_VALUE), StandardCharsets.ISO_8859_1))
                .isEqualTo("-9223372036854775808");
    }
}

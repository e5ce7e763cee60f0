package dev.aioj.server.lua;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Numbers as C's printf writes them with %.14g (Lua 5.1's tostring) and %.17g (Redis's command arguments). */
class LuaNumbersTest {

    @Test
    void format14IsLua51Tostring() {
        assertThat(LuaNumbers.format14(1.0 / 3)).isEqualTo("0.33333333333333");
        assertThat(LuaNumbers.format14(Math.pow(2, 53))).isEqualTo("9.007199254741e+15");
        assertThat(LuaNumbers.format14(1e20)).isEqualTo("1e+20");
        assertThat(LuaNumbers.format14(1e15)).isEqualTo("1e+15");
        assertThat(LuaNumbers.format14(123456789012345.0)).isEqualTo("1.2345678901234e+14");
        assertThat(LuaNumbers.format14(0.1)).isEqualTo("0.1");
        assertThat(LuaNumbers.format14(1e-5)).isEqualTo("1e-05");
        assertThat(LuaNumbers.format14(0.0001)).isEqualTo("0.0001");
        assertThat(LuaNumbers.format14(-2.5)).isEqualTo("-2.5");
        assertThat(LuaNumbers.format14(100)).isEqualTo("100");
        assertThat(LuaNumbers.format14(-0.0)).isEqualTo("-0");
        assertThat(LuaNumbers.format14(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(LuaNumbers.format14(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(LuaNumbers.format14(1e300)).isEqualTo("1e+300");
    }

    @Test
    void format17IsWhatRedisPassesToCommands() {
        assertThat(LuaNumbers.format17(1.0 / 3)).isEqualTo("0.33333333333333331");
        assertThat(LuaNumbers.format17(0.1)).isEqualTo("0.10000000000000001");
        assertThat(LuaNumbers.format17(Math.pow(2, 53))).isEqualTo("9007199254740992");
        assertThat(LuaNumbers.format17(1e20)).isEqualTo("1e+20");
        assertThat(LuaNumbers.format17(1.5)).isEqualTo("1.5");
        assertThat(LuaNumbers.format17(42)).isEqualTo("42");
    }
}

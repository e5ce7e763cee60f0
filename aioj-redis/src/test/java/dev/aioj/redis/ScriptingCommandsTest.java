package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.testing.RedisServerExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Lua scripting against a real redis-server, over RESP2 and RESP3: EVAL, EVALSHA, the cache, evalCached. */
class ScriptingCommandsTest extends CommandsTestBase {

    @RegisterExtension
    static final RedisServerExtension server = RedisServerExtension.builder().build();

    private static final String GET_OR_SET = """
            local v = redis.call('GET', KEYS[1])
            if not v then redis.call('SET', KEYS[1], ARGV[1]); v = ARGV[1] end
            return v""";

    @Override
    RedisServerExtension server() {
        return server;
    }

    @Test
    void sha1IsTheNameRedisGivesTheScript() {
        assertThat(ScriptingCommands.sha1("return 1")).isEqualTo("e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
        assertThat(ScriptingCommands.sha1(GET_OR_SET)).isEqualTo(redis(3).scriptLoad(GET_OR_SET));
    }

    @BothProtocols
    void evalPassesKeysAndArgsAndReturnsPlainJavaValues(int resp) {
        var redis = redis(resp);
        assertThat(redis.eval(GET_OR_SET, List.of("k"), List.of("first"))).isEqualTo("first");
        assertThat(redis.eval(GET_OR_SET, List.of("k"), List.of("second"))).isEqualTo("first");
        assertThat(redis.eval("return {1, 'two', {3}}", List.of(), List.of()))
                .isEqualTo(List.of(1L, "two", List.of(3L)));
        assertThat(redis.eval("return nil", List.of(), List.of())).isNull();
    }

    @BothProtocols
    void evalConvertsWithTheReplyGiven(int resp) {
        var redis = redis(resp);
        assertThat(redis.eval(Reply.LONG, "return #ARGV + #KEYS", List.of("a", "b"), List.of(1, 2, 3)))
                .isEqualTo(5L);
        List<String> list = redis.eval(Reply.list(), "return ARGV", List.of(), List.of("x", "y"));
        assertThat(list).containsExactly("x", "y");
    }

    @BothProtocols
    void aScriptErrorFailsWithTheServersError(int resp) {
        var redis = redis(resp);
        assertReplyError("ERR", () -> redis.eval("return redis.error_reply('ERR nope')", List.of(), List.of()));
        assertReplyError("ERR", () -> redis.eval("this is not lua", List.of(), List.of()));
        redis.rpush("list", "a");
        // Redis 7 passes the WRONGTYPE on; 6.2 wraps it in "ERR Error running script ...: WRONGTYPE ..."
        assertThatThrownBy(() -> redis.eval("return redis.call('GET', KEYS[1])", List.of("list"), List.of()))
                .isInstanceOf(RedisReplyException.class).hasMessageContaining("WRONGTYPE");
    }

    @BothProtocols
    void evalshaRunsALoadedScriptAndFailsWithNoscriptOtherwise(int resp) {
        var redis = redis(resp);
        redis.scriptFlush();
        String sha = ScriptingCommands.sha1(GET_OR_SET);
        assertReplyError("NOSCRIPT", () -> redis.evalsha(sha, List.of("k"), List.of("v")));
        assertThat(redis.scriptLoad(GET_OR_SET)).isEqualTo(sha);
        assertThat(redis.evalsha(sha, List.of("k"), List.of("v"))).isEqualTo("v");
        assertThat(redis.<String>evalsha(Reply.value(), sha, List.of("k"), List.of("w"))).isEqualTo("v");
    }

    @BothProtocols
    void scriptExistsAndFlushManageTheCache(int resp) {
        var redis = redis(resp);
        String loaded = redis.scriptLoad("return 'loaded'");
        String unknown = ScriptingCommands.sha1("return 'never loaded'");
        assertThat(redis.scriptExists(loaded, unknown)).containsExactly(true, false);
        redis.scriptFlush();
        assertThat(redis.scriptExists(loaded)).containsExactly(false);
        assertThatThrownBy(() -> redis.scriptExists()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SCRIPT EXISTS needs at least one sha");
    }

    @BothProtocols
    void evalCachedFallsBackToEvalOnNoscriptAndThenUsesTheCache(int resp) {
        var redis = redis(resp);
        String script = "return 'cached-" + resp + "'";
        String sha = ScriptingCommands.sha1(script);
        redis.scriptFlush();
        assertThat(redis.evalCached(script, List.of(), List.of())).isEqualTo("cached-" + resp);
        assertThat(redis.scriptExists(sha)).containsExactly(true); // EVAL cached it
        assertThat(redis.evalCached(Reply.STATUS, script, List.of(), List.of())).isEqualTo("cached-" + resp);
        redis.scriptFlush(); // as after a restart
        assertThat(redis.evalCached(script, List.of(), List.of())).isEqualTo("cached-" + resp);
    }

    @BothProtocols
    void evalCachedPassesOtherErrorsThrough(int resp) {
        var redis = redis(resp);
        redis.rpush("list", "a");
        assertThatThrownBy(() -> redis.evalCached("return redis.call('GET', KEYS[1])", List.of("list"), List.of()))
                .isInstanceOf(RedisReplyException.class).hasMessageContaining("WRONGTYPE");
        assertReplyError("ERR", () -> redis.evalCached("not lua at all", List.of(), List.of()));
    }

    @Test
    void nullKeyOrArgumentListsAreNamed() {
        var redis = redis(3);
        assertThatThrownBy(() -> redis.eval("return 1", null, List.of())).isInstanceOf(NullPointerException.class)
                .hasMessage("keys of EVAL is null");
        assertThatThrownBy(() -> redis.evalsha("abc", List.of(), null)).isInstanceOf(NullPointerException.class)
                .hasMessage("args of EVALSHA is null");
    }
}

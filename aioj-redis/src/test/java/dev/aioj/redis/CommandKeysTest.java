package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandKeysTest {

    private static int[] keys(Object... args) {
        return CommandKeys.positions(args);
    }

    @Test
    void singleKeyCommandsHaveTheirKeyFirst() {
        assertThat(keys("GET", "k")).containsExactly(1);
        assertThat(keys("SET", "k", "v", "EX", 10)).containsExactly(1);
        assertThat(keys("get", "k")).containsExactly(1);
        assertThat(keys("HSET", "h", "f", "v")).containsExactly(1); // fields and values are not keys
    }

    @Test
    void multiKeyCommandsFollowTheirKeySpecs() {
        assertThat(keys("MGET", "a", "b", "c")).containsExactly(1, 2, 3);
        assertThat(keys("MSET", "a", "1", "b", "2")).containsExactly(1, 3);
        assertThat(keys("BLPOP", "a", "b", 0)).containsExactly(1, 2);
        assertThat(keys("RENAME", "a", "b")).containsExactly(1, 2);
        assertThat(keys("BITOP", "AND", "dest", "a", "b")).containsExactly(2, 3, 4);
        assertThat(keys("OBJECT", "ENCODING", "k")).containsExactly(2);
        assertThat(keys("XGROUP", "CREATE", "stream", "group", "$")).containsExactly(2);
        assertThat(keys("XGROUP", "HELP")).isEmpty();
    }

    @Test
    void numkeysCommandsCountTheirKeys() {
        assertThat(keys("EVAL", "return 1", 2, "a", "b", "arg")).containsExactly(3, 4);
        assertThat(keys("EVALSHA", "abc", "0", "arg")).isEmpty();
        assertThat(keys("ZUNIONSTORE", "dest", 2, "a", "b", "WEIGHTS", 1, 2)).containsExactly(1, 3, 4);
        assertThat(keys("LMPOP", 2, "a", "b", "LEFT")).containsExactly(2, 3);
        assertThat(keys("EVAL", "return 1", "x")).isEmpty(); // malformed: the server says so
    }

    @Test
    void streamsKeysFollowTheKeyword() {
        assertThat(keys("XREAD", "COUNT", 2, "STREAMS", "s1", "s2", "0", "0")).containsExactly(4, 5);
    }

    @Test
    void commandsWithoutKeysHaveNone() {
        assertThat(keys("PING")).isEmpty();
        assertThat(keys("INFO", "server")).isEmpty();
        assertThat(keys("KEYS", "*")).isEmpty();
    }
}

package dev.aioj.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One workload of {@code aioj bench}: its name as redis-benchmark prints it,
 * and how to build each command. Keys are {@code key:__rand_int__} (one key)
 * unless a keyspace is given, then {@code key:NNNNNNNNNNNN} drawn at random,
 * as redis-benchmark's {@code -r} does.
 */
enum BenchTest {
    PING("PING_MBULK") {
        @Override
        Object[] command(Keys keys, byte[] value) {
            return new Object[] {"PING"};
        }
    },
    SET("SET") {
        @Override
        Object[] command(Keys keys, byte[] value) {
            return new Object[] {"SET", keys.next("key"), value};
        }
    },
    GET("GET") {
        @Override
        Object[] command(Keys keys, byte[] value) {
            return new Object[] {"GET", keys.next("key")};
        }
    },
    INCR("INCR") {
        @Override
        Object[] command(Keys keys, byte[] value) {
            return new Object[] {"INCR", keys.next("counter")};
        }
    },
    LPUSH("LPUSH") {
        @Override
        Object[] command(Keys keys, byte[] value) {
            return new Object[] {"LPUSH", "mylist", value};
        }
    },
    RPUSH("RPUSH") {
        @Override
        Object[] command(Keys keys, byte[] value) {
            return new Object[] {"RPUSH", "mylist", value};
        }
    },
    LPOP("LPOP") {
        @Override
        Object[] command(Keys keys, byte[] value) {
            return new Object[] {"LPOP", "mylist"};
        }
    },
    RPOP("RPOP") {
        @Override
        Object[] command(Keys keys, byte[] value) {
            return new Object[] {"RPOP", "mylist"};
        }
    },
    SADD("SADD") {
        @Override
        Object[] command(Keys keys, byte[] value) {
            return new Object[] {"SADD", "myset", keys.next("element")};
        }
    },
    HSET("HSET") {
        @Override
        Object[] command(Keys keys, byte[] value) {
            return new Object[] {"HSET", "myhash", keys.next("element"), value};
        }
    },
    ZADD("ZADD") {
        @Override
        Object[] command(Keys keys, byte[] value) {
            return new Object[] {"ZADD", "myzset", ThreadLocalRandom.current().nextInt(1 << 16), keys.next("element")};
        }
    },
    PUBLISH("PUBLISH") {
        @Override
        Object[] command(Keys keys, byte[] value) {
            return new Object[] {"PUBLISH", "mychannel", value};
        }
    },
    MSET("MSET (10 keys)") {
        @Override
        Object[] command(Keys keys, byte[] value) {
            Object[] args = new Object[21];
            args[0] = "MSET";
            for (int i = 0; i < 10; i++) {
                args[1 + 2 * i] = keys.next("key");
                args[2 + 2 * i] = value;
            }
            return args;
        }
    };

    /** redis-benchmark's default selection, in its order (the ones aioj bench implements). */
    static final List<BenchTest> DEFAULTS = List.of(PING, SET, GET, INCR, LPUSH, RPUSH, LPOP, RPOP, SADD, HSET, MSET);

    final String title;

    BenchTest(String title) {
        this.title = title;
    }

    abstract Object[] command(Keys keys, byte[] value);

    /** Parses {@code -t set,get}: names are case-insensitive; unknown ones are named in the error. */
    static List<BenchTest> parse(String list) {
        List<BenchTest> tests = new ArrayList<>();
        for (String name : list.split(",")) {
            String n = name.trim().toUpperCase(Locale.ROOT);
            if (n.isEmpty()) {
                continue;
            }
            try {
                tests.add(valueOf(n.equals("PING_MBULK") || n.equals("PING_INLINE") ? "PING" : n));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown test '" + name.trim() + "'; known: "
                        + java.util.Arrays.stream(values()).map(t -> t.name().toLowerCase(Locale.ROOT)).toList());
            }
        }
        if (tests.isEmpty()) {
            throw new IllegalArgumentException("no test named in '" + list + "'");
        }
        return tests;
    }

    /** Key names: fixed, or random within a keyspace. */
    record Keys(long keyspace) {
        String next(String prefix) {
            if (keyspace <= 0) {
                return prefix + ":__rand_int__";
            }
            return String.format(Locale.ROOT, "%s:%012d", prefix, ThreadLocalRandom.current().nextLong(keyspace));
        }
    }
}

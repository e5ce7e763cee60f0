package dev.aioj.redis;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a command's keys are among its arguments, from the key specs Redis
 * publishes in {@code COMMAND INFO} (first key, last key, step; or a
 * "numkeys" argument; or the keys after a keyword), written down here so a
 * {@link RedisClusterClient} routes without asking {@code COMMAND} at run
 * time. Only keys count: a member, a field or a value that happens to look
 * like a key never moves a command to another node.
 *
 * <p>A command not listed here has no keys as far as routing goes; it goes to
 * any node (see {@link ClusterRouter}).
 *
 * <p>Thread contract: any thread (immutable tables).
 */
final class CommandKeys {

    /** How to find the keys of one command, indices into the whole argument array (name at 0). */
    private record Spec(Kind kind, int first, int last, int step) {}

    private enum Kind {
        /** Keys from {@code first} to {@code last} (negative: from the end, -1 the last argument) every {@code step}. */
        RANGE,
        /** The argument at {@code first} counts the keys that follow it; {@code last} > 0: one more key there. */
        NUMKEYS,
        /** The keys follow the keyword STREAMS, then as many IDs (XREAD, XREADGROUP). */
        STREAMS
    }

    private static final Map<String, Spec> SPECS = new HashMap<>();

    static {
        range(1, 1, 1, """
                GET SET SETNX SETEX PSETEX GETSET GETDEL GETEX GETRANGE SETRANGE APPEND STRLEN INCR INCRBY INCRBYFLOAT
                DECR DECRBY SUBSTR GETBIT SETBIT BITCOUNT BITPOS BITFIELD BITFIELD_RO
                EXPIRE PEXPIRE EXPIREAT PEXPIREAT EXPIRETIME PEXPIRETIME TTL PTTL PERSIST TYPE DUMP RESTORE
                RESTORE-ASKING
                HSET HSETNX HGET HMSET HMGET HDEL HLEN HSTRLEN HEXISTS HGETALL HKEYS HVALS HINCRBY HINCRBYFLOAT HSCAN
                HRANDFIELD
                LPUSH RPUSH LPUSHX RPUSHX LPOP RPOP LLEN LRANGE LINDEX LSET LINSERT LREM LTRIM LPOS
                SADD SREM SCARD SISMEMBER SMISMEMBER SMEMBERS SPOP SRANDMEMBER SSCAN
                ZADD ZINCRBY ZREM ZCARD ZCOUNT ZLEXCOUNT ZSCORE ZMSCORE ZRANK ZREVRANK ZRANGE ZREVRANGE ZRANGEBYSCORE
                ZREVRANGEBYSCORE ZRANGEBYLEX ZREVRANGEBYLEX ZREMRANGEBYRANK ZREMRANGEBYSCORE ZREMRANGEBYLEX ZPOPMIN
                ZPOPMAX ZSCAN ZRANDMEMBER
                PFADD XADD XLEN XRANGE XREVRANGE XDEL XTRIM XACK XCLAIM XAUTOCLAIM XPENDING XSETID XGROUP
                GEOADD GEODIST GEOHASH GEOPOS GEORADIUS GEORADIUS_RO GEORADIUSBYMEMBER GEORADIUSBYMEMBER_RO GEOSEARCH
                SORT SORT_RO SPUBLISH
                """);
        range(1, -1, 1, """
                DEL UNLINK EXISTS TOUCH MGET WATCH SDIFF SINTER SUNION SDIFFSTORE SINTERSTORE SUNIONSTORE
                PFCOUNT PFMERGE
                """);
        range(1, -1, 2, "MSET MSETNX");
        range(1, 2, 1, "RENAME RENAMENX COPY SMOVE LMOVE RPOPLPUSH BLMOVE BRPOPLPUSH GEOSEARCHSTORE ZRANGESTORE LCS");
        range(1, -2, 1, "BLPOP BRPOP BZPOPMIN BZPOPMAX");
        range(2, -1, 1, "BITOP");
        range(2, 2, 1, "OBJECT MEMORY XINFO");
        numkeys(2, 0, "EVAL EVALSHA EVAL_RO EVALSHA_RO FCALL FCALL_RO BLMPOP BZMPOP");
        numkeys(1, 0, "ZUNION ZINTER ZDIFF ZINTERCARD SINTERCARD LMPOP ZMPOP");
        numkeys(2, 1, "ZUNIONSTORE ZINTERSTORE ZDIFFSTORE");
        SPECS.put("XREAD", new Spec(Kind.STREAMS, 0, 0, 0));
        SPECS.put("XREADGROUP", new Spec(Kind.STREAMS, 0, 0, 0));
    }

    /** Commands Redis flags readonly (COMMAND INFO), which {@link ReadFrom} may send to a replica. */
    private static final java.util.Set<String> READ_ONLY = java.util.Set.of((
            "GET MGET STRLEN GETRANGE SUBSTR GETBIT BITCOUNT BITPOS BITFIELD_RO LCS EXISTS TTL PTTL EXPIRETIME "
            + "PEXPIRETIME TYPE DUMP OBJECT TOUCH HGET HMGET HGETALL HKEYS HVALS HLEN HEXISTS HSTRLEN HSCAN HRANDFIELD "
            + "LRANGE LLEN LINDEX LPOS SMEMBERS SISMEMBER SMISMEMBER SCARD SRANDMEMBER SSCAN SINTER SUNION SDIFF "
            + "SINTERCARD ZRANGE ZREVRANGE ZRANGEBYSCORE ZREVRANGEBYSCORE ZRANGEBYLEX ZREVRANGEBYLEX ZSCORE ZMSCORE "
            + "ZCARD ZCOUNT ZLEXCOUNT ZRANK ZREVRANK ZSCAN ZRANDMEMBER ZUNION ZINTER ZDIFF ZINTERCARD XRANGE "
            + "XREVRANGE XLEN GEOPOS GEODIST GEOHASH GEOSEARCH GEORADIUS_RO GEORADIUSBYMEMBER_RO EVAL_RO EVALSHA_RO "
            + "FCALL_RO SORT_RO").split(" "));

    private CommandKeys() {}

    /** Whether {@code name} (upper case) only reads, so a replica may serve it. */
    static boolean isReadOnly(String name) {
        return READ_ONLY.contains(name);
    }

    private static void range(int first, int last, int step, String names) {
        for (String name : names.split("\\s+")) {
            if (!name.isEmpty()) SPECS.put(name, new Spec(Kind.RANGE, first, last, step));
        }
    }

    private static void numkeys(int at, int extraKey, String names) {
        for (String name : names.split("\\s+")) {
            if (!name.isEmpty()) SPECS.put(name, new Spec(Kind.NUMKEYS, at, extraKey, 1));
        }
    }

    /** The upper-case name of a command given as its first argument. */
    static String name(Object first) {
        String name = first instanceof String s ? s
                : first instanceof byte[] b ? new String(b, StandardCharsets.US_ASCII) : String.valueOf(first);
        return SPECS.containsKey(name) ? name : name.toUpperCase(Locale.ROOT);
    }

    /** Every command (upper case) with keys. */
    static java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(SPECS.keySet());
    }

    /** Whether {@code name} (upper case) is a command with keys. */
    static boolean hasKeys(String name) {
        return SPECS.containsKey(name);
    }

    /**
     * The indices of the keys in {@code args} (name at 0), in order; empty if
     * the command has none (or is too short to have any: the server will say
     * so). A malformed numkeys yields no keys, and the server's error reaches
     * the caller.
     */
    static int[] positions(Object[] args) {
        Spec spec = SPECS.get(name(args[0]));
        if (spec == null) {
            return new int[0];
        }
        int n = args.length;
        return switch (spec.kind()) {
            case RANGE -> {
                int last = spec.last() < 0 ? n + spec.last() : Math.min(spec.last(), n - 1);
                if (spec.first() > last) yield new int[0];
                int[] positions = new int[(last - spec.first()) / spec.step() + 1];
                for (int i = 0; i < positions.length; i++) positions[i] = spec.first() + i * spec.step();
                yield positions;
            }
            case NUMKEYS -> {
                int at = spec.first();
                long count = at < n ? parseCount(args[at]) : -1;
                if (count < 0 || at + count >= n + 0L) {
                    yield new int[0];
                }
                int extra = spec.last() > 0 ? 1 : 0;
                int[] positions = new int[(int) count + extra];
                int next = 0;
                if (extra == 1) positions[next++] = spec.last();
                for (int i = 0; i < count; i++) positions[next++] = at + 1 + i;
                yield positions;
            }
            case STREAMS -> {
                int keyword = -1;
                for (int i = 1; i < n; i++) {
                    if (args[i] instanceof String s && s.equalsIgnoreCase("STREAMS")) {
                        keyword = i;
                        break;
                    }
                }
                int count = keyword < 0 ? 0 : (n - keyword - 1) / 2;
                int[] positions = new int[count];
                for (int i = 0; i < count; i++) positions[i] = keyword + 1 + i;
                yield positions;
            }
        };
    }

    private static long parseCount(Object arg) {
        try {
            return switch (arg) {
                case Integer i -> i;
                case Long l -> l;
                case String s -> Long.parseLong(s);
                case byte[] b -> Long.parseLong(new String(b, StandardCharsets.US_ASCII));
                default -> -1;
            };
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

package dev.aioj.redis;

/**
 * Every typed command aioj knows, as futures; anything else goes through
 * {@link #execute} or {@link #command}. Each family lives in its own
 * interface so each file stays one concept:
 *
 * <table>
 * <caption>Command families</caption>
 * <tr><td>{@link StringCommands}</td><td>GET, SET (+ {@link SetArgs}), MGET, INCR, APPEND, GETEX, ...</td></tr>
 * <tr><td>{@link KeyCommands}</td><td>DEL, EXISTS, EXPIRE, TTL, RENAME, SCAN (+ {@link ScanArgs}), COPY, ...</td></tr>
 * <tr><td>{@link HashCommands}</td><td>HSET, HGET, HGETALL, HINCRBY, HSCAN, ...</td></tr>
 * <tr><td>{@link ListCommands}</td><td>LPUSH, LPOP, LRANGE, LMOVE, BLPOP, BRPOP, BLMOVE, ...</td></tr>
 * <tr><td>{@link SetCommands}</td><td>SADD, SMEMBERS, SINTER, SPOP, SSCAN, ...</td></tr>
 * <tr><td>{@link SortedSetCommands}</td>
 *     <td>ZADD (+ {@link ZAddArgs}), ZRANGE (+ {@link ZRangeArgs}), ZPOPMIN, ...</td></tr>
 * <tr><td>{@link ScriptingCommands}</td><td>EVAL, EVALSHA, evalCached, SCRIPT LOAD/EXISTS/FLUSH</td></tr>
 * <tr><td>{@link ServerCommands}</td><td>PING, INFO, DBSIZE, FLUSHDB, TIME, CLIENT, CONFIG, ...</td></tr>
 * </table>
 *
 * <p>Every single-command method returns the command's own future, its reply
 * converted on the loop thread: no {@code thenApply} stage and no extra
 * object per call. Only the helpers that need several round trips ({@code
 * scanAll}, {@code evalCached}) compose futures.
 *
 * <p>Thread contract: any thread (see {@link BaseCommands}).
 *
 * @param <V> what bulk-string replies decode to
 */
public interface RedisCommands<V> extends StringCommands<V>, KeyCommands<V>, HashCommands<V>, ListCommands<V>,
        SetCommands<V>, SortedSetCommands<V>, ScriptingCommands<V>, ServerCommands<V> {

    /** The blocking view of these commands, for virtual threads; see {@link RedisSyncCommands}. */
    default RedisSyncCommands<V> sync() {
        return new SyncView<>(this);
    }
}

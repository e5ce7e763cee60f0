package dev.aioj.redis;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The commands of a MULTI/EXEC transaction being built, on one node or on a
 * cluster's slot owner: everything that needs a reply before {@code exec()}
 * (the blocking view, cursor paging, EVALSHA's NOSCRIPT fallback) cannot work
 * while replies arrive only at {@code exec()}, so it is refused plainly here,
 * once for {@link Transaction} and {@link ClusterTransaction}.
 *
 * <p>Thread contract: that of the implementing transaction (built by one thread).
 */
interface QueuedCommands<V> extends RedisCommands<V> {

    /** Refused: a transaction's replies arrive only at {@code exec()}; waiting on one here would never end. */
    @Override
    default RedisSyncCommands<V> sync() {
        throw notInTransaction("sync()");
    }

    /** Refused: paging needs each cursor's reply before the next SCAN. */
    @Override
    default CompletableFuture<List<V>> scanAll() {
        throw notInTransaction("scanAll");
    }

    /** Refused: paging needs each cursor's reply before the next SCAN. */
    @Override
    default CompletableFuture<List<V>> scanAll(ScanArgs args) {
        throw notInTransaction("scanAll");
    }

    /** Refused: paging needs each cursor's reply before the next HSCAN. */
    @Override
    default CompletableFuture<Map<V, V>> hscanAll(Object key) {
        throw notInTransaction("hscanAll");
    }

    /** Refused: paging needs each cursor's reply before the next HSCAN. */
    @Override
    default CompletableFuture<Map<V, V>> hscanAll(Object key, ScanArgs args) {
        throw notInTransaction("hscanAll");
    }

    /** Refused: paging needs each cursor's reply before the next SSCAN. */
    @Override
    default CompletableFuture<Set<V>> sscanAll(Object key) {
        throw notInTransaction("sscanAll");
    }

    /** Refused: paging needs each cursor's reply before the next SSCAN. */
    @Override
    default CompletableFuture<Set<V>> sscanAll(Object key, ScanArgs args) {
        throw notInTransaction("sscanAll");
    }

    /** Refused: paging needs each cursor's reply before the next ZSCAN. */
    @Override
    default CompletableFuture<List<ScoredValue<V>>> zscanAll(Object key) {
        throw notInTransaction("zscanAll");
    }

    /** Refused: paging needs each cursor's reply before the next ZSCAN. */
    @Override
    default CompletableFuture<List<ScoredValue<V>>> zscanAll(Object key, ScanArgs args) {
        throw notInTransaction("zscanAll");
    }

    /** Refused: the NOSCRIPT fallback needs EVALSHA's reply; queue {@code evalsha} or {@code eval} instead. */
    @Override
    default CompletableFuture<Object> evalCached(String script, List<?> keys, List<?> args) {
        throw notInTransaction("evalCached");
    }

    /** Refused: the NOSCRIPT fallback needs EVALSHA's reply; queue {@code evalsha} or {@code eval} instead. */
    @Override
    default <T> CompletableFuture<T> evalCached(Reply<T> reply, String script, List<?> keys, List<?> args) {
        throw notInTransaction("evalCached");
    }

    private static UnsupportedOperationException notInTransaction(String what) {
        return new UnsupportedOperationException(what + " needs replies before exec(), which a transaction gives "
                + "only at exec(): call it on the client or connection instead");
    }
}

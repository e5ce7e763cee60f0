package dev.aioj.redis;

/** The blocking view over an asynchronous one; see {@link RedisSyncCommands}. Thread contract: any thread but a loop's. */
record SyncView<V>(RedisCommands<V> async) implements RedisSyncCommands<V> {}

/**
 * aioj-server: a Redis-compatible, single-threaded, in-memory server on one
 * aioj event loop, for embedding (tests, demos) and for {@code redis-cli} and
 * {@code redis-benchmark} unchanged. Only {@code dev.aioj.server} is exported,
 * and in it only {@link dev.aioj.server.RedisServer} and {@link
 * dev.aioj.server.ServerConfig}; the engine is package-private.
 */
module dev.aioj.server {
    requires transitive dev.aioj.core;
    requires java.management;
    /** luaj 3.0.1 (an automatic module): the Lua VM of EVAL and FUNCTION. */
    requires luaj.jme;

    exports dev.aioj.server;
}

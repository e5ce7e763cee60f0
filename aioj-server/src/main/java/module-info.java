/**
 * aioj-server: a Redis-compatible, single-threaded, in-memory server on one
 * aioj event loop, for embedding (tests, demos) and for {@code redis-cli} and
 * {@code redis-benchmark} unchanged. Only {@code dev.aioj.server} is exported,
 * and in it only {@link dev.aioj.server.RedisServer} and {@link
 * dev.aioj.server.ServerConfig} (with {@link dev.aioj.server.ConfigException}),
 * and {@link dev.aioj.server.ServerMain}, the program; the engine is
 * package-private.
 */
module dev.aioj.server {
    requires transitive dev.aioj.core;
    requires java.management;
    /** luaj 3.0.1 (an automatic module): the Lua VM of EVAL and FUNCTION. */
    requires luaj.jme;
    // Only ServerMain (aioj server as a program) uses these: its Redis-shaped log and its signal handlers.
    requires static java.logging;
    requires static jdk.unsupported;

    exports dev.aioj.server;
}

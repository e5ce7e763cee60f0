package dev.aioj.bench.redis.jmh;

import dev.aioj.loop.EventLoop;
import dev.aioj.redis.RedisConnection;
import dev.aioj.redis.RedisOptions;
import dev.aioj.redis.RedisUri;
import java.util.function.Consumer;

/**
 * An aioj connection to a fresh {@link CannedRedisServer}, on an event loop of
 * its own so the loop's thread can be found for allocation counters: the
 * trial setup and teardown of {@link PipelinedGetBenchmark.Aioj} and {@link
 * ObservedGetBenchmark.Observed}, which differ only in the options (an
 * observer, or none). Setup and teardown only: the states copy {@link
 * #connection} into a field of their own, so the measured {@code get()} reads
 * the same one field it always did.
 *
 * <p>Thread contract: open and close from the benchmark thread.
 */
final class CannedConnection implements AutoCloseable {

    final CannedRedisServer server;
    final EventLoop loop;
    final RedisConnection connection;

    private CannedConnection(CannedRedisServer server, EventLoop loop, RedisConnection connection) {
        this.server = server;
        this.loop = loop;
        this.connection = connection;
    }

    /** Starts the server and the loop, lets {@code configure} add to the options, then connects. */
    static CannedConnection open(Consumer<RedisOptions.Builder> configure) {
        CannedRedisServer server = CannedRedisServer.start();
        EventLoop loop = EventLoop.builder().name("aioj-bench-loop").daemon(true).build();
        RedisOptions.Builder options = RedisOptions.builder().loop(loop);
        configure.accept(options);
        RedisConnection connection = RedisConnection.connect(RedisUri.parse("redis://127.0.0.1:" + server.port()),
                options.build()).join();
        return new CannedConnection(server, loop, connection);
    }

    /** Closes the connection, then its loop, then the server (wait for the GETs in flight first). */
    @Override
    public void close() {
        connection.close();
        loop.close();
        server.close();
    }
}

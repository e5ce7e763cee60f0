package dev.aioj.examples.seed000;

import dev.aioj.redis.Codec;
import dev.aioj.redis.RedisCommands;
import dev.aioj.redis.RedisConnection;
import dev.aioj.redis.RedisReplyException;
import dev.aioj.redis.RedisUri;
import dev.aioj.redis.Transaction;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Seed 000's aioredis walk-through on the aioj client: {@code
 * create_connection} by address or unix path, {@code execute} returning a
 * future, replies as bytes unless an encoding is asked for, implicit
 * pipelining through the FIFO of waiters, a {@code ReplyError} that leaves
 * the connection usable, a MULTI/EXEC transaction, and {@code close}.
 *
 * <p>Thread contract: {@link #run} blocks its caller (never a loop thread).
 */
public final class RedisClientExample {

    /** The seed's default server. */
    public static final String DEFAULT_ADDRESS = "127.0.0.1:6379";

    private RedisClientExample() {}

    /**
     * Runs the walk-through against {@code address}: {@code host:port}, or a
     * unix socket path (starting with {@code /}), as the seed's
     * {@code create_connection} takes a tuple or a string. Returns the lines printed.
     */
    public static List<String> run(String address, PrintStream out) throws Exception {
        List<String> lines = new ArrayList<>();
        RedisUri uri = RedisUri.parse(address.startsWith("/") ? "unix://" + address : "redis://" + address);
        try (RedisConnection redis = RedisConnection.connect(uri).get(10, TimeUnit.SECONDS)) {
            say(lines, out, "create_connection(" + address + ") -> " + redis);

            // execute() returns a future at once; the reply completes it. Without an encoding: bytes.
            RedisCommands<byte[]> raw = redis.withCodec(Codec.BYTES);
            CompletableFuture<Object> set = redis.execute("SET", "my-key", "value");
            say(lines, out, "execute('set', 'my-key', 'value') -> " + set.get(10, TimeUnit.SECONDS));
            byte[] bytes = raw.get("my-key").get(10, TimeUnit.SECONDS);
            say(lines, out, "execute('get', 'my-key') -> b'" + new String(bytes, StandardCharsets.UTF_8) + "'");
            say(lines, out, "execute('get', 'my-key', encoding='utf-8') -> '"
                    + redis.get("my-key").get(10, TimeUnit.SECONDS) + "'");

            // Implicit pipelining: 100 commands written before the first reply; replies matched in order.
            redis.del("counter").get(10, TimeUnit.SECONDS);
            List<CompletableFuture<Long>> waiters = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                waiters.add(redis.incr("counter"));
            }
            say(lines, out, "100 x INCR in flight at once -> first " + waiters.get(0).get(10, TimeUnit.SECONDS)
                    + ", last " + waiters.get(99).get(10, TimeUnit.SECONDS));

            // An error reply fails that one future (ReplyError); the connection goes on.
            try {
                redis.execute("INCR", "my-key").get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                RedisReplyException error = (RedisReplyException) e.getCause();
                say(lines, out, "execute('incr', 'my-key') -> ReplyError(" + error.kind() + "): " + error.getMessage());
            }
            say(lines, out, "execute('ping') after the error -> " + redis.execute("PING").get(10, TimeUnit.SECONDS));

            // A transaction: MULTI, the commands and EXEC leave together.
            Transaction<String> tx = redis.multi();
            tx.incr("counter");
            tx.get("my-key");
            say(lines, out, "multi: incr counter, get my-key; exec() -> " + tx.exec().get(10, TimeUnit.SECONDS));
        }
        say(lines, out, "close(): connection closed");
        return lines;
    }

    private static void say(List<String> lines, PrintStream out, String line) {
        lines.add(line);
        out.println(line);
    }
}

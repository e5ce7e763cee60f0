package dev.aioj.bench.redis.jmh;

import dev.aioj.redis.resp.RespParser;
import dev.aioj.redis.resp.RespValue;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link RespParser} throughput, one reply per operation: the parser is fed
 * {@value #BATCH} replies at once (as one socket read of a pipeline delivers
 * them) and drained with {@code next()}. Parsing only: no socket, no futures,
 * no conversion to Java values. With {@code -prof gc}, {@code
 * gc.alloc.rate.norm} is the bytes per reply (the {@link RespValue} and its
 * payload).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class RespParseBenchmark {

    static final int BATCH = 128;

    /** bulk: {@code $3 bar}; status: {@code +OK}; integer: {@code :12345}; array: ten 8-byte bulk strings. */
    @Param({"bulk", "status", "integer", "array"})
    public String reply;

    private ByteBuffer replies;
    private RespParser parser;

    @Setup
    public void setUp() {
        String one = switch (reply) {
            case "bulk" -> "$3\r\nbar\r\n";
            case "status" -> "+OK\r\n";
            case "integer" -> ":12345\r\n";
            case "array" -> "*10\r\n" + "$8\r\nvalue:00\r\n".repeat(10);
            default -> throw new IllegalArgumentException(reply);
        };
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < BATCH; i++) {
            bytes.writeBytes(one.getBytes(StandardCharsets.US_ASCII));
        }
        replies = ByteBuffer.allocateDirect(bytes.size()).put(bytes.toByteArray()).flip(); // like the loop's read buffer
    }

    /**
     * A fresh parser per iteration: one parser fed more than 2 GiB of whole
     * frames fails (its line-search index drifts down by every consumed frame
     * and wraps; see docs/bench/redis-client-analysis.md), which the array case
     * reaches within a default-length run.
     */
    @Setup(Level.Iteration)
    public void newParser() {
        parser = new RespParser();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void parse(Blackhole blackhole) {
        parser.feed(replies.duplicate());
        for (RespValue value; (value = parser.next()) != null; ) {
            blackhole.consume(value);
        }
    }
}

package dev.aioj.bench.redis.jmh;

import dev.aioj.redis.resp.RespEncoder;
import dev.aioj.redis.resp.RespOutput;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link RespEncoder#encodeCommand} throughput, one command per operation:
 * {@value #BATCH} commands encoded into one {@link RespOutput} (as one loop
 * iteration's batch), which is then cleared. Includes the argument check
 * every encode does; no socket. With {@code -prof gc}, {@code
 * gc.alloc.rate.norm} is the bytes per command (expected: none).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class RespEncodeBenchmark {

    static final int BATCH = 128;

    /** GET key, or SET key value (16-byte key, 3-byte value: redis-benchmark's shape). */
    @Param({"GET", "SET"})
    public String command;

    private Object[] args;
    private RespOutput out;

    @Setup
    public void setUp() {
        args = command.equals("GET") ? new Object[] {"GET", "key:000000001234"}
                : new Object[] {"SET", "key:000000001234", "xxx"};
        out = new RespOutput();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int encode() {
        out.clear();
        for (int i = 0; i < BATCH; i++) {
            RespEncoder.encodeCommand(out, args);
        }
        return out.size();
    }
}

package dev.aioj.bench.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The readings behind the benchmark's CPU-per-command columns move with the work done, and only then. */
class CpuClockTest {

    @Test
    void thisJvmsCpuGrowsWithWorkDoneOnAnyThread() throws Exception {
        long before = CpuClock.jvmNanos();
        assumeTrue(before >= 0, "the JVM does not report its process CPU time");
        Thread worker = Thread.ofPlatform().start(CpuClockTest::spin);
        worker.join();
        assertThat(CpuClock.jvmNanos() - before).isGreaterThanOrEqualTo(50_000_000L);
    }

    @Test
    void aProcessCpuComesFromProcAndAWaitedChildsFromOurs() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "no /proc");
        assertThat(CpuClock.processNanos(ProcessHandle.current().pid())).isPositive();
        assertThat(CpuClock.processNanos(-1)).isEqualTo(-1);
        long children = CpuClock.waitedChildrenNanos();
        Process busy = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done").start();
        assertThat(busy.waitFor()).isZero();
        assertThat(CpuClock.waitedChildrenNanos()).isGreaterThan(children);
    }

    @Test
    void perCommandIsTheDeltaOverTheCommandsAndNanWhereAReadingIsMissing() {
        CpuClock.Sample before = new CpuClock.Sample(1_000, 5_000, -1);
        CpuClock.Sample after = new CpuClock.Sample(3_001_000, 15_005_000, -1);
        CpuClock.PerCommand jvm = after.since(before, 1_000, false);
        assertThat(jvm.client()).isEqualTo(3.0);
        assertThat(jvm.server()).isNaN();
        assertThat(after.since(before, 1_000, true).client()).isEqualTo(15.0);
    }

    private static void spin() {
        long end = System.nanoTime() + 100_000_000L;
        long x = 0;
        while (System.nanoTime() < end) {
            x += x * 31 + 7;
        }
        if (x == 42) System.out.println(x);
    }
}

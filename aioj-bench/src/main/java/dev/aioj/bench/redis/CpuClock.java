package dev.aioj.bench.redis;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the processes a pass involves, read before and after it, so the
 * report can give CPU per command next to commands per second (issue 22):
 * on a 2-core machine where client and server share the cores, the client's
 * CPU per command decides its throughput.
 *
 * <ul>
 *   <li>this JVM: every thread of it (the drivers' callers and I/O threads, GC
 *       and JIT included), from {@code com.sun.management.OperatingSystemMXBean
 *       #getProcessCpuTime}, nanoseconds;</li>
 *   <li>the children this JVM waited for ({@code redis-benchmark}): {@code
 *       cutime + cstime} of {@code /proc/self/stat};</li>
 *   <li>the server: {@code utime + stime} of {@code /proc/<pid>/stat}, all its
 *       threads.</li>
 * </ul>
 *
 * <p>{@code /proc} counts in clock ticks, {@link #TICK_NANOS} each (Linux's
 * {@code USER_HZ} is 100 on every mainstream architecture): 10 ms of
 * resolution, under 1 % of a pass of a second or more. Where {@code /proc}
 * is missing (not Linux) those readings are -1 and the report leaves their
 * cells empty.
 *
 * <p>Thread contract: any thread; it keeps no state.
 */
final class CpuClock {

    /** One clock tick of {@code /proc/<pid>/stat} (USER_HZ = 100). */
    static final long TICK_NANOS = 10_000_000L;

    private CpuClock() {}

    /** CPU nanoseconds of this JVM, all threads; -1 if the JVM cannot tell. */
    static long jvmNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** CPU nanoseconds of the children this JVM has waited for, all of them so far; -1 without /proc. */
    static long waitedChildrenNanos() {
        long[] f = statFields("self", 16, 17); // cutime, cstime
        return f == null ? -1 : (f[0] + f[1]) * TICK_NANOS;
    }

    /** CPU nanoseconds of process {@code pid}, all its threads; -1 if it is unknown or gone. */
    static long processNanos(long pid) {
        if (pid <= 0) return -1;
        long[] f = statFields(Long.toString(pid), 14, 15); // utime, stime
        return f == null ? -1 : (f[0] + f[1]) * TICK_NANOS;
    }

    /** Fields {@code a} and {@code b} (1-based, as proc(5) numbers them) of /proc/{@code pid}/stat. */
    private static long[] statFields(String pid, int a, int b) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", pid, "stat"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
        // field 2 is "(comm)" and may hold spaces: count from the last ')', which ends field 2
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        try {
            return new long[] {Long.parseLong(rest[a - 3]), Long.parseLong(rest[b - 3])};
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The readings at one moment; {@link #since} turns two into CPU per command. */
    record Sample(long jvm, long children, long server) {

        static Sample now(long serverPid) {
            return new Sample(jvmNanos(), waitedChildrenNanos(), processNanos(serverPid));
        }

        /**
         * Microseconds of CPU per command since {@code before}: the client's
         * (this JVM, or its waited-for children when the client ran as one)
         * and the server's; NaN where a reading is missing.
         */
        PerCommand since(Sample before, long commands, boolean clientIsChild) {
            long client = clientIsChild ? delta(before.children, children) : delta(before.jvm, jvm);
            long srv = delta(before.server, server);
            return new PerCommand(perCommand(client, commands), perCommand(srv, commands));
        }

        private static long delta(long from, long to) {
            return from < 0 || to < 0 ? -1 : to - from;
        }

        private static double perCommand(long nanos, long commands) {
            return nanos < 0 || commands <= 0 ? Double.NaN : nanos / 1e3 / commands;
        }
    }

    /** CPU microseconds per command of one pass: the client's process and the server's. */
    record PerCommand(double client, double server) {}
}

package dev.aioj.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** One line describing the machine a benchmark ran on, for result tables. */
public final class Machine {

    private Machine() {}

    /** CPU model, core count, memory, OS and JDK. */
    public static String describe() {
        Runtime runtime = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%s, %d cores, %s, %s %s, JDK %s (%s)",
                cpuModel(), runtime.availableProcessors(), memory(),
                System.getProperty("os.name"), System.getProperty("os.version"),
                Runtime.version(), System.getProperty("java.vm.name"));
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(line -> line.startsWith("MemTotal"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / (1024 * 1024) + " GiB RAM")
                    .findFirst().orElse("unknown RAM");
        } catch (IOException | RuntimeException e) {
            return "unknown RAM";
        }
    }

    /** The 1, 5 and 15 minute load averages ({@code /proc/loadavg}), e.g. {@code "3.10 2.85 2.40"}. */
    public static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * The whole {@code /proc/loadavg} line (the three load averages, then
     * runnable/total tasks and the last PID), as the memcached and AMQP
     * reports print it before and after a run; {@code "unknown"} if unreadable.
     */
    public static String loadavgLine() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}

package dev.aioj.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/**
 * One runnable program of the seed documents: its name on the command line
 * ({@code ./aioj example NAME}), the seed it comes from, a one-line summary,
 * its options, and the program itself.
 *
 * @param name the command-line name, e.g. {@code streams-server}
 * @param seed the seed document's number, e.g. {@code 4} for {@code 004_*.txt}
 * @param summary one line on what it shows
 * @param options its options with their defaults, e.g. {@code [--port 10000]}
 * @param program what runs it
 */
public record Example(String name, int seed, String summary, String options, Program program) {

    /** Runs an example with its command-line arguments, printing to {@code out}. */
    @FunctionalInterface
    public interface Program {
        /** Servers run until the JVM is interrupted (Ctrl-C); clients return when done. */
        void run(List<String> args, PrintStream out) throws Exception;
    }

    public Example {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(program, "program");
    }
}

package dev.aioj.examples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./aioj example [NAME [OPTIONS]]}: without a name, lists the
 * examples; with one, runs it. Servers run until Ctrl-C; clients exit when
 * done. Exit status 2 for an unknown name or bad options, 1 if the program
 * failed.
 *
 * <p>Thread contract: a program's main thread.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        int status = run(Arrays.asList(args), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Lists or runs; returns the exit status. For the CLI and tests. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            list(out);
            return 0;
        }
        String name = args.get(0);
        Optional<Example> example = Examples.find(name);
        if (example.isEmpty()) {
            err.println("aioj example: no example named '" + name + "'");
            list(err);
            return 2;
        }
        try {
            example.get().program().run(args.subList(1, args.size()), out);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("aioj example " + name + ": " + e.getMessage());
            err.println("usage: ./aioj example " + name + " " + example.get().options());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            err.println("aioj example " + name + " failed: " + e);
            return 1;
        }
    }

    /** The table of examples: name, seed, options, summary. */
    public static void list(PrintStream out) {
        out.println("usage: ./aioj example NAME [OPTIONS]   (servers bind 127.0.0.1; Ctrl-C stops them)");
        out.println();
        int width = Examples.all().stream().mapToInt(e -> e.name().length()).max().orElse(10);
        for (Example example : Examples.all()) {
            out.printf("  %-" + width + "s  seed %03d  %s%n", example.name(), example.seed(), example.summary());
            out.printf("  %-" + width + "s            %s%n", "", example.options());
        }
        out.println();
        out.println("docs/examples.md maps each program to its seed and shows its output.");
    }
}

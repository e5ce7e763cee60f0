package dev.aioj.cli;

import dev.aioj.examples.Main;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code aioj example [NAME [OPTIONS]]}: lists the seed programs of
 * aioj-examples, or runs one (see docs/examples.md). Options after the name
 * belong to the example.
 */
@Command(name = "example", description = "List the seed programs, or run one: aioj example NAME [OPTIONS].")
final class ExampleCommand implements Callable<Integer> {

    @CommandLine.Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        return Main.run(args, System.out, System.err);
    }
}

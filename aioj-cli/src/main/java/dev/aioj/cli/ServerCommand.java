package dev.aioj.cli;

import dev.aioj.server.ServerMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code aioj server}: aioj-server as a program, started like redis-server
 * ({@code aioj server [/path/to/redis.conf] [--directive value ...] [-]}).
 * Its arguments are redis-server's, not picocli options, so {@link Aioj}
 * hands them to {@link ServerMain} untouched; this class only describes the
 * command in {@code aioj help}.
 */
@Command(name = "server", description = {
    "Run aioj-server, a Redis-compatible in-memory server, as redis-server runs:",
    "  aioj server [/path/to/redis.conf] [--directive value ...] [-]",
    "e.g. aioj server --port 7000 --save \"\" --unixsocket /tmp/aioj.sock; aioj server --help for more."})
final class ServerCommand implements Callable<Integer> {

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        return ServerMain.run(args.toArray(new String[0]));
    }
}

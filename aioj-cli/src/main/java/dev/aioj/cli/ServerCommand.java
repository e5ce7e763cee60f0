package dev.aioj.cli;

import dev.aioj.server.RedisServer;
import dev.aioj.server.ServerConfig;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aioj server}: aioj-server, the Redis-compatible server on the aioj
 * loop, as a program. Prints where it listens; Ctrl-C (or SHUTDOWN from
 * redis-cli on this machine) stops it cleanly.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run aioj-server, a Redis-compatible in-memory server, until Ctrl-C.")
final class ServerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "6379", description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--requirepass", description = "Password clients must AUTH with.")
    String requirePass;

    @Option(names = "--maxclients", defaultValue = "10000", description = "Connections at most (default: ${DEFAULT-VALUE}).")
    int maxClients;

    private final PrintStream out;
    private final PrintStream err;

    ServerCommand() {
        this(System.out, System.err);
    }

    ServerCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        ServerConfig.Builder config = ServerConfig.builder().bind(bind).port(port).maxClients(maxClients);
        if (requirePass != null) {
            config.requirePass(requirePass);
        }
        RedisServer server;
        try {
            server = RedisServer.start(config.build());
        } catch (UncheckedIOException e) {
            err.println("aioj server: cannot listen on " + bind + ":" + port + ": " + e.getCause().getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("aioj server: " + e.getMessage());
            return 2;
        }
        Thread stopper = new Thread(() -> {
            out.println("aioj-server: stopping");
            server.close();
        }, "aioj-server-stopper");
        Runtime.getRuntime().addShutdownHook(stopper);
        out.println("aioj-server " + RedisServer.VERSION + " listening on " + server.address().getHostString() + ":"
                + server.port() + (requirePass != null ? " (password required)" : "") + "; Ctrl-C stops it");
        out.flush();
        server.waitClosed().join(); // Ctrl-C closes it from the hook; SHUTDOWN from a client closes it too
        try {
            Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running
        }
        out.println("aioj-server: stopped");
        return 0;
    }
}

package dev.aioj.server;

/**
 * Runs a server in the foreground for trying it by hand and for benchmarks:
 * {@code java -cp ... dev.aioj.server.ManualServer [port]}. Not a test; the
 * CLI's {@code aioj server} is the supported way to run one.
 */
final class ManualServer {

    private ManualServer() {}

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 6379;
        RedisServer server = RedisServer.start(ServerConfig.builder().port(port).build());
        System.out.println("aioj-server listening on " + server.address());
        server.waitClosed().join();
    }
}

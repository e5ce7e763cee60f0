package dev.aioj.bench.server;

import dev.aioj.server.RedisServer;
import dev.aioj.server.ServerConfig;

/**
 * aioj-server in a JVM of its own for the server benchmark, so that its heap
 * holds only the server (memory per key is then measurable) and it competes
 * for the CPU like redis-server does. Prints {@code READY <port>} once it
 * listens; runs until killed.
 */
public final class AiojServerMain {

    private AiojServerMain() {}

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        RedisServer server = RedisServer.start(ServerConfig.builder().port(port).build());
        System.out.println("READY " + server.port());
        System.out.flush();
        server.waitClosed().join();
    }
}

package dev.aioj.bench.echo;

/**
 * An echo server under test, listening on 127.0.0.1. Each implementation is
 * written the way its library's own echo example is, with the same flow
 * control: stop reading while the write buffer is above its high-water mark.
 */
interface EchoServer extends AutoCloseable {

    /** The port it listens on. */
    int port();

    /** The name used in result tables. */
    String name();

    @Override
    void close();

    /** Starts the server called {@code kind}: {@code aioj} or {@code netty}. */
    static EchoServer start(String kind) {
        return switch (kind) {
            case "aioj" -> AiojEchoServer.start();
            case "netty" -> NettyEchoServer.start();
            default -> throw new IllegalArgumentException("unknown server: " + kind + " (aioj or netty)");
        };
    }
}

package dev.aioj.examples;

import dev.aioj.examples.seed000.EchoClient;
import dev.aioj.examples.seed000.RedisClientExample;
import dev.aioj.examples.seed001.ChunkedFileReader;
import dev.aioj.examples.seed001.CustomSelectorEchoServer;
import dev.aioj.examples.seed001.ProtocolEchoServer;
import dev.aioj.examples.seed001.SelectorEchoServer;
import dev.aioj.examples.seed001.TcpProxy;
import dev.aioj.examples.seed001.ThreadPerConnectionEchoServer;
import dev.aioj.examples.seed002.AmqpReceive;
import dev.aioj.examples.seed002.AmqpSend;
import dev.aioj.examples.seed002.CacheAside;
import dev.aioj.examples.seed002.MultiSocketClient;
import dev.aioj.examples.seed002.SelectUpperServer;
import dev.aioj.examples.seed003.FibClient;
import dev.aioj.examples.seed003.FibLimits;
import dev.aioj.examples.seed003.LoopFibServer;
import dev.aioj.examples.seed003.LoopTcpEcho;
import dev.aioj.examples.seed003.LoopUdpServers;
import dev.aioj.examples.seed003.ReactorFibServer;
import dev.aioj.examples.seed003.ReactorTcpEcho;
import dev.aioj.examples.seed003.ReactorUdpServers;
import dev.aioj.examples.seed003.UdpClient;
import dev.aioj.examples.seed004.StreamsEchoClient;
import dev.aioj.examples.seed004.StreamsEchoServer;
import dev.aioj.examples.support.Args;
import dev.aioj.examples.support.Running;
import dev.aioj.examples.support.Serve;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The registry of example programs, in seed order: what {@code ./aioj
 * example} lists and runs, and what the CLI's {@code aioj example} wraps. A
 * plain list, so a caller can print, filter or run it as it likes.
 *
 * <p>Thread contract: immutable.
 */
public final class Examples {

    private Examples() {}

    /** Starts a server example; gives back what to stop. */
    @FunctionalInterface
    private interface Starter {
        Running start(Args args, PrintStream out) throws Exception;
    }

    /** A server program: start it, then serve until Ctrl-C. */
    private static Example.Program server(Starter starter, String... options) {
        return (args, out) -> {
            Running running = starter.start(Args.parse(args, options), out);
            Serve.untilInterrupted(running, out);
        };
    }

    /** The Fibonacci servers' bounds on their work: {@code --max-pending}, {@code --max-seconds}. */
    private static FibLimits fibLimits(Args a) {
        return new FibLimits(a.integer("max-pending", FibLimits.DEFAULT.maxPending()),
                a.integer("max-seconds", FibLimits.DEFAULT.maxSeconds()));
    }

    private static final List<Example> ALL = List.of(
            new Example("echo-client", 0,
                    "asyncio's tcp_echo_client: open_connection, send the message, print the echo, close",
                    "[--port 8888] [--message \"Hello World!\"]",
                    (args, out) -> {
                        Args a = Args.parse(args, "port", "message");
                        EchoClient.run(a.port("port", EchoClient.DEFAULT_PORT),
                                a.string("message", EchoClient.DEFAULT_MESSAGE), out);
                    }),
            new Example("redis-client", 0,
                    "the seed's aioredis walk-through: create_connection, execute, pipelining, ReplyError, MULTI/EXEC",
                    "[--address 127.0.0.1:6379 | /path/to/redis.sock]",
                    (args, out) -> RedisClientExample.run(
                            Args.parse(args, "address").string("address", RedisClientExample.DEFAULT_ADDRESS), out)),
            new Example("thread-echo", 1,
                    "blocking echo server, one platform thread per connection (the anti-pattern, for contrast)",
                    "[--port 9001]",
                    server((a, out) -> ThreadPerConnectionEchoServer.start(
                            a.port("port", ThreadPerConnectionEchoServer.DEFAULT_PORT), out), "port")),
            new Example("selector-echo", 1,
                    "echo server on a raw java.nio Selector: one thread, every connection",
                    "[--port 9002]",
                    server((a, out) -> SelectorEchoServer.start(a.port("port", SelectorEchoServer.DEFAULT_PORT), out),
                            "port")),
            new Example("protocol-echo", 1,
                    "echo server as a Protocol on aioj's EventLoop (asyncio's EchoProtocol)",
                    "[--port 9003]",
                    server((a, out) -> ProtocolEchoServer.start(a.port("port", ProtocolEchoServer.DEFAULT_PORT), out),
                            "port")),
            new Example("proxy", 1,
                    "TCP proxy: connectionMade opens upstream, relays both ways with flow control",
                    "[--port 9004] [--upstream 127.0.0.1:9003]",
                    server((a, out) -> TcpProxy.start(a.port("port", TcpProxy.DEFAULT_PORT),
                            a.string("upstream", TcpProxy.DEFAULT_UPSTREAM), out), "port", "upstream")),
            new Example("custom-selector", 1,
                    "echo server on a loop built with a custom SelectorProvider that counts and logs",
                    "[--port 9005]",
                    server((a, out) -> CustomSelectorEchoServer.start(
                            a.port("port", CustomSelectorEchoServer.DEFAULT_PORT), out), "port")),
            new Example("file-reader", 1,
                    "reads a file in chunks with AsyncFile (the seed's AsyncFileWrapper), with progress",
                    "[--file PATH (default: a new 8 MiB file)] [--size-mib 8] [--chunk 65536]",
                    (args, out) -> {
                        Args a = Args.parse(args, "file", "size-mib", "chunk");
                        String file = a.string("file", null);
                        Path path = file != null ? Path.of(file) : ChunkedFileReader.sampleFile(a.integer("size-mib", 8));
                        ChunkedFileReader.read(path, a.integer("chunk", 64 * 1024), out);
                    }),
            new Example("select-server", 2,
                    "select server with a message queue per connection, answers upper-cased",
                    "[--port 10000]",
                    server((a, out) -> SelectUpperServer.start(a.port("port", SelectUpperServer.DEFAULT_PORT), out),
                            "port")),
            new Example("select-client", 2,
                    "talks to select-server over several sockets at once",
                    "[--port 10000] [--sockets 2]",
                    (args, out) -> {
                        Args a = Args.parse(args, "port", "sockets");
                        MultiSocketClient.run(a.port("port", SelectUpperServer.DEFAULT_PORT), a.integer("sockets", 2),
                                out);
                    }),
            new Example("cache-aside", 2,
                    "the same slow lookup cached through Redis and Memcached, then a stampede of 100 callers",
                    "[--redis redis://127.0.0.1:6379] [--memcached 127.0.0.1:11211,...] [--lookup-ms 100]",
                    (args, out) -> {
                        Args a = Args.parse(args, "redis", "memcached", "lookup-ms");
                        CacheAside.run(a.string("redis", CacheAside.DEFAULT_REDIS),
                                a.string("memcached", CacheAside.DEFAULT_MEMCACHED),
                                java.time.Duration.ofMillis(a.integer("lookup-ms", 100)), out);
                    }),
            new Example("amqp-send", 2,
                    "RabbitMQ hello world: declares the queue hello, publishes 'Hello World!' (aioj-amqp)",
                    "[--uri amqp://127.0.0.1:5672]",
                    (args, out) -> AmqpSend.run(Args.parse(args, "uri").string("uri", AmqpSend.DEFAULT_URI), out)),
            new Example("amqp-receive", 2,
                    "RabbitMQ hello world: consumes the queue hello and prints each message until Ctrl-C",
                    "[--uri amqp://127.0.0.1:5672] [--count N]",
                    (args, out) -> {
                        Args a = Args.parse(args, "uri", "count");
                        AmqpReceive.run(a.string("uri", AmqpSend.DEFAULT_URI), a.integer("count", 0), out);
                    }),
            new Example("reactor-udp", 3,
                    "the seed's hand-written reactor: UDPTimeServer and UDPEchoServer",
                    "[--time-port 14000] [--echo-port 15000]",
                    server((a, out) -> ReactorUdpServers.start(a.port("time-port", ReactorUdpServers.DEFAULT_TIME_PORT),
                            a.port("echo-port", ReactorUdpServers.DEFAULT_ECHO_PORT), out), "time-port", "echo-port")),
            new Example("reactor-tcp-echo", 3,
                    "the seed's hand-written reactor: TCPServer with TCPEchoClient handlers",
                    "[--port 16000]",
                    server((a, out) -> ReactorTcpEcho.start(a.port("port", ReactorTcpEcho.DEFAULT_PORT), out), "port")),
            new Example("reactor-fib", 3,
                    "the seed's hand-written reactor: UDPFibServer with a ThreadPoolHandler",
                    "[--port 16000] [--workers 16] [--max-pending 1024] [--max-seconds 60]",
                    server((a, out) -> ReactorFibServer.start(a.port("port", ReactorFibServer.DEFAULT_PORT),
                            a.integer("workers", ReactorFibServer.DEFAULT_WORKERS), fibLimits(a), out),
                            "port", "workers", "max-pending", "max-seconds")),
            new Example("loop-udp", 3,
                    "reactor-udp on aioj's EventLoop, as DatagramProtocols",
                    "[--time-port 14000] [--echo-port 15000]",
                    server((a, out) -> LoopUdpServers.start(a.port("time-port", ReactorUdpServers.DEFAULT_TIME_PORT),
                            a.port("echo-port", ReactorUdpServers.DEFAULT_ECHO_PORT), out), "time-port", "echo-port")),
            new Example("loop-tcp-echo", 3,
                    "reactor-tcp-echo on aioj's EventLoop, as a Protocol",
                    "[--port 16000]",
                    server((a, out) -> LoopTcpEcho.start(a.port("port", ReactorTcpEcho.DEFAULT_PORT), out), "port")),
            new Example("loop-fib", 3,
                    "reactor-fib on aioj's EventLoop: runBlocking replaces the ThreadPoolHandler",
                    "[--port 16000] [--max-pending 1024] [--max-seconds 60]",
                    server((a, out) -> LoopFibServer.start(a.port("port", ReactorFibServer.DEFAULT_PORT), fibLimits(a),
                            out), "port", "max-pending", "max-seconds")),
            new Example("udp-client", 3,
                    "the seed's session with the UDP servers: b'' to the time server, b'Hello' to the echo server",
                    "[--time-port 14000] [--echo-port 15000]",
                    (args, out) -> {
                        Args a = Args.parse(args, "time-port", "echo-port");
                        UdpClient.run(a.port("time-port", ReactorUdpServers.DEFAULT_TIME_PORT),
                                a.port("echo-port", ReactorUdpServers.DEFAULT_ECHO_PORT), out);
                    }),
            new Example("fib-client", 3,
                    "the seed's Fibonacci client: for x in range(count), send x, print the answer",
                    "[--port 16000] [--count 12]",
                    (args, out) -> {
                        Args a = Args.parse(args, "port", "count");
                        FibClient.run(a.port("port", ReactorFibServer.DEFAULT_PORT),
                                a.integer("count", FibClient.DEFAULT_COUNT), out);
                    }),
            new Example("streams-server", 4,
                    "Streams echo server, a virtual thread per connection, logging like the seed",
                    "[--port 10000]",
                    server((a, out) -> StreamsEchoServer.start(a.port("port", StreamsEchoServer.DEFAULT_PORT), out),
                            "port")),
            new Example("streams-client", 4,
                    "Streams echo client: sends in parts, write_eof, reads the echo, logging like the seed",
                    "[--port 10000]",
                    (args, out) -> StreamsEchoClient.run(
                            Args.parse(args, "port").port("port", StreamsEchoServer.DEFAULT_PORT), out)));

    /** Every example, in seed order. */
    public static List<Example> all() {
        return ALL;
    }

    /** The example called {@code name}. */
    public static Optional<Example> find(String name) {
        return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}

package dev.aioj.bench.server;

import dev.aioj.bench.redis.RedisServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One server under test: redis-server, or aioj-server in its own JVM. Knows
 * its port and how to make the memory it reports comparable (a full GC in the
 * JVM before reading INFO, since aioj reports its heap).
 */
abstract class ServerProcess implements AutoCloseable {

    abstract String name();

    abstract int port();

    /** Makes INFO's used_memory reflect live data: a full GC for a JVM, nothing for redis-server. */
    abstract void settleMemory() throws IOException, InterruptedException;

    @Override
    public abstract void close();

    static ServerProcess redis() {
        RedisServer server = RedisServer.start();
        return new ServerProcess() {
            @Override
            String name() {
                return "redis-server " + server.version();
            }

            @Override
            int port() {
                return server.port();
            }

            @Override
            void settleMemory() {}

            @Override
            public void close() {
                server.close();
            }
        };
    }

    /** aioj-server in a child JVM on this benchmark's class path, with the same JDK. */
    static ServerProcess aioj() throws IOException {
        Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(javaBinary.toString(), "-Xms1g", "-Xmx4g", "-XX:+UseParallelGC",
                "-cp", System.getProperty("java.class.path"), AiojServerMain.class.getName()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String ready = out.readLine();
        if (ready == null || !ready.startsWith("READY ")) {
            process.destroyForcibly();
            throw new IllegalStateException("aioj-server did not start: " + ready);
        }
        int port = Integer.parseInt(ready.substring(6).trim());
        return new ServerProcess() {
            @Override
            String name() {
                return "aioj-server (JDK " + Runtime.version().feature() + ", ParallelGC)";
            }

            @Override
            int port() {
                return port;
            }

            @Override
            void settleMemory() throws IOException, InterruptedException {
                Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
                Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run")
                        .redirectErrorStream(true).start();
                gc.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                if (!gc.waitFor(60, TimeUnit.SECONDS)) {
                    gc.destroyForcibly();
                    throw new IOException("jcmd GC.run did not finish");
                }
            }

            @Override
            public void close() {
                process.destroy();
                try {
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        };
    }
}

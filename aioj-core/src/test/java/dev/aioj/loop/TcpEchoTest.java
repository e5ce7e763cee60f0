package dev.aioj.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.net.Connection;
import dev.aioj.net.Protocol;
import dev.aioj.net.Server;
import dev.aioj.net.Transport;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many connections echoing much data: the read path, the write path and flow control together. */
class TcpEchoTest {

    /** Echoes everything, pausing reads while its own writes are backed up. */
    static final class EchoProtocol implements Protocol {
        private Transport transport;

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            transport.write(data);
        }

        @Override
        public void pauseWriting() {
            transport.pauseReading();
        }

        @Override
        public void resumeWriting() {
            transport.resumeReading();
        }
    }

    /** Sends a payload, checksums what comes back, and closes when it has it all. */
    static final class ChecksumClient implements Protocol {
        final byte[] payload;
        final CRC32 crc = new CRC32();
        final CompletableFuture<Long> echoed = new CompletableFuture<>();
        final CompletableFuture<Throwable> lost = new CompletableFuture<>();
        long received;
        Transport transport;

        ChecksumClient(byte[] payload) {
            this.payload = payload;
        }

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
            transport.write(payload);
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            received += data.remaining();
            crc.update(data);
            if (received == payload.length) {
                echoed.complete(crc.getValue());
                transport.close();
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            lost.complete(cause);
            echoed.completeExceptionally(new AssertionError("lost after " + received + " bytes", cause));
        }
    }

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
    }

    @Test
    void oneHundredConnectionsEachEchoOneMebibyte() throws Exception {
        EventLoop serverLoop = EventLoop.create();
        LoopGroup clients = LoopGroup.create(2);
        resources.add(serverLoop);
        resources.add(clients);
        Server server = serverLoop.createServer(EchoProtocol::new, "127.0.0.1", 0).get(10, TimeUnit.SECONDS);

        Random random = new Random(42);
        List<ChecksumClient> protocols = new ArrayList<>();
        List<CompletableFuture<Connection<ChecksumClient>>> connecting = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            byte[] payload = new byte[1024 * 1024];
            random.nextBytes(payload);
            ChecksumClient client = new ChecksumClient(payload);
            protocols.add(client);
            connecting.add(clients.createConnection(() -> client, "127.0.0.1", server.port()));
        }
        CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        for (ChecksumClient client : protocols) {
            CRC32 expected = new CRC32();
            expected.update(client.payload);
            assertThat(client.echoed.get(60, TimeUnit.SECONDS)).isEqualTo(expected.getValue());
            assertThat(client.lost.get(10, TimeUnit.SECONDS)).isNull();
        }
        server.close();
        server.waitClosed().get(10, TimeUnit.SECONDS);
        assertThat(server.connectionCount()).isZero();
        assertThat(server.isServing()).isFalse();
    }

    @Test
    void aLoopGroupServerSpreadsConnectionsOverItsLoops() throws Exception {
        LoopGroup group = LoopGroup.create(3);
        EventLoop clientLoop = EventLoop.create();
        resources.add(group);
        resources.add(clientLoop);
        List<Thread> serverThreads = java.util.Collections.synchronizedList(new ArrayList<>());
        Server server = group.createServer(() -> new RecordingProtocol() {
            @Override
            void onMade(Transport transport) {
                serverThreads.add(Thread.currentThread());
                transport.write(new byte[] {1});
            }
        }, "127.0.0.1", 0).get(10, TimeUnit.SECONDS);
        List<RecordingProtocol> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            RecordingProtocol client = new RecordingProtocol() {
                @Override
                void onData(byte[] bytes) {
                    transport.close();
                }
            };
            clients.add(client);
            clientLoop.createConnection(() -> client, "127.0.0.1", server.port()).get(10, TimeUnit.SECONDS);
        }
        for (RecordingProtocol client : clients) {
            assertThat(client.awaitLost()).isNull();
        }
        assertThat(serverThreads).hasSize(6);
        assertThat(serverThreads.stream().distinct().count()).isEqualTo(3);
        assertThat(serverThreads).allMatch(t -> t instanceof LoopThread lt && group.loops().contains(lt.loop));
    }
}

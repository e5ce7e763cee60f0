package dev.aioj.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.loop.EventLoop;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against {@link ScriptedBroker}: heartbeats go out after heartbeat/2 of
 * idle; a silent broker is declared dead after 2 x heartbeat; a bad end
 * byte or a frame above frame_max closes the connection with a typed error
 * naming the offset and the value, every pending future failing once.
 */
class MisbehavingBrokerTest {

    static EventLoop loop;

    @BeforeAll
    static void start() {
        loop = EventLoop.create();
    }

    @AfterAll
    static void stop() {
        loop.close();
    }

    @Test
    void heartbeatsGoOutWhenIdleAndASilentBrokerIsDeclaredDead() throws Exception {
        try (ScriptedBroker broker = new ScriptedBroker()) {
            CompletableFuture<AmqpConnection> connecting = AmqpConnection.connect(loop, broker.uri() + "?heartbeat=1");
            broker.handshake(1, 131072);
            AmqpConnection connection = connecting.get(10, TimeUnit.SECONDS);
            assertThat(connection.heartbeat()).isEqualTo(1);
            long start = System.nanoTime();
            ScriptedBroker.Frame f = broker.read();
            assertThat(f.type()).as("a heartbeat frame").isEqualTo(8);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3_000);
            CompletableFuture<AmqpChannel> pending = connection.openChannel();
            connection.closeFuture().get(10, TimeUnit.SECONDS); // silence: dead after 2 s
            assertThat(pending.handle((c, e) -> e).get(1, TimeUnit.SECONDS))
                    .isInstanceOfSatisfying(AmqpConnectionException.class,
                            e -> assertThat(e.getMessage()).contains("2 x heartbeat"));
        }
    }

    @Test
    void aBadEndByteClosesTheConnectionNamingTheOffset() throws Exception {
        try (ScriptedBroker broker = new ScriptedBroker()) {
            CompletableFuture<AmqpConnection> connecting = AmqpConnection.connect(loop, broker.uri() + "?heartbeat=0");
            broker.handshake(0, 131072);
            AmqpConnection connection = connecting.get(10, TimeUnit.SECONDS);
            CompletableFuture<AmqpChannel> pending = connection.openChannel();
            broker.expect(20, 10);
            FrameEncoder f = new FrameEncoder(32);
            f.startMethod(1, 20, 11).longString(new byte[0]).endFrame();
            byte[] bytes = f.toByteArray();
            bytes[bytes.length - 1] = 0x41;
            broker.write(bytes);
            Throwable e = pending.handle((c, x) -> x).get(10, TimeUnit.SECONDS);
            assertThat(e).isInstanceOf(AmqpConnectionException.class);
            assertThat(((AmqpConnectionException) e).replyCode()).isEqualTo(501);
            assertThat(e.getCause()).isInstanceOfSatisfying(AmqpProtocolException.class, p -> {
                assertThat(p.value()).isEqualTo(0x41);
                assertThat(p.getMessage()).contains("end byte");
            });
            ScriptedBroker.Frame close = broker.expect(10, 50);
            assertThat(ByteBuffer.wrap(close.payload(), 4, 2).getShort()).isEqualTo((short) 501);
            connection.closeFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFrameAboveFrameMaxIsRefusedBeforeItsPayload() throws Exception {
        try (ScriptedBroker broker = new ScriptedBroker()) {
            CompletableFuture<AmqpConnection> connecting = AmqpConnection.connect(loop,
                    broker.uri() + "?heartbeat=0&frame_max=4096");
            broker.handshake(0, 131072);
            AmqpConnection connection = connecting.get(10, TimeUnit.SECONDS);
            assertThat(connection.frameMax()).isEqualTo(4096);
            broker.write(new byte[] {3, 0, 1, 0x10, 0, 0, 0}); // a body frame of 256 MiB
            connection.closeFuture().get(10, TimeUnit.SECONDS);
            ScriptedBroker.Frame close = broker.expect(10, 50);
            String text = new String(close.payload(), 7, close.payload()[6] & 0xFF);
            assertThat(text).contains("frame_max 4096").contains("268435456").contains("offset");
        }
    }
}

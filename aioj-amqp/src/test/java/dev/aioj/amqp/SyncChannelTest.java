package dev.aioj.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.amqp.testing.RabbitMqExtension;
import dev.aioj.loop.EventLoop;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The blocking view: one async twin per method, same results and errors, refused on the loop thread. */
class SyncChannelTest {

    @RegisterExtension
    static final RabbitMqExtension rabbit = new RabbitMqExtension();

    @Test
    void everySyncMethodHasAnAsyncTwinReturningAFutureOfItsType() throws Exception {
        for (Method sync : AmqpSyncChannel.class.getMethods()) {
            Method async = SyncView.twin(sync);
            assertThat(async.getReturnType()).as(sync.toString()).isEqualTo(CompletableFuture.class);
            assertThat(((ParameterizedType) async.getGenericReturnType()).getActualTypeArguments()[0])
                    .as(sync.toString()).isEqualTo(sync.getReturnType());
        }
    }

    @Test
    void blocksOnOtherThreadsThrowsTheBrokersErrorAndRefusesTheLoop() throws Exception {
        try (EventLoop loop = EventLoop.create()) {
            AmqpConnection c = AmqpConnection.connect(loop, rabbit.uri()).join();
            AmqpSyncChannel ch = c.openChannel().join().sync();
            ch.confirmSelect();
            String q = ch.queueDeclare("", false, true, true, Map.of()).queue();
            ch.basicPublish("", q, "one");
            assertThat(ch.queuePurge(q)).isEqualTo(1);
            assertThat(loop.submit(() -> {
                try {
                    ch.queuePurge(q);
                    return null;
                } catch (IllegalStateException e) {
                    return e;
                }
            }).join()).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> ch.basicPublish("no-such-exchange", "k", "x"))
                    .isInstanceOfSatisfying(AmqpChannelClosedException.class,
                            e -> assertThat(e.replyCode()).isEqualTo(404));
            c.closeAsync().join();
        }
    }
}

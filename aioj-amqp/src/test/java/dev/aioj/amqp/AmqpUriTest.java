package dev.aioj.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** amqp:// and amqps:// URIs as RabbitMQ documents them. */
class AmqpUriTest {

    @Test
    void defaultsAreRabbitMqs() {
        AmqpUri u = AmqpUri.parse("amqp://");
        assertThat(u).isEqualTo(new AmqpUri(false, "localhost", 5672, "guest", "guest", "/", 60, 131072, 2047,
                Duration.ofSeconds(10)));
        assertThat(AmqpUri.parse("amqps://h").port()).isEqualTo(5671);
        assertThat(AmqpUri.parse("amqps://h").tls()).isTrue();
    }

    @Test
    void userPasswordHostPortVhostAndQuery() {
        AmqpUri u = AmqpUri.parse("amqp://us%40er:p%3Ass@10.0.0.1:5673/my%2Fvhost?heartbeat=10&frame_max=8192"
                + "&channel_max=16&connection_timeout=2500");
        assertThat(u.user()).isEqualTo("us@er");
        assertThat(u.password()).isEqualTo("p:ss");
        assertThat(u.host()).isEqualTo("10.0.0.1");
        assertThat(u.port()).isEqualTo(5673);
        assertThat(u.vhost()).isEqualTo("my/vhost");
        assertThat(u.heartbeatSeconds()).isEqualTo(10);
        assertThat(u.frameMax()).isEqualTo(8192);
        assertThat(u.channelMax()).isEqualTo(16);
        assertThat(u.connectTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(AmqpUri.parse("amqp://h/%2f").vhost()).isEqualTo("/");
        assertThat(AmqpUri.parse("amqp://h").vhost()).isEqualTo("/");
        assertThat(AmqpUri.parse("amqp://h/").vhost()).isEmpty(); // RabbitMQ's URI spec
        assertThat(u.toString()).doesNotContain("p:ss").doesNotContain("p%3Ass");
    }

    @Test
    void badUrisAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> AmqpUri.parse("http://h")).hasMessageContaining("http://h");
        assertThatThrownBy(() -> AmqpUri.parse("amqp://h?heartbeat=x")).hasMessageContaining("heartbeat not a number: x");
        assertThatThrownBy(() -> AmqpUri.parse("amqp://h?heartbeat=70000")).hasMessageContaining("70000");
        assertThatThrownBy(() -> AmqpUri.parse("amqp://h?nope=1")).hasMessageContaining("nope");
    }
}

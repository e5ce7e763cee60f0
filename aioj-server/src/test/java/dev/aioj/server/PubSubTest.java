package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Publish/subscribe between clients: fan-out, patterns, RESP3 push, cleanup. */
class PubSubTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    @Test
    void aMessageReachesAHundredSubscribers() throws Exception {
        List<RespConnection> subscribers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            RespConnection s = server.connect();
            assertThat(s.call("SUBSCRIBE", "news")).isEqualTo("*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n");
            subscribers.add(s);
        }
        RespConnection publisher = server.connect();
        assertThat(publisher.call("PUBLISH", "news", "hello")).isEqualTo(":100\r\n");
        assertThat(publisher.call("PUBLISH", "news", "again")).isEqualTo(":100\r\n");
        for (RespConnection s : subscribers) {
            assertThat(s.readReply()).isEqualTo("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$5\r\nhello\r\n");
            assertThat(s.readReply()).isEqualTo("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$5\r\nagain\r\n");
        }
        assertThat(publisher.call("PUBSUB", "NUMSUB", "news")).isEqualTo("*2\r\n$4\r\nnews\r\n:100\r\n");
    }

    @Test
    void patternSubscribersGetPmessagesAndEachMatchCounts() throws Exception {
        RespConnection s = server.connect();
        s.send("PSUBSCRIBE", "news.*", "*");
        s.readReply();
        s.readReply();
        s.call("SUBSCRIBE", "news.tech");
        RespConnection p = server.connect();
        assertThat(p.call("PUBLISH", "news.tech", "x")).isEqualTo(":3\r\n");
        assertThat(s.readReply()).isEqualTo("*3\r\n$7\r\nmessage\r\n$9\r\nnews.tech\r\n$1\r\nx\r\n");
        assertThat(s.readReply())
                .isEqualTo("*4\r\n$8\r\npmessage\r\n$6\r\nnews.*\r\n$9\r\nnews.tech\r\n$1\r\nx\r\n");
        assertThat(s.readReply()).isEqualTo("*4\r\n$8\r\npmessage\r\n$1\r\n*\r\n$9\r\nnews.tech\r\n$1\r\nx\r\n");
        assertThat(p.call("PUBLISH", "sports", "y")).isEqualTo(":1\r\n");
        assertThat(p.call("PUBSUB", "NUMPAT")).isEqualTo(":2\r\n");
    }

    @Test
    void resp3SubscribersReceivePushFramesAndKeepWorking() throws Exception {
        RespConnection s = server.connect();
        s.call("HELLO", "3");
        assertThat(s.call("SUBSCRIBE", "ch")).isEqualTo(">3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n");
        RespConnection p = server.connect();
        p.call("PUBLISH", "ch", "m1");
        assertThat(s.readReply()).isEqualTo(">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nm1\r\n");
        assertThat(s.call("SET", "k", "v")).as("RESP3 allows commands while subscribed").isEqualTo("+OK\r\n");
        RespConnection resp2 = server.connect();
        resp2.call("SUBSCRIBE", "ch");
        p.call("PUBLISH", "ch", "m2");
        assertThat(s.readReply()).startsWith(">3\r\n");
        assertThat(resp2.readReply()).startsWith("*3\r\n");
    }

    @Test
    void aDisconnectedSubscriberIsForgotten() throws Exception {
        RespConnection s = server.connect();
        s.call("SUBSCRIBE", "ch");
        s.close();
        RespConnection p = server.connect();
        long deadline = System.nanoTime() + 5_000_000_000L;
        String receivers;
        do {
            receivers = p.call("PUBLISH", "ch", "x");
        } while (!receivers.equals(":0\r\n") && System.nanoTime() < deadline);
        assertThat(receivers).isEqualTo(":0\r\n");
        assertThat(p.call("PUBSUB", "CHANNELS")).isEqualTo("*0\r\n");
    }
}

package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.resp.RespFrames;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A RESP3 attribute ({@code |}) may precede any frame, a push included. The
 * attribute is metadata: a command gets the same result with it as without,
 * and a push stays out of band (a subscriber's message), never taken as the
 * reply of the command waiting at the head of the FIFO. Each case arrives
 * whole and one byte at a time, against a scripted server that sends exactly
 * these bytes.
 */
class AttributedRepliesTest {

    private static final Map<String, String> FRAMES = RespFrames.everyType();
    private static final List<String> NAMES = List.copyOf(FRAMES.keySet());
    private static final String PUSH = FRAMES.get("push");

    private static ScriptedServer server;
    private static RedisConnection connection;
    private static final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

    /**
     * {@code PLAIN|ATTR WHOLE|BYTES i}: answers with frame {@code i}, with or
     * without an attribute in front; a push (out of band) is followed by
     * {@code +OK}, the command's real reply.
     */
    @BeforeAll
    static void start() throws Exception {
        server = new ScriptedServer((args, transport, self) -> {
            switch (args.get(0)) {
                case "SUBSCRIBE" -> ScriptedServer.send(transport, ">3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n");
                case "PLAIN", "ATTR" -> {
                    String frame = FRAMES.get(NAMES.get(Integer.parseInt(args.get(2))));
                    String reply = (args.get(0).equals("ATTR") ? RespFrames.ATTRIBUTE : "") + frame
                            + (frame.equals(PUSH) ? "+OK\r\n" : "");
                    if (args.get(1).equals("BYTES")) {
                        self.dribble(transport, reply);
                    } else {
                        ScriptedServer.send(transport, reply);
                    }
                }
                default -> {
                    return false;
                }
            }
            return true;
        });
        connection = RedisConnection.connect(server.uri()).get(10, TimeUnit.SECONDS);
        connection.subscribe((channel, message) -> messages.add(channel + ":" + message), "ch")
                .get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        if (connection != null) {
            connection.abort();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The value, or the failure's type and message: what a caller can observe. */
    private static Object outcome(CompletableFuture<Object> future) {
        try {
            Object value = future.get(10, TimeUnit.SECONDS);
            return value == null ? "(null)" : value;
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException ce ? ce.getCause() : e.getCause();
            return cause.getClass().getSimpleName() + ": " + cause.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Object run(String how, String arrival, int frame) {
        return outcome(connection.command(Reply.OBJECT, how, arrival, frame));
    }

    @TestFactory
    List<DynamicTest> anAttributeBeforeAnyFrameLeavesTheCommandsResultAsItIs() {
        return java.util.stream.IntStream.range(0, NAMES.size()).boxed()
                .flatMap(i -> java.util.stream.Stream.of("WHOLE", "BYTES").map(arrival ->
                        DynamicTest.dynamicTest(NAMES.get(i) + ", " + arrival.toLowerCase(java.util.Locale.ROOT), () -> {
                            Object plain = run("PLAIN", arrival, i);
                            Object attributed = run("ATTR", arrival, i);
                            assertThat(attributed).isEqualTo(plain);
                        })))
                .toList();
    }

    @Test
    void anAttributedPushIsAMessageNotTheReplyOfTheWaitingCommand() throws Exception {
        int push = NAMES.indexOf("push");
        for (String arrival : List.of("WHOLE", "BYTES")) {
            messages.clear();
            assertThat(run("ATTR", arrival, push)).isEqualTo("OK");
            assertThat(messages.poll(10, TimeUnit.SECONDS)).isEqualTo("ch:hello");
            assertThat(run("PLAIN", arrival, NAMES.indexOf("integer"))).isEqualTo(42L); // nothing shifted
        }
        assertThat(connection.pendingCommands()).isZero();
    }
}

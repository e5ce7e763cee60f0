package dev.aioj.redis.resp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.resp.RespValue.Array;
import dev.aioj.redis.resp.RespValue.Attributed;
import dev.aioj.redis.resp.RespValue.BigNumber;
import dev.aioj.redis.resp.RespValue.Bool;
import dev.aioj.redis.resp.RespValue.Bulk;
import dev.aioj.redis.resp.RespValue.DoubleReply;
import dev.aioj.redis.resp.RespValue.ErrorReply;
import dev.aioj.redis.resp.RespValue.Int;
import dev.aioj.redis.resp.RespValue.MapReply;
import dev.aioj.redis.resp.RespValue.Null;
import dev.aioj.redis.resp.RespValue.Push;
import dev.aioj.redis.resp.RespValue.SetReply;
import dev.aioj.redis.resp.RespValue.Simple;
import dev.aioj.redis.resp.RespValue.Verbatim;
import dev.aioj.redis.testing.RedisServerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The codec against a real redis-server, over a plain {@link Socket}: commands
 * from {@link RespEncoder}, replies through {@link RespParser} fed in small
 * reads, so real replies are split at arbitrary points too.
 */
class RealRedisRoundTripTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().enableDebugCommand().build();

    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private final RespParser parser = new RespParser();
    private final RespOutput output = new RespOutput();
    /** Small reads on purpose: replies arrive in pieces. */
    private final byte[] read = new byte[1000];

    @BeforeEach
    void connect() throws IOException {
        redis.flushAll();
        socket = redis.socket();
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    @AfterEach
    void disconnect() throws IOException {
        socket.close();
    }

    private void send(Object... args) throws IOException {
        output.clear();
        RespEncoder.encodeCommand(output, args);
        out.write(output.array(), 0, output.size());
    }

    private RespValue reply() throws IOException {
        for (RespValue value; ; ) {
            if ((value = parser.next()) != null) return value;
            int n = in.read(read);
            assertThat(n).as("server closed the connection").isPositive();
            parser.feed(ByteBuffer.wrap(read, 0, n));
        }
    }

    private RespValue call(Object... args) throws IOException {
        send(args);
        return reply();
    }

    @Test
    void setAndGetBinaryValuesOfEveryArgumentType() throws IOException {
        byte[] binary = new byte[70_000];
        new Random(1).nextBytes(binary);
        assertThat(call("SET", "bin", binary)).isSameAs(Simple.OK);
        assertThat(call("GET", "bin")).isEqualTo(new Bulk(binary));
        assertThat(call("SET", "text", "h\u00e9llo \u4e16\u754c \ud83d\ude00")).isSameAs(Simple.OK);
        assertThat(call("GET", "text")).isEqualTo(Bulk.of("h\u00e9llo \u4e16\u754c \ud83d\ude00"));
        assertThat(call("SET", ByteBuffer.wrap("xkeyx".getBytes(), 1, 3), 42)).isSameAs(Simple.OK);
        assertThat(call("INCRBY", "key", 8L)).isEqualTo(new Int(50));
        assertThat(call("GET", "missing")).isSameAs(Null.INSTANCE);
        assertThat(call("INCRBYFLOAT", "key", 0.5)).isEqualTo(Bulk.of("50.5"));
        assertThat(call("INCRBYFLOAT", "key", 1.5f)).isEqualTo(Bulk.of("52"));
    }

    @Test
    void redisReadsDoublesTheWayTheEncoderWritesThem() throws IOException {
        assertThat(call("ZADD", "z", 1.5, "a", 3.0, "b", 1e20, "c", Double.NEGATIVE_INFINITY, "d",
                Double.POSITIVE_INFINITY, "e", 1.25e-7, "f")).isEqualTo(new Int(6));
        // Redis 6 prints scores with %.17g, Redis 7 with the shortest form: compare values, not text.
        assertThat(score("a")).isEqualTo(1.5);
        assertThat(score("b")).isEqualTo(3.0);
        assertThat(score("c")).isEqualTo(1e20);
        assertThat(score("d")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(score("e")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(score("f")).isEqualTo(1.25e-7);
        assertThat(call("ZCOUNT", "z", Double.NEGATIVE_INFINITY, 2.0)).isEqualTo(new Int(3));
        ErrorReply nan = (ErrorReply) call("ZADD", "z", Double.NaN, "g");
        assertThat(nan.kind()).isEqualTo("ERR");
    }

    private double score(String member) throws IOException {
        String text = ((Bulk) call("ZSCORE", "z", member)).utf8();
        return Double.parseDouble(text.replace("inf", "Infinity"));
    }

    @Test
    void errorRepliesCarryTheirKindAndTheConnectionGoesOn() throws IOException {
        call("LPUSH", "list", "x");
        ErrorReply wrongType = (ErrorReply) call("GET", "list");
        assertThat(wrongType.kind()).isEqualTo("WRONGTYPE");
        assertThat(wrongType.message()).startsWith("WRONGTYPE Operation against a key holding the wrong kind of value");
        ErrorReply unknown = (ErrorReply) call("NO-SUCH-COMMAND", "arg");
        assertThat(unknown.kind()).isEqualTo("ERR");
        assertThat(unknown.message()).containsIgnoringCase("unknown command");
        assertThat(call("PING")).isSameAs(Simple.PONG);
    }

    @Test
    void aPipelineOfAThousandCommandsWrittenOnceAnswersInOrder() throws IOException {
        output.clear();
        int count = 1000;
        for (int i = 0; i < count; i++) {
            RespEncoder.encodeCommand(output, "INCR", "counter");
        }
        RespEncoder.encodeCommand(output, "GET", "counter");
        out.write(output.array(), 0, output.size());
        for (int i = 1; i <= count; i++) {
            assertThat(reply()).isEqualTo(new Int(i));
        }
        assertThat(reply()).isEqualTo(Bulk.of("1000"));
    }

    @Test
    void helloThreeSwitchesToResp3AndAnswersWithAMap() throws IOException {
        MapReply hello = (MapReply) call("HELLO", 3);
        assertThat(hello.get("server")).isEqualTo(Bulk.of("redis"));
        assertThat(hello.get("proto")).isEqualTo(new Int(3));
        assertThat(hello.get("version")).isEqualTo(Bulk.of(redis.version()));
        call("HSET", "h", "f1", "v1", "f2", "v2");
        MapReply hash = (MapReply) call("HGETALL", "h");
        assertThat(hash.get("f1")).isEqualTo(Bulk.of("v1"));
        assertThat(hash.entries()).hasSize(2);
        call("SADD", "s", "m1", "m2");
        assertThat(((SetReply) call("SMEMBERS", "s")).elements())
                .containsExactlyInAnyOrder(Bulk.of("m1"), Bulk.of("m2"));
        assertThat(call("GET", "missing")).isSameAs(Null.INSTANCE);
        call("ZADD", "z", 2.5, "m");
        assertThat(call("ZSCORE", "z", "m")).isEqualTo(new DoubleReply(2.5));
    }

    @Test
    void everyResp3TypeAsRedisItselfWritesIt() throws IOException {
        call("HELLO", 3);
        assertThat(call("DEBUG", "PROTOCOL", "string")).isEqualTo(Bulk.of("Hello World"));
        assertThat(call("DEBUG", "PROTOCOL", "integer")).isEqualTo(new Int(12345));
        // 3.141 in Redis 6, 3.14159265359 in Redis 7.
        assertThat(((DoubleReply) call("DEBUG", "PROTOCOL", "double")).value()).isBetween(3.141, 3.1416);
        assertThat(call("DEBUG", "PROTOCOL", "bignum"))
                .isEqualTo(new BigNumber(new BigInteger("1234567999999999999999999999999999999")));
        assertThat(call("DEBUG", "PROTOCOL", "null")).isSameAs(Null.INSTANCE);
        assertThat(call("DEBUG", "PROTOCOL", "array"))
                .isEqualTo(Array.of(new Int(0), new Int(1), new Int(2)));
        assertThat(((SetReply) call("DEBUG", "PROTOCOL", "set")).elements())
                .containsExactlyInAnyOrder(new Int(0), new Int(1), new Int(2));
        MapReply map = (MapReply) call("DEBUG", "PROTOCOL", "map");
        assertThat(map.entries()).containsEntry(new Int(0), Bool.FALSE).containsEntry(new Int(1), Bool.TRUE);
        assertThat(call("DEBUG", "PROTOCOL", "true")).isSameAs(Bool.TRUE);
        assertThat(call("DEBUG", "PROTOCOL", "false")).isSameAs(Bool.FALSE);
        assertThat(call("DEBUG", "PROTOCOL", "verbatim"))
                .isEqualTo(new Verbatim("txt", "This is a verbatim\nstring"));
        Attributed attributed = (Attributed) call("DEBUG", "PROTOCOL", "attrib");
        assertThat(attributed.attributes().keySet()).containsExactly(Bulk.of("key-popularity"));
        assertThat(attributed.value()).isEqualTo(Bulk.of("Some real reply following the attribute"));
        // The push comes first, out of band, then the command's own reply.
        List<RespValue> pushAndReply = new ArrayList<>();
        send("DEBUG", "PROTOCOL", "push");
        pushAndReply.add(reply());
        pushAndReply.add(reply());
        assertThat(pushAndReply.get(0)).isInstanceOf(Push.class);
        assertThat(((Push) pushAndReply.get(0)).elements()).startsWith(Bulk.of("server-cpu-usage"));
        assertThat(pushAndReply.get(1)).isEqualTo(Bulk.of("Some real reply following the push reply"));
        assertThat(call("PING")).isSameAs(Simple.PONG);
    }

    @Test
    void aMultiMegabyteValueArrivesWhole() throws IOException {
        byte[] big = new byte[5 * 1024 * 1024];
        new Random(2).nextBytes(big);
        call("SET", "big", big);
        assertThat(((Bulk) call("GET", "big")).bytes()).isEqualTo(big);
        assertThat(parser.bufferedBytes()).isZero();
    }
}

package dev.aioj.redis.resp;

import static dev.aioj.redis.resp.Feeding.bytes;
import static dev.aioj.redis.resp.Feeding.parseAllWays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The value records (equality, immutability, rendering) and their RESP3 encoding, round-tripped through the parser. */
class RespValueTest {

    private static RespValue sample() {
        Map<RespValue, RespValue> map = new LinkedHashMap<>();
        map.put(Bulk.of("z"), new Int(1));
        map.put(new Simple("a"), Array.of(Null.INSTANCE, Bool.TRUE));
        return Array.of(
                Simple.OK, new Simple("h\u00e9llo"), ErrorReply.of("ERR bad thing"), ErrorReply.of("ERR two\nlines"),
                new Int(Long.MIN_VALUE), Bulk.of("bin\r\nary"), new Bulk(new byte[] {0, -1, 13, 10}), Null.INSTANCE,
                new MapReply(map), new SetReply(List.of(Bulk.of("m"))), new DoubleReply(-1.25e-300),
                new DoubleReply(Double.POSITIVE_INFINITY), new DoubleReply(Double.NaN), new DoubleReply(3),
                new BigNumber(new BigInteger("-123456789012345678901234567890")), Bool.FALSE,
                new Verbatim("txt", "line 1\r\nline 2 \u4e2d"), new Push(List.of(Bulk.of("message"))),
                new Attributed(Map.of(new Simple("ttl"), new Int(9)), Bulk.of("v")), Array.of(), new MapReply(Map.of()));
    }

    @Test
    void everyValueSurvivesEncodingAndParsingWhateverTheSplit() {
        RespValue value = sample();
        RespOutput out = new RespOutput();
        RespEncoder.encodeValue(out, value);
        RespEncoder.encodeValue(out, Simple.PONG);
        assertThat(parseAllWays(out.toByteArray(), RespLimits.DEFAULTS)).containsExactly(value, Simple.PONG);
    }

    @Test
    void valuesAreWrittenInTheirRespThreeForm() {
        RespOutput out = new RespOutput();
        RespEncoder.encodeValue(out, Array.of(Null.INSTANCE, new DoubleReply(1.5), Bool.TRUE, ErrorReply.of("ERR x\ny")));
        assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8))
                .isEqualTo("*4\r\n_\r\n,1.5\r\n#t\r\n!7\r\nERR x\ny\r\n");
    }

    @Test
    void aSimpleStringWithALineBreakCannotBeWrittenAndNothingIsLeftBehind() {
        RespOutput out = new RespOutput();
        assertThatThrownBy(() -> RespEncoder.encodeValue(out, Array.of(Simple.OK, new Simple("a\r\nb"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("simple string holds CR or LF");
        assertThat(out.size()).isZero();
    }

    @Test
    void bulkEqualityIsByContentAndItsTextIsReadable() {
        assertThat(new Bulk(bytes("abc"))).isEqualTo(Bulk.of("abc")).hasSameHashCodeAs(Bulk.of("abc"));
        assertThat(new Bulk(bytes("abc"))).isNotEqualTo(Bulk.of("abd"));
        assertThat(new Bulk(new byte[] {'a', 0, '\r', '\n', (byte) 0xff})).hasToString("Bulk[\"a\\x00\\r\\n\\xff\"]");
        assertThat(new Bulk(new byte[100]).toString()).endsWith("... (100 bytes)]");
        assertThat(Bulk.of("h\u00e9").utf8()).isEqualTo("h\u00e9");
    }

    @Test
    void aggregatesAreImmutableCopiesOfWhatTheyWereGiven() {
        List<RespValue> elements = new ArrayList<>(List.of(new Int(1)));
        Array array = new Array(elements);
        elements.add(new Int(2));
        assertThat(array.elements()).containsExactly(new Int(1));
        assertThatThrownBy(() -> array.elements().add(new Int(3))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new Array(java.util.Arrays.asList(new Int(1), null)))
                .isInstanceOf(NullPointerException.class);
        MapReply map = new MapReply(new LinkedHashMap<>(Map.of(new Int(1), new Int(2))));
        assertThatThrownBy(() -> map.entries().put(new Int(3), new Int(4)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.entries().entrySet().iterator().next().setValue(new Int(5)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(array).isEqualTo(Array.of(new Int(1)));
    }

    @Test
    void anErrorsKindIsItsFirstWord() {
        assertThat(ErrorReply.of("MOVED 3999 127.0.0.1:6381").kind()).isEqualTo("MOVED");
        assertThat(ErrorReply.of("MOVED 3999 127.0.0.1:6381").detail()).isEqualTo("3999 127.0.0.1:6381");
        assertThatThrownBy(() -> new ErrorReply("ER", "ERR x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ErrorReply("ERR x", "ERR x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new DoubleReply(Double.NaN)).isEqualTo(new DoubleReply(Double.NaN));
    }
}

package dev.aioj.redis.resp;

import static dev.aioj.redis.resp.Feeding.parseOneAllWays;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.resp.RespValue.Attributed;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * RESP3 lets an attribute ({@code |}) precede any frame, a push included: the
 * parser gives the frame wrapped in {@link Attributed}, the same frame it gives
 * without the attribute, whether the bytes come whole, byte by byte, or cut
 * anywhere ({@link Feeding}).
 */
class RespParserAttributesTest {

    @TestFactory
    Iterable<DynamicTest> anAttributeBeforeAnyFrameTypeWrapsExactlyThatFrame() {
        return RespFrames.everyType().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            RespValue plain = parseOneAllWays(e.getValue());
            RespValue attributed = parseOneAllWays(RespFrames.ATTRIBUTE + e.getValue());
            assertThat(attributed).isInstanceOf(Attributed.class);
            assertThat(((Attributed) attributed).value()).isEqualTo(plain);
            assertThat(((Attributed) attributed).attributes()).containsOnlyKeys(new RespValue.Simple("key-popularity"));
        })).toList();
    }
}

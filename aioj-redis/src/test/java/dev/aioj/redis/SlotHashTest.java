package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SlotHashTest {

    @Test
    void crc16IsXmodem() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(SlotHash.crc16(check, 0, check.length)).isEqualTo(0x31C3); // the CRC catalogue's check value
    }

    @Test
    void slotsMatchRedisClusterSpecExamples() {
        assertThat(SlotHash.slot("foo")).isEqualTo(12182);
        assertThat(SlotHash.slot("bar")).isEqualTo(5061);
        assertThat(SlotHash.slot("")).isZero();
    }

    @Test
    void hashTagsFollowTheFirstOpeningBraceToTheNextClosingOne() {
        assertThat(SlotHash.slot("{user1000}.following")).isEqualTo(SlotHash.slot("{user1000}.followers"))
                .isEqualTo(SlotHash.slot("user1000"));
        assertThat(SlotHash.slot("foo{}{bar}")).isEqualTo(SlotHash.slot("foo{}{bar}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(SlotHash.slot("bar")); // empty first tag: the whole key
        assertThat(SlotHash.slot("foo{{bar}}zap")).isEqualTo(SlotHash.slot("{bar"));
        assertThat(SlotHash.slot("foo{bar}{zap}")).isEqualTo(SlotHash.slot("bar"));
        assertThat(SlotHash.slot("no}tag{")).isEqualTo(SlotHash.slot("no}tag{".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void stringsHashTheirUtf8BytesAndOtherTypesTheirText() {
        String key = "clé{ü}x";
        assertThat(SlotHash.slot(key)).isEqualTo(SlotHash.slot(key.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(SlotHash.slot("ü"));
        assertThat(SlotHash.slot(42L)).isEqualTo(SlotHash.slot("42"));
        assertThat(SlotHash.slot(java.nio.ByteBuffer.wrap("foo".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(12182);
    }

    @Test
    void aStringKeyHashesAsItsUtf8BytesWhateverItHolds() {
        // The String form takes a one-pass road for ASCII keys without '{' and another for the rest: both agree
        // with the byte form, for keys that mix ASCII, tags, braces in odd places and non-ASCII characters.
        java.util.Random random = new java.util.Random(16);
        String alphabet = "ab{}:0é€";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder key = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) key.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String k = key.toString();
            assertThat(SlotHash.slot(k)).as(k).isEqualTo(SlotHash.slot(k.getBytes(StandardCharsets.UTF_8)));
        }
    }
}

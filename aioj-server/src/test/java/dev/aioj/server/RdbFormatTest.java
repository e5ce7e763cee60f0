package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The RDB building blocks on their own: LZF round trips (random, repetitive
 * and incompressible input), listpack entries of every encoding width and
 * their backlen sizes, and malformed listpacks refused with the offset.
 * That Redis reads what these write is {@link RdbInteropTest}'s job.
 */
class RdbFormatTest {

    @Test
    void lzfRoundTripsWhatItCompressesAndDeclinesWhatItCannot() {
        SplittableRandom r = new SplittableRandom(18);
        for (int n : new int[] {21, 100, 4096, 70_000}) {
            byte[] repetitive = new byte[n];
            for (int i = 0; i < n; i++) {
                repetitive[i] = (byte) "abcabcabd".charAt(i % 9);
            }
            byte[] packed = Lzf.compress(repetitive);
            if (n >= 100) {
                assertThat(packed).as("%d repetitive bytes compress", n).isNotNull();
            }
            if (packed != null) {
                assertThat(Lzf.decompress(packed, n)).isEqualTo(repetitive);
            }
            byte[] noise = new byte[n];
            r.nextBytes(noise);
            byte[] p2 = Lzf.compress(noise);
            if (p2 != null) {
                assertThat(Lzf.decompress(p2, n)).isEqualTo(noise);
            }
            byte[] mixed = new byte[n];
            for (int i = 0; i < n; i++) {
                mixed[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : 'x');
            }
            byte[] p3 = Lzf.compress(mixed);
            if (p3 != null) {
                assertThat(Lzf.decompress(p3, n)).isEqualTo(mixed);
            }
        }
        assertThat(Lzf.decompress(new byte[] {(byte) 0xE0, 5}, 10)).as("a back reference before the start").isNull();
    }

    @Test
    void listpackEntriesOfEveryWidthRoundTrip() throws Exception {
        List<byte[]> items = new ArrayList<>();
        for (String s : new String[] {"0", "127", "128", "-1", "-4096", "4095", "4096", "-32768", "32767",
                "8388607", "-8388608", "2147483647", "-2147483648", "9223372036854775807", "-9223372036854775808",
                "007", "-0", "+1", "", "text"}) {
            items.add(s.getBytes(StandardCharsets.US_ASCII));
        }
        items.add("y".repeat(63).getBytes(StandardCharsets.US_ASCII));
        items.add("y".repeat(64).getBytes(StandardCharsets.US_ASCII));
        items.add("z".repeat(4095).getBytes(StandardCharsets.US_ASCII));
        items.add("z".repeat(4096).getBytes(StandardCharsets.US_ASCII));
        items.add("w".repeat(20_000).getBytes(StandardCharsets.US_ASCII));
        Listpack.Builder b = new Listpack.Builder();
        items.forEach(b::add);
        byte[] lp = b.build();
        List<byte[]> back = Listpack.decode(lp);
        assertThat(back).hasSize(items.size());
        for (int i = 0; i < items.size(); i++) {
            assertThat(back.get(i)).as("entry %d", i).isEqualTo(items.get(i));
        }
        byte[] cut = java.util.Arrays.copyOf(lp, lp.length - 2);
        assertThatThrownBy(() -> Listpack.decode(cut)).isInstanceOf(Listpack.Malformed.class)
                .hasMessageContaining("header says");
    }
}

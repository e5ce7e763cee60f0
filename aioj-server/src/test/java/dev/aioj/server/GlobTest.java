package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Redis's glob matching, as KEYS, SCAN MATCH, PSUBSCRIBE and CONFIG GET use it. */
class GlobTest {

    private static boolean m(String pattern, String s) {
        return Glob.matches(pattern.getBytes(StandardCharsets.ISO_8859_1), s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void wildcardsClassesAndEscapes() {
        assertThat(m("*", "x")).isTrue();
        assertThat(m("*", "")).isFalse(); // as stringmatchlen: KEYS * special-cases the match-all pattern
        assertThat(m("h?llo", "hello")).isTrue();
        assertThat(m("h?llo", "hllo")).isFalse();
        assertThat(m("h*llo", "heeeello")).isTrue();
        assertThat(m("h[ae]llo", "hallo")).isTrue();
        assertThat(m("h[ae]llo", "hillo")).isFalse();
        assertThat(m("h[^e]llo", "hallo")).isTrue();
        assertThat(m("h[^e]llo", "hello")).isFalse();
        assertThat(m("h[a-c]llo", "hbllo")).isTrue();
        assertThat(m("h[c-a]llo", "hbllo")).isTrue();
        assertThat(m("h\\*llo", "h*llo")).isTrue();
        assertThat(m("h\\*llo", "hello")).isFalse();
        assertThat(m("news.*", "news.tech")).isTrue();
        assertThat(m("a*", "b")).isFalse();
        assertThat(m("*a", "ba")).isTrue();
        assertThat(m("[abc", "a")).isTrue();
    }

    @Test
    void caseFoldingIsOptional() {
        byte[] p = "MAX*".getBytes(StandardCharsets.ISO_8859_1);
        byte[] s = "maxclients".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Glob.matches(p, s, true)).isTrue();
        assertThat(Glob.matches(p, s, false)).isFalse();
    }

    @Test
    void pathologicalPatternsFinishQuickly() {
        String s = "a".repeat(60);
        assertThat(m("a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", s)).isFalse();
    }
}

package dev.aioj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** redis-cli's quoting rules, as a user types them at the prompt. */
class ArgSplitterTest {

    private static List<String> split(String line) {
        return ArgSplitter.split(line).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void blanksSeparateArguments() {
        assertThat(split("  set   key  value ")).containsExactly("set", "key", "value");
        assertThat(split("")).isEmpty();
        assertThat(split("   ")).isEmpty();
    }

    @Test
    void doubleQuotesKeepBlanksAndUnderstandEscapes() {
        assertThat(split("set k \"hello world\"")).containsExactly("set", "k", "hello world");
        assertThat(split("echo \"a\\nb\\tc\\\\d\\\"e\"")).containsExactly("echo", "a\nb\tc\\d\"e");
        assertThat(ArgSplitter.split("echo \"\\x00\\xff\"").get(1)).containsExactly(0, 0xff);
        assertThat(split("echo \"\"")).containsExactly("echo", "");
    }

    @Test
    void singleQuotesAreLiteralExceptForAnEscapedQuote() {
        assertThat(split("echo 'it\\'s \\n raw'")).containsExactly("echo", "it's \\n raw");
    }

    @Test
    void aQuoteInsideAWordOpensAQuotedPartOfThatWord() {
        assertThat(split("set a\"b c\"")).containsExactly("set", "ab c");
    }

    @Test
    void unbalancedOrGluedQuotesAreRejected() {
        assertThatThrownBy(() -> ArgSplitter.split("set k \"open"))
                .isInstanceOf(ArgSplitter.UnbalancedQuotesException.class)
                .hasMessageContaining("unbalanced quotes");
        assertThatThrownBy(() -> ArgSplitter.split("set k 'open")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArgSplitter.split("set \"k\"v 1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unicodeIsSentAsUtf8() {
        assertThat(split("set 键 \"你好\"")).containsExactly("set", "键", "你好");
    }
}

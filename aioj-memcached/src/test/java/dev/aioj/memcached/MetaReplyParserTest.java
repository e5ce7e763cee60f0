package dev.aioj.memcached;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The reply parser, every case fed whole and one byte at a time. */
class MetaReplyParserTest {

    /** Feeds {@code text} in chunks of {@code chunk} bytes; returns each reply as a string. */
    static List<String> parse(String text, int chunk, int maxValue) {
        MetaReplyParser parser = new MetaReplyParser("test", maxValue);
        byte[] bytes = text.getBytes(ISO_8859_1);
        List<String> replies = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += chunk) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, at, Math.min(chunk, bytes.length - at));
            while (parser.parse(buffer)) {
                replies.add(describe(parser.reply));
            }
            assertThat(buffer.hasRemaining()).isFalse();
        }
        assertThat(parser.isIdle()).as("nothing left half-read").isTrue();
        return replies;
    }

    static String describe(MetaReply r) {
        StringBuilder s = new StringBuilder(r.status.name());
        if (r.value != null) s.append(" '").append(new String(r.value, ISO_8859_1)).append("'");
        if (r.opaque != MetaReply.NO_OPAQUE) s.append(" O").append(r.opaque);
        if (r.cas != 0) s.append(" c").append(Long.toUnsignedString(r.cas));
        if (r.clientFlags != 0) s.append(" f").append(r.clientFlags);
        if (r.ttl != MetaReply.NO_TTL) s.append(" t").append(r.ttl);
        if (r.win) s.append(" W");
        if (r.stale) s.append(" X");
        if (r.alreadyWon) s.append(" Z");
        if (r.errorKind != null) s.append(" ").append(r.errorKind).append(" '").append(r.errorMessage).append("'");
        return s.toString();
    }

    @ParameterizedTest(name = "chunks of {0}")
    @ValueSource(ints = {1, 2, 3, 7, 1 << 20})
    void everyReplyKindWholeAndByteByByte(int chunk) {
        String stream = "VA 3 f5 c18446744073709551615 t-1 s3 O7\r\nbar\r\n"
                + "HD O8 c9\r\n" + "EN\r\n" + "NF O10\r\n" + "NS O11\r\n" + "EX O12\r\n" + "MN\r\n"
                + "VA 0 c3 O13 W\r\n\r\n" + "VA 3 c2 O14 Z X t30\r\nold\r\n"
                + "VA 4 O15\r\na\r\nb\r\n" // CR LF inside a value are data
                + "SERVER_ERROR object too large for cache\r\n" + "CLIENT_ERROR bad data chunk\r\n" + "ERROR\r\n"
                + "HD Oabc k0123 b\r\n" + "ME key exp=-1 la=1\r\n";
        assertThat(parse(stream, chunk, 1024)).containsExactly(
                "VALUE 'bar' O7 c18446744073709551615 f5 t-1",
                "OK O8 c9", "MISS", "NOT_FOUND O10", "NOT_STORED O11", "EXISTS O12", "NOOP",
                "VALUE '' O13 c3 W", "VALUE 'old' O14 c2 t30 X Z",
                "VALUE 'a\r\nb' O15",
                "ERROR SERVER_ERROR 'object too large for cache'", "ERROR CLIENT_ERROR 'bad data chunk'",
                "ERROR ERROR ''",
                "OK O-2", // a token this client cannot have sent: foreign, so it matches no request
                "DEBUG");
    }

    @Test
    void aLargeValueArrivingInPiecesGrowsWithWhatArrives() {
        String value = "x".repeat(100_000);
        assertThat(parse("VA 100000 O1\r\n" + value + "\r\n", 4096, 1 << 20)).containsExactly(
                "VALUE '" + value + "' O1");
    }

    @Test
    void aDeclaredLengthWithinTheLimitAllocatesOnlyWhatArrives() {
        MetaReplyParser parser = new MetaReplyParser("test", Integer.MAX_VALUE);
        // 2 GiB - 1 declared, 5 bytes sent: must not try to allocate 2 GiB (the test heap is 1 GiB)
        assertThat(parser.parse(ByteBuffer.wrap("VA 2147483647\r\nhello".getBytes(ISO_8859_1)))).isFalse();
        assertThat(parser.isIdle()).isFalse();
    }

    @Test
    void aDeclaredLengthAboveTheLimitIsRefusedBeforeAnyAllocation() {
        assertThatThrownBy(() -> parse("VA 1025 O1\r\n", 1, 1024))
                .isInstanceOfSatisfying(MemcachedProtocolException.class, e -> {
                    assertThat(e).hasMessage("declared value length 1025 exceeds the limit of 1024 bytes (from test)");
                    assertThat(e.offset()).isEqualTo(3);
                    assertThat(e.server()).isEqualTo("test");
                });
        assertThatThrownBy(() -> parse("VA 99999999999999999999 O1\r\n", 1, 1024))
                .isInstanceOf(MemcachedProtocolException.class).hasMessageStartingWith("bad value length");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "XX O1\r\n", "HDO1\r\n", "\r\n", "VA\r\n", "VA -1 O1\r\n", "VA 3x\r\n", "HD O1\n", "HD O1\rX",
            "VA 3 O1\r\nbarXY", "HD c-5\r\n", "HD c18446744073709551616\r\n", "HD f4294967296\r\n", "HD tX\r\n",
            "SERVER_ERRORX\r\n", "hd O1\r\n"})
    void malformedRepliesFailWithTheTypedProtocolException(String bad) {
        for (int chunk : new int[] {1, bad.length()}) {
            assertThatThrownBy(() -> parse(bad, chunk, 1024)).isInstanceOf(MemcachedProtocolException.class);
        }
    }

    @Test
    void anOverLongLineIsRefusedAtTheLimitNotBuffered() {
        String longLine = "HD " + "k".repeat(MetaReplyParser.MAX_LINE);
        assertThatThrownBy(() -> parse(longLine, 1000, 1024)).isInstanceOf(MemcachedProtocolException.class)
                .hasMessageStartingWith("reply line longer than 4096 bytes");
    }

    @Test
    void anUnknownLineIsQuotedPrintablyInTheError() {
        assertThatThrownBy(() -> parse("\u0001bad\u00ff\r\n", 1, 1024))
                .hasMessage("not a meta reply: '\\x01bad\\xff' (from test)");
    }
}

package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request parser: complete commands out, whatever way the bytes were split, within Redis's limits. */
class RequestParserTest {

    private static final long MAX_BULK = 512L << 20;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Every command the parser yields from {@code input} fed in pieces of {@code piece} bytes. */
    private static List<List<String>> parse(byte[] input, int piece) {
        RequestParser p = new RequestParser(MAX_BULK);
        List<List<String>> commands = new ArrayList<>();
        for (int i = 0; i < input.length; i += piece) {
            p.append(input, i, Math.min(piece, input.length - i));
            byte[][] argv;
            while ((argv = p.next(false)) != null) {
                List<String> args = new ArrayList<>();
                for (byte[] a : argv) {
                    args.add(new String(a, StandardCharsets.ISO_8859_1));
                }
                commands.add(args);
            }
            assertThat(p.error()).isNull();
        }
        return commands;
    }

    @Test
    void multibulkAndInlineCommandsMixInOnePipeline() {
        byte[] input = bytes("*2\r\n$3\r\nGET\r\n$1\r\nk\r\nSET a \"b c\"\r\nPING\n*0\r\n\r\n*1\r\n$4\r\nPING\r\n");
        assertThat(parse(input, input.length)).containsExactly(
                List.of("GET", "k"), List.of("SET", "a", "b c"), List.of("PING"), List.of("PING"));
    }

    @Test
    void inputSplitAtEveryByteGivesTheSameCommands() {
        byte[] input = bytes("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$11\r\nvalue\r\n\0xyz\r\nECHO 'it\\'s'\r\n"
                + "*1\r\n$0\r\n\r\n");
        List<List<String>> whole = parse(input, input.length);
        assertThat(whole).hasSize(3);
        assertThat(whole.get(0).get(2)).isEqualTo("value\r\n\0xyz");
        for (int piece = 1; piece < 8; piece++) {
            assertThat(parse(input, piece)).as("fed %d bytes at a time", piece).isEqualTo(whole);
        }
    }

    @Test
    void aBigArgumentArrivesIntactWhateverItsPieces() {
        byte[] value = new byte[200_000];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (i * 31);
        }
        byte[] input = RespConnection.encode(bytes("SET"), bytes("k"), value);
        for (int piece : new int[] {1000, 4096, 65536, input.length}) {
            RequestParser p = new RequestParser(MAX_BULK);
            List<byte[][]> out = new ArrayList<>();
            for (int i = 0; i < input.length; i += piece) {
                p.append(input, i, Math.min(piece, input.length - i));
                assertThat(p.buffered()).isLessThanOrEqualTo(input.length + 3 * 24L);
                byte[][] argv = p.next(false);
                if (argv != null) {
                    out.add(argv);
                }
            }
            assertThat(out).hasSize(1);
            assertThat(out.get(0)[2]).isEqualTo(value);
            assertThat(p.buffered()).isZero();
        }
    }

    @Test
    void bufferedCountsWhatAwaitsTheRestOfACommand() {
        RequestParser p = new RequestParser(MAX_BULK);
        byte[] partial = bytes("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhel");
        p.append(partial, 0, partial.length);
        assertThat(p.next(false)).isNull();
        assertThat(p.error()).isNull();
        assertThat(p.buffered()).isGreaterThan(0);
    }

    private static String errorOf(String input, boolean authRequired, long maxBulk) {
        RequestParser p = new RequestParser(maxBulk);
        byte[] b = bytes(input);
        p.append(b, 0, b.length);
        assertThat(p.next(authRequired)).isNull();
        return p.error();
    }

    @Test
    void malformedHeadersAreProtocolErrorsWithRedisText() {
        assertThat(errorOf("*abc\r\n", false, MAX_BULK)).isEqualTo("Protocol error: invalid multibulk length");
        assertThat(errorOf("*1\r\n:4\r\n", false, MAX_BULK)).isEqualTo("Protocol error: expected '$', got ':'");
        assertThat(errorOf("*1\r\n$-1\r\n", false, MAX_BULK)).isEqualTo("Protocol error: invalid bulk length");
        assertThat(errorOf("*1\r\n$x\r\n", false, MAX_BULK)).isEqualTo("Protocol error: invalid bulk length");
        assertThat(errorOf("ECHO \"abc\r\n", false, MAX_BULK))
                .isEqualTo("Protocol error: unbalanced quotes in request");
    }

    @Test
    void aBulkOverTheLimitIsRefusedBeforeItsBytesArrive() {
        assertThat(errorOf("*1\r\n$1025\r\n", false, 1024)).isEqualTo("Protocol error: invalid bulk length");
        assertThat(errorOf("*1\r\n$1024\r\n", false, 1024)).isNull();
    }

    @Test
    void unauthenticatedClientsGetTighterLimits() {
        assertThat(errorOf("*11\r\n", true, MAX_BULK)).isEqualTo("Protocol error: unauthenticated multibulk length");
        assertThat(errorOf("*11\r\n", false, MAX_BULK)).isNull();
        assertThat(errorOf("*1\r\n$16385\r\n", true, MAX_BULK))
                .isEqualTo("Protocol error: unauthenticated bulk length");
    }

    @Test
    void overlongLinesWithoutTerminatorAreRefused() {
        byte[] inline = new byte[RequestParser.INLINE_MAX + 1];
        Arrays.fill(inline, (byte) 'a');
        RequestParser p = new RequestParser(MAX_BULK);
        p.append(inline, 0, inline.length);
        assertThat(p.next(false)).isNull();
        assertThat(p.error()).isEqualTo("Protocol error: too big inline request");

        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes(bytes("*1\r\n$"));
        header.writeBytes(inline);
        byte[] h = header.toByteArray();
        RequestParser q = new RequestParser(MAX_BULK);
        q.append(h, 0, h.length);
        assertThat(q.next(false)).isNull();
        assertThat(q.error()).isEqualTo("Protocol error: too big bulk count string");
    }
}

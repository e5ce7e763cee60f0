package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fuzz targets' invariants seen from the network (issue 15): every
 * input that ends in a protocol error (the request parser fuzz targets'
 * corpora, and seeded random garbage) makes the server close that
 * connection, and a bystander connection is served all along.
 */
class ServerGarbageTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    private static final long SEED = Long.getLong("aioj.fuzz.seed", 20261203L);

    @Test
    void aProtocolErrorClosesThatConnectionAndTheOthersAreStillServed() throws Exception {
        List<byte[]> inputs = new ArrayList<>(corpus());
        Random random = new Random(SEED);
        for (int i = 0; i < 400; i++) {
            inputs.add(garbage(random));
        }
        RespConnection bystander = server.connect();
        int sent = 0;
        for (byte[] input : inputs) {
            if (!endsInProtocolError(input)) {
                continue; // incomplete or valid: not what this test is about (and a valid one could be SHUTDOWN)
            }
            try (RespConnection c = new RespConnection(server.port())) {
                try {
                    c.sendRaw(input);
                } catch (java.net.SocketException closedWhileWriting) {
                    // the server closed it before reading everything: closed is what we check
                }
                assertThat(c.drainUntilClosed()).as("connection closed after %s", preview(input)).isTrue();
            }
            assertThat(bystander.call("PING")).as("the bystander after %s", preview(input)).isEqualTo("+PONG\r\n");
            sent++;
        }
        System.out.printf("%d inputs ending in a protocol error sent; each closed its connection%n", sent);
        assertThat(sent).isGreaterThanOrEqualTo(50);
    }

    private static boolean endsInProtocolError(byte[] input) {
        RequestParser parser = new RequestParser(512L * 1024 * 1024);
        parser.append(input, 0, input.length);
        while (parser.next(false) != null) {
            // commands before the error
        }
        return parser.error() != null;
    }

    /** Random bytes with RESP's punctuation mixed in, half of them starting as a multibulk request. */
    private static byte[] garbage(Random random) {
        String alphabet = "*$\r\n0123456789-+ \"'\\abcPINGSET";
        int n = 1 + random.nextInt(120);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256)
                    : (byte) alphabet.charAt(random.nextInt(alphabet.length()));
        }
        if (random.nextBoolean()) b[0] = '*';
        return b;
    }

    private static List<byte[]> corpus() throws IOException, URISyntaxException {
        List<byte[]> inputs = new ArrayList<>();
        for (String dir : List.of("MultibulkRequestFuzzTestInputs/multibulkRequests", "InlineRequestFuzzTestInputs/inlineRequests")) {
            Path path = Path.of(ServerGarbageTest.class.getResource(dir).toURI());
            try (Stream<Path> files = Files.list(path)) {
                for (Path file : files.sorted().toList()) {
                    byte[] bytes = Files.readAllBytes(file);
                    if (dir.startsWith("Multibulk")) { // the target puts the '*' in front
                        byte[] withStar = new byte[bytes.length + 1];
                        withStar[0] = '*';
                        System.arraycopy(bytes, 0, withStar, 1, bytes.length);
                        bytes = withStar;
                    }
                    inputs.add(bytes);
                }
            }
        }
        return inputs;
    }

    private static String preview(byte[] input) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(input.length, 40); i++) {
            int c = input[i] & 0xFF;
            s.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return "'" + s + (input.length > 40 ? "...'" : "'");
    }
}

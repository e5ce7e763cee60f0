package dev.aioj.examples.seed001;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.examples.CapturedOutput;
import dev.aioj.examples.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's AsyncFileWrapper program: a file read in chunks, with progress, while the loop keeps running. */
class ChunkedFileReaderTest {

    @Test
    void readsTheWholeFileInChunksReportingProgressAndItsDigest(@TempDir Path dir) throws Exception {
        byte[] data = Peers.randomBytes(3 * 1024 * 1024 + 5, 3);
        Path file = dir.resolve("big.bin");
        Files.write(file, data);
        CapturedOutput output = new CapturedOutput();
        ChunkedFileReader.Result result = ChunkedFileReader.read(file, 64 * 1024, output.stream());
        assertThat(result.bytes()).isEqualTo(data.length);
        assertThat(result.chunks()).isEqualTo(49); // 48 full chunks and 5 bytes
        assertThat(result.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
        assertThat(output.text())
                .contains("read " + data.length + "/" + data.length + " bytes (100%)")
                .contains("sha-256 " + result.sha256());
        assertThat(output.lines()).filteredOn(line -> line.contains("%)")).hasSize(10);
    }

    @Test
    void anEmptyFileIsReadWithoutProgressLines(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("empty"));
        CapturedOutput output = new CapturedOutput();
        ChunkedFileReader.Result result = ChunkedFileReader.read(file, 1024, output.stream());
        assertThat(result.bytes()).isZero();
        assertThat(result.chunks()).isZero();
        assertThat(output.text()).contains("done: 0 bytes in 0 chunks");
    }
}

package dev.aioj.redis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lookup order REDIS_SERVER, then PATH, then the embedded binary; and the embedded binary itself. */
class RedisBinaryTest {

    @TempDir
    Path temp;

    private final Supplier<Path> embedded = () -> Path.of("/embedded/redis-server");

    private Path executable(String dir) throws IOException {
        Path folder = Files.createDirectories(temp.resolve(dir));
        Path file = Files.writeString(folder.resolve("redis-server"), "#!/bin/sh\n");
        assertThat(file.toFile().setExecutable(true)).isTrue();
        return file;
    }

    @Test
    void theEnvironmentVariableWinsOverThePath() throws IOException {
        Path named = executable("named");
        Path onPath = executable("bin");
        RedisBinary binary = RedisBinary.locate(
                Map.of("REDIS_SERVER", named.toString(), "PATH", onPath.getParent().toString()), embedded);
        assertThat(binary).isEqualTo(new RedisBinary(named, RedisBinary.Source.ENV));
    }

    @Test
    void anEnvironmentVariableNamingNoExecutableIsAnErrorNotAFallback() throws IOException {
        Path onPath = executable("bin");
        Path plainFile = Files.writeString(temp.resolve("not-executable"), "");
        for (String named : new String[] {temp.resolve("missing").toString(), plainFile.toString()}) {
            assertThatThrownBy(() -> RedisBinary.locate(
                    Map.of("REDIS_SERVER", named, "PATH", onPath.getParent().toString()), embedded))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("REDIS_SERVER=" + named + " is not an executable file");
        }
    }

    @Test
    void thePathIsSearchedInOrderSkippingNonExecutables() throws IOException {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        Path notExecutable = Files.createDirectories(temp.resolve("noexec"));
        Files.writeString(notExecutable.resolve("redis-server"), "");
        Path first = executable("first");
        Path second = executable("second");
        String path = String.join(File.pathSeparator, "", empty.toString(), notExecutable.toString(),
                first.getParent().toString(), second.getParent().toString());
        assertThat(RedisBinary.locate(Map.of("PATH", path, "REDIS_SERVER", " "), embedded))
                .isEqualTo(new RedisBinary(first, RedisBinary.Source.PATH));
    }

    @Test
    void theEmbeddedBinaryIsTheLastResort() throws IOException {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        assertThat(RedisBinary.locate(Map.of("PATH", empty.toString()), embedded))
                .isEqualTo(new RedisBinary(Path.of("/embedded/redis-server"), RedisBinary.Source.EMBEDDED));
        assertThat(RedisBinary.locate(Map.of(), embedded).source()).isEqualTo(RedisBinary.Source.EMBEDDED);
    }

    @Test
    void theEmbeddedBinaryIsExtractedOnceAndRuns() throws IOException {
        Path extracted = EmbeddedRedisBinary.extract();
        assertThat(extracted.getFileName().toString())
                .startsWith("redis-server-")
                .endsWith("-" + EmbeddedRedisBinary.platform());
        assertThat(Files.isExecutable(extracted)).isTrue();
        long modified = Files.getLastModifiedTime(extracted).toMillis();
        assertThat(EmbeddedRedisBinary.extract()).isEqualTo(extracted);
        assertThat(Files.getLastModifiedTime(extracted).toMillis()).isEqualTo(modified);
        assertThat(new RedisBinary(extracted, RedisBinary.Source.EMBEDDED).version()).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void aBinaryThatPrintsNoVersionIsReported() throws IOException {
        Path fake = executable("fake");
        Files.writeString(fake, "#!/bin/sh\necho hello\n");
        assertThatThrownBy(() -> new RedisBinary(fake, RedisBinary.Source.PATH).version())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("printed no version")
                .hasMessageContaining("hello");
    }
}

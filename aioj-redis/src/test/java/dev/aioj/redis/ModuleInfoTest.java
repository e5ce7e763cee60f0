package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.resp.RespParser;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Tests run on the class path, so nothing else checks the compiled module
 * descriptor: it must export exactly the API packages and need only aioj-core
 * (and the JDK's own Flight Recorder module, for its events).
 */
class ModuleInfoTest {

    @Test
    void exportsOnlyTheApiPackagesAndRequiresOnlyTheCoreAndTheJdk() throws IOException, URISyntaxException {
        Path classes = Path.of(RespParser.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertThat(descriptor.name()).isEqualTo("dev.aioj.redis");
        assertThat(descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("dev.aioj.redis", "dev.aioj.redis.resp");
        assertThat(descriptor.exports()).allMatch(e -> !e.isQualified());
        assertThat(descriptor.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("java.base", "dev.aioj.core", "jdk.jfr");
    }
}

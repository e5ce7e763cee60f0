package dev.aioj.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The module exports only API packages to everyone, plus internal seams only to the one module that needs
 * each, and depends on nothing beyond the JDK's base module.
 */
class ModuleDescriptorTest {

    @Test
    void exportsOnlyTheApiPackagesAndRequiresOnlyJavaBase() throws Exception {
        ModuleDescriptor descriptor;
        // Tests run on the class path, where module-info.class is not served as a resource: read the file.
        Path classes = Path.of(EventLoop.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertThat(descriptor.name()).isEqualTo("dev.aioj.core");
        assertThat(descriptor.exports()).filteredOn(e -> !e.isQualified()).extracting(ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrder("dev.aioj.loop", "dev.aioj.net", "dev.aioj.stream", "dev.aioj.tls",
                        "dev.aioj.file");
        assertThat(descriptor.exports()).filteredOn(ModuleDescriptor.Exports::isQualified)
                .extracting(e -> e.source() + " to " + e.targets())
                .containsExactly("dev.aioj.internal to [dev.aioj.redis]");
        assertThat(descriptor.requires()).extracting(ModuleDescriptor.Requires::name)
                .containsExactly("java.base");
    }
}

package dev.aioj.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module exports only API packages and depends on nothing beyond the JDK's base module. */
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
        assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrder("dev.aioj.loop", "dev.aioj.net", "dev.aioj.stream", "dev.aioj.tls",
                        "dev.aioj.file");
        assertThat(descriptor.requires()).extracting(ModuleDescriptor.Requires::name)
                .containsExactly("java.base");
    }
}

package dev.aioj.server.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module a user adds: it exports its one package and needs JUnit only for the extension. */
class ModuleInfoTest {

    @Test
    void exportsItsPackageAndNeedsJunitOnlyStatically() throws Exception {
        Path descriptor = Path.of(EmbeddedRedis.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("module-info.class");
        ModuleDescriptor d;
        try (var in = Files.newInputStream(descriptor)) {
            d = ModuleDescriptor.read(in);
        }
        assertThat(d.name()).isEqualTo("dev.aioj.server.junit");
        assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.aioj.server.junit");
        assertThat(d.requires()).anySatisfy(r -> {
            assertThat(r.name()).isEqualTo("org.junit.jupiter.api");
            assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.STATIC);
        }).anySatisfy(r -> {
            assertThat(r.name()).isEqualTo("dev.aioj.server");
            assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE);
        });
    }
}

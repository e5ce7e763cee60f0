package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The public surface stays small: the server, its configuration and the program, nothing of the engine. */
class ApiSurfaceTest {

    @Test
    void onlyTheServerItsConfigurationAndTheProgramArePublic() throws IOException, URISyntaxException {
        Path classes = Path.of(RedisServer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/aioj/server");
        List<String> publicTypes;
        try (Stream<Path> files = Files.list(classes)) {
            publicTypes = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class"))
                    .map(n -> "dev.aioj.server." + n.substring(0, n.length() - ".class".length()).replace('$', '.'))
                    .filter(ApiSurfaceTest::isPublic)
                    .sorted()
                    .toList();
        }
        assertThat(publicTypes).containsExactly("dev.aioj.server.ConfigException", "dev.aioj.server.RedisServer",
                "dev.aioj.server.ServerConfig",
                "dev.aioj.server.ServerConfig.Builder", "dev.aioj.server.ServerConfig.OutputBufferLimit",
                "dev.aioj.server.ServerMain");
    }

    private static boolean isPublic(String name) {
        try {
            String binary = name.replaceFirst("\\.(Builder|OutputBufferLimit)$", "\\$$1");
            Class<?> c = Class.forName(binary.contains("$") ? binary : name, false,
                    ApiSurfaceTest.class.getClassLoader());
            return Modifier.isPublic(c.getModifiers()) && (c.getEnclosingClass() == null
                    || Modifier.isPublic(c.getEnclosingClass().getModifiers()));
        } catch (ClassNotFoundException e) {
            return false; // synthetic and anonymous classes
        }
    }

    @Test
    void theModuleExportsOnlyTheServerPackageAndNeedsOnlyTheCoreAndTheLuaVm() throws IOException, URISyntaxException {
        Path descriptor = Path.of(RedisServer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("module-info.class");
        ModuleDescriptor d;
        try (var in = Files.newInputStream(descriptor)) {
            d = ModuleDescriptor.read(in);
        }
        assertThat(d.name()).isEqualTo("dev.aioj.server");
        assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.aioj.server");
        assertThat(d.requires()).extracting(ModuleDescriptor.Requires::name)
                .containsExactlyInAnyOrder("java.base", "java.management", "dev.aioj.core", "luaj.jme",
                        "java.logging", "jdk.unsupported");
        assertThat(d.requires()).filteredOn(r -> r.name().equals("java.logging") || r.name().equals("jdk.unsupported"))
                .as("only aioj server, the program, needs these: an embedding application does not")
                .allMatch(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC));
    }
}

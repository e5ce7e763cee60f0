package dev.aioj.memcached;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Tests run on the class path, so nothing else checks the module descriptor
 * or the public surface: one exported package needing only aioj-core, and
 * public only what users need (the machinery stays package-private).
 */
class ApiSurfaceTest {

    @Test
    void exportsOneApiPackageAndRequiresOnlyTheCore() throws Exception {
        Path classes = Path.of(MemcachedClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertThat(descriptor.name()).isEqualTo("dev.aioj.memcached");
        assertThat(descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .containsExactly("dev.aioj.memcached");
        assertThat(descriptor.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("java.base", "dev.aioj.core");
    }

    @Test
    void theMachineryIsPackagePrivate() {
        for (Class<?> internal : List.of(MemcachedConnection.class, Lifecycle.class, Wire.class,
                SubmissionStack.class, InFlight.class, Deadlines.class, Request.class, GetRequest.class,
                StoreRequest.class, MetaReplyParser.class, MetaReply.class, RequestBuffer.class, Ketama.class,
                Stampede.class, SyncView.class, Keys.class, Ttl.class, Backoff.class, Endpoint.class, MultiGet.class)) {
            assertThat(Modifier.isPublic(internal.getModifiers())).as(internal.getSimpleName()).isFalse();
        }
    }
}

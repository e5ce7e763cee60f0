package dev.aioj.memcached;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The blocking view mirrors the async API one for one: same names, same
 * parameter types, and the async future's value type as its return type. A
 * method added to one and not the other fails here.
 */
class SyncMirrorTest {

    static String signature(Method m) {
        return m.getName() + Arrays.toString(m.getParameterTypes());
    }

    @Test
    void everyAsyncMethodHasABlockingTwinReturningTheFuturesValue() throws Exception {
        Set<String> async = new TreeSet<>();
        for (Method m : MemcachedCommands.class.getMethods()) {
            async.add(signature(m));
            Method twin = MemcachedSyncCommands.class.getMethod(m.getName(), m.getParameterTypes());
            assertThat(m.getReturnType()).as(m.getName()).isEqualTo(CompletableFuture.class);
            Type value = ((ParameterizedType) m.getGenericReturnType()).getActualTypeArguments()[0];
            assertThat(twin.getGenericReturnType().getTypeName()).as("return type of the blocking %s", m.getName())
                    .isEqualTo(value.getTypeName());
        }
        Set<String> sync = new TreeSet<>();
        for (Method m : MemcachedSyncCommands.class.getMethods()) sync.add(signature(m));
        assertThat(sync).isEqualTo(async);
    }
}

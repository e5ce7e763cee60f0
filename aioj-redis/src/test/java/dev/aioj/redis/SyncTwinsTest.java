package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The blocking view is kept by hand, one {@code *SyncCommands} interface per
 * family; this keeps it in step with the async one: every method of {@link
 * RedisCommands} that returns a future has a twin in {@link
 * RedisSyncCommands} with the same name and parameters whose return type is
 * the future's, unwrapped; and the blocking view has nothing the async one
 * lacks, but the few listed below.
 */
class SyncTwinsTest {

    /** Async methods that are no command: the view's settings and its sync() itself. */
    private static final Set<String> NOT_COMMANDS = Set.of("codec", "timeout", "withCodec", "withTimeout", "sync");

    /**
     * Blocking-only methods, each with its reason: paging SCANs as lazy
     * iterables and streams (a future of everything would hold it all at once).
     */
    private static final Map<String, String> SYNC_ONLY = Map.of(
            "scanIterable", "lazy paging", "scanStream", "lazy paging",
            "hscanIterable", "lazy paging", "sscanIterable", "lazy paging", "zscanIterable", "lazy paging",
            "hscanStream", "lazy paging", "sscanStream", "lazy paging", "zscanStream", "lazy paging",
            "async", "the view it waits on");

    private static String signature(Method m) {
        return m.getName() + Arrays.stream(m.getGenericParameterTypes()).map(Type::getTypeName).toList();
    }

    private static List<Method> methods(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Object.class)
                .toList();
    }

    @Test
    void everyAsyncCommandHasABlockingTwinReturningTheFuturesType() {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Method async : methods(RedisCommands.class)) {
            if (NOT_COMMANDS.contains(async.getName())) {
                continue;
            }
            assertThat(async.getReturnType()).as(signature(async)).isEqualTo(CompletableFuture.class);
            Type unwrapped = ((ParameterizedType) async.getGenericReturnType()).getActualTypeArguments()[0];
            Method twin;
            try {
                twin = RedisSyncCommands.class.getMethod(async.getName(), async.getParameterTypes());
            } catch (NoSuchMethodException e) {
                missing.add(signature(async) + ": no twin");
                continue;
            }
            String expected = unwrapped.getTypeName().equals("java.lang.Void") ? "void" : unwrapped.getTypeName();
            if (!twin.getGenericReturnType().getTypeName().equals(expected)) {
                missing.add(signature(async) + ": twin returns " + twin.getGenericReturnType().getTypeName()
                        + ", not " + expected);
            }
            if (!signature(twin).equals(signature(async))) {
                missing.add(signature(async) + ": twin takes " + signature(twin));
            }
            checked++;
        }
        assertThat(missing).isEmpty();
        assertThat(checked).as("async commands checked").isGreaterThan(150);
    }

    @Test
    void theBlockingViewHasNothingTheAsyncOneLacksButItsListedExtras() {
        Set<String> asyncNames = new TreeSet<>();
        for (Method m : methods(RedisCommands.class)) {
            asyncNames.add(signature(m));
        }
        Set<String> extras = new TreeSet<>();
        for (Method m : methods(RedisSyncCommands.class)) {
            if (!asyncNames.contains(signature(m)) && !SYNC_ONLY.containsKey(m.getName())) {
                extras.add(signature(m));
            }
        }
        assertThat(extras).isEmpty();
    }
}

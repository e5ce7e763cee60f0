package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.testing.RedisServerExtension;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The blocking view against the asynchronous one: a twin for every typed
 * command, the same values, failures thrown unwrapped and typed, refusal on a
 * loop thread; and the promise that a typed command's future is the command
 * itself.
 */
class SyncViewTest extends CommandsTestBase {

    @RegisterExtension
    static final RedisServerExtension server = RedisServerExtension.builder().build();

    /** What BaseCommands and RedisCommands give every view: not commands, so no blocking twin. */
    private static final Set<String> NOT_COMMANDS = Set.of("command", "execute", "codec", "withCodec", "withTimeout",
            "timeout", "sync");

    @Override
    RedisServerExtension server() {
        return server;
    }

    @Test
    void everyTypedCommandHasABlockingTwinReturningWhatItsFutureHolds() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Method async : RedisCommands.class.getMethods()) {
            if (Modifier.isStatic(async.getModifiers()) || NOT_COMMANDS.contains(async.getName())) {
                continue;
            }
            Method sync = RedisSyncCommands.class.getMethod(async.getName(), async.getParameterTypes());
            var future = (ParameterizedType) async.getGenericReturnType();
            assertThat(future.getRawType()).as(async.toString()).isEqualTo(CompletableFuture.class);
            String held = future.getActualTypeArguments()[0].getTypeName();
            String expected = held.equals("java.lang.Void") ? "void" : held;
            assertThat(sync.getGenericReturnType().getTypeName()).as(sync.toString()).isEqualTo(expected);
            checked.add(async.getName());
        }
        assertThat(checked).hasSizeGreaterThan(140).contains("get", "blpop", "zrangeWithScores", "evalCached");
    }

    @BothProtocols
    void theBlockingViewReturnsWhatTheFuturesReturn(int resp) throws Exception {
        RedisConnection async = connection(resp);
        RedisSyncCommands<String> sync = async.sync();
        async.zadd("z", Map.of("a", 1, "b", 2.5)).get(5, TimeUnit.SECONDS);
        async.hset("h", Map.of("f", "v")).get(5, TimeUnit.SECONDS);
        async.rpush("l", "x", "y").get(5, TimeUnit.SECONDS);
        assertThat(sync.zrangeWithScores("z", 0, -1)).isEqualTo(join(async.zrangeWithScores("z", 0, -1)));
        assertThat(sync.hgetall("h")).isEqualTo(join(async.hgetall("h")));
        assertThat(sync.lrange("l", 0, -1)).isEqualTo(join(async.lrange("l", 0, -1)));
        assertThat(sync.scanAll()).containsExactlyInAnyOrderElementsOf(join(async.scanAll()));
        assertThat(sync.type("z")).isEqualTo(join(async.type("z")));
        assertThat(sync.get("missing")).isEqualTo(join(async.get("missing"))).isNull();
    }

    @BothProtocols
    void failuresAreThrownUnwrappedAndTypedByTheBlockingView(int resp) {
        RedisConnection async = connection(resp);
        async.sync().set("text", "abc");
        assertThatThrownBy(() -> async.sync().incr("text")).isExactlyInstanceOf(RedisReplyException.class)
                .hasMessage("ERR value is not an integer or out of range");
        assertThatThrownBy(() -> async.incr("text").join()).isInstanceOf(CompletionException.class)
                .hasCauseExactlyInstanceOf(RedisReplyException.class);
        RedisSyncCommands<String> impatient = async.withTimeout(Duration.ofMillis(50)).sync();
        assertThatThrownBy(() -> impatient.command(Reply.OBJECT, "BLPOP", "nothing", "0.2"))
                .isExactlyInstanceOf(RedisTimeoutException.class);
        assertThat(async.sync().ping()).isEqualTo("PONG"); // the late BLPOP reply was dropped
    }

    @Test
    void theBlockingViewRefusesToRunOnALoopThread() throws Exception {
        RedisConnection async = connection(3);
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        async.loop().execute(() -> {
            try {
                async.sync().get("k");
                thrown.complete(null);
            } catch (RuntimeException e) {
                thrown.complete(e);
            }
        });
        assertThat(thrown.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("would deadlock");
    }

    @Test
    void theLazyScanRefusesToPageOnALoopThread() throws Exception {
        RedisConnection async = connection(3);
        async.sync().set("k", "v");
        Iterable<String> keys = async.sync().scanIterable(ScanArgs.of()); // creating it sends nothing
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        async.loop().execute(() -> {
            try {
                keys.iterator().hasNext();
                thrown.complete(null);
            } catch (RuntimeException e) {
                thrown.complete(e);
            }
        });
        assertThat(thrown.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
        assertThat(keys).containsExactly("k");
    }

    @BothProtocols
    void everyViewHasABlockingTwinWithItsCodec(int resp) {
        RedisSyncCommands<byte[]> bytes = connection(resp).withCodec(Codec.BYTES).sync();
        bytes.set("k", new byte[] {1, 2, 3});
        assertThat(bytes.get("k")).containsExactly(1, 2, 3);
        assertThat(bytes.async().codec()).isSameAs(Codec.BYTES);
        assertThat(bytes.scanAll()).singleElement().satisfies(key -> assertThat(key).containsExactly('k'));
    }

    @Test
    void aTypedCommandsFutureIsTheOneItsCommandGivesWithNoExtraStage() {
        CompletableFuture<Object> sent = new CompletableFuture<>();
        RedisCommands<String> recording = new RedisCommands<>() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> CompletableFuture<T> command(Reply<T> reply, Object... args) {
                return (CompletableFuture<T>) sent;
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> CompletableFuture<T> command(Reply<T> reply, String name, Object key) {
                return (CompletableFuture<T>) sent;
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> CompletableFuture<T> command(Reply<T> reply, String name, Object key, Object value) {
                return (CompletableFuture<T>) sent;
            }

            @Override
            public Codec<String> codec() {
                return Codec.STRING;
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(1);
            }

            @Override
            public <W> RedisCommands<W> withCodec(Codec<W> codec) {
                throw new UnsupportedOperationException();
            }

            @Override
            public RedisCommands<String> withTimeout(Duration timeout) {
                return this; // BLPOP waits longer than the view's timeout
            }
        };
        List<CompletableFuture<?>> futures = List.of(recording.get("k"), recording.zrangeWithScores("z", 0, -1),
                recording.blpop(Duration.ofMillis(1), "nothing"), recording.mset(Map.of("a", "1")));
        assertThat(futures).allSatisfy(future -> assertThat(future).isSameAs(sent)); // the reply converts on the loop
    }

    @Test
    void theFutureACommandViewGivesIsTheCommandsOwn() throws Exception {
        try (dev.aioj.loop.EventLoop loop = dev.aioj.loop.EventLoop.create()) {
            Pipeline pipeline = new Pipeline(loop, false, RedisUri.parse("redis://127.0.0.1:1"), RedisOptions.defaults());
            Command<String> command = new KeyCommand<>("GET", "k", Reply.value(),
                    CommandSettings.of(Codec.STRING, Duration.ofSeconds(1)));
            assertThat(pipeline.submit(command)).isSameAs(command.future);
            pipeline.lifecycle.abort();
            assertThat(command.future).failsWithin(Duration.ofSeconds(10));
        }
    }

    @Test
    void aConnectionsTimeoutIsItsUris() {
        try (RedisConnection quick = connect(server.uri() + "?timeout=250ms")) {
            assertThat(quick.timeout()).isEqualTo(Duration.ofMillis(250));
        }
        assertThat(connection(2).timeout()).isEqualTo(RedisUri.DEFAULT_TIMEOUT);
    }

    private static <T> T join(CompletableFuture<T> future) throws Exception {
        return future.get(5, TimeUnit.SECONDS);
    }

    @Test
    void theFamiliesAddUpToRedisCommands() {
        assertThat(Arrays.stream(RedisCommands.class.getInterfaces()).map(Class::getSimpleName))
                .containsExactly("StringCommands", "KeyCommands", "HashCommands", "ListCommands", "SetCommands",
                        "SortedSetCommands", "ScriptingCommands", "ServerCommands");
        assertThat(Arrays.stream(RedisSyncCommands.class.getInterfaces()).map(Class::getSimpleName))
                .containsExactly("StringSyncCommands", "KeySyncCommands", "HashSyncCommands", "ListSyncCommands",
                        "SetSyncCommands", "SortedSetSyncCommands", "ScriptingSyncCommands", "ServerSyncCommands");
    }
}

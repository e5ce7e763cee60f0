package dev.aioj.amqp;

import dev.aioj.loop.EventLoop;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Makes {@link AmqpSyncChannel}: a proxy that calls the channel's async
 * method of the same signature and waits for it, refusing loop threads, so
 * the blocking view cannot drift from the async API it mirrors. Any thread.
 */
final class SyncView {

    private SyncView() {}

    static AmqpSyncChannel of(AmqpChannel channel) {
        return (AmqpSyncChannel) Proxy.newProxyInstance(AmqpSyncChannel.class.getClassLoader(),
                new Class<?>[] {AmqpSyncChannel.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "toString" -> "sync " + channel;
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> proxy == args[0];
                        };
                    }
                    EventLoop.refuseOnLoopThread("AmqpSyncChannel." + method.getName() + "()");
                    Object future;
                    try {
                        future = twin(method).invoke(channel, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    try {
                        return ((CompletableFuture<?>) future).join();
                    } catch (CompletionException e) {
                        throw e.getCause() != null ? e.getCause() : e;
                    }
                });
    }

    /** The async method of the same name and parameters. */
    static Method twin(Method sync) throws NoSuchMethodException {
        return AmqpChannel.class.getMethod(sync.getName(), sync.getParameterTypes());
    }
}

package dev.aioj.server.junit;

import java.lang.reflect.AnnotatedElement;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link AiojServer @AiojServer}: starts an
 * {@link EmbeddedRedis} before a class (or a test), keeps it in JUnit's
 * store so JUnit stops it after that class (or test), empties it between
 * tests when asked, and resolves the parameters {@link AiojServer} lists.
 * Register it through the annotation.
 *
 * <p>A per-test server lives in the test's store, so parameters of that
 * test (and its {@code @BeforeEach} methods) get it; constructors of a
 * per-test class run before it starts and cannot.
 *
 * <p>Thread contract: JUnit calls it; safe with tests running in parallel,
 * each class or test holding its own server.
 */
public final class AiojServerExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(AiojServerExtension.class);
    private static final String KEY = "embedded-redis";

    /** An EmbeddedRedis in JUnit's store, closed when its context ends. */
    private record Held(EmbeddedRedis redis) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            redis.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<AiojServer> onClass = annotation(context.getRequiredTestClass());
        if (onClass.isPresent() && onClass.get().lifecycle() == AiojServer.Lifecycle.PER_CLASS) {
            start(context, onClass.get());
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Optional<AiojServer> onMethod = annotation(context.getRequiredTestMethod());
        if (onMethod.isPresent()) {
            start(context, onMethod.get()); // the method's store: its own server, nearest for its parameters
            return;
        }
        Optional<AiojServer> onClass = classAnnotation(context);
        if (onClass.isEmpty()) {
            return;
        }
        if (onClass.get().lifecycle() == AiojServer.Lifecycle.PER_TEST) {
            start(context, onClass.get());
        } else if (onClass.get().flushBetweenTests()) {
            held(context).redis().flushAll();
        }
    }

    private static void start(ExtensionContext context, AiojServer settings) {
        context.getStore(NAMESPACE).put(KEY, new Held(EmbeddedRedis.start(settings.config())));
    }

    /** The annotation of the test class or of a class enclosing it (for {@code @Nested} classes). */
    private static Optional<AiojServer> classAnnotation(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<Class<?>> type = c.get().getTestClass();
            if (type.isPresent() && annotation(type.get()).isPresent()) {
                return annotation(type.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<AiojServer> annotation(AnnotatedElement element) {
        return Optional.ofNullable(element.getAnnotation(AiojServer.class)); // @Inherited: superclasses too
    }

    private static Held held(ExtensionContext context) {
        Held held = context.getStore(NAMESPACE).get(KEY, Held.class); // the store looks in enclosing contexts too
        if (held == null) {
            throw new ParameterResolutionException("no @AiojServer server here: annotate the test class or method "
                    + "with @AiojServer");
        }
        return held;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedRedis.class || type == URI.class
                || (parameter.isAnnotated(RedisPort.class) && (type == int.class || type == Integer.class))
                || (parameter.isAnnotated(RedisUri.class) && type == String.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        EmbeddedRedis redis = held(context).redis();
        Class<?> type = parameter.getParameter().getType();
        if (type == EmbeddedRedis.class) {
            return redis;
        }
        if (type == URI.class) {
            return redis.uri();
        }
        if (parameter.isAnnotated(RedisPort.class)) {
            return redis.port();
        }
        return redis.uri().toString();
    }
}

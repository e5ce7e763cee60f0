package dev.aioj.server.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs aioj-server, in-process on a free loopback port, for a JUnit 5 test
 * class (or one test method), and injects it into test and lifecycle
 * methods and constructors as an {@link EmbeddedRedis}, a {@link
 * java.net.URI}, or a port or URI string marked {@link RedisPort} / {@link
 * RedisUri}:
 *
 * <pre>{@code
 * @AiojServer(config = {"maxmemory 100mb"}, flushBetweenTests = true)
 * class CacheTest {
 *     @Test
 *     void keepsWhatItIsGiven(EmbeddedRedis redis) { ... redis.uri() ... }
 *
 *     @Test
 *     void worksWithAnyClient(@RedisPort int port) { ... }
 * }
 * }</pre>
 *
 * <p>On the class, one server serves every test of the class (and of its
 * {@code @Nested} classes) unless {@code lifecycle = PER_TEST}; on a method,
 * that method gets a server of its own with that configuration. The server
 * stops after its class (or method).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(AiojServerExtension.class)
public @interface AiojServer {

    /** redis.conf lines, e.g. {@code "requirepass s3cret"}; {@code port} is a free one unless set here. */
    String[] config() default {};

    /** One server per test class (the default), or a fresh one for each test. */
    Lifecycle lifecycle() default Lifecycle.PER_CLASS;

    /** Empty every database before each test, when tests share a server. */
    boolean flushBetweenTests() default false;

    /** How long a server lives. */
    enum Lifecycle {
        /** Started before the class's first test, stopped after its last. */
        PER_CLASS,
        /** Started before each test, stopped after it. */
        PER_TEST
    }
}

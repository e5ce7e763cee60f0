package dev.aioj.redis;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs a typed-command test twice, on a RESP2 and on a RESP3 connection to
 * the same server: the method takes the protocol ({@code int resp}) and asks
 * {@link CommandsTestBase#redis(int)} for the matching connection. Many
 * replies differ in shape between the two (maps, doubles, nested pairs), and
 * a typed command must return the same Java value on both.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "RESP{0}")
@ValueSource(ints = {2, 3})
@interface BothProtocols {}

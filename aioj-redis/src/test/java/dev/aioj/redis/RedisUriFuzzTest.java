package dev.aioj.redis;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target of the connection URI parser ({@code redis://},
 * {@code rediss://}, {@code unix://}): any string either parses or fails
 * with {@link IllegalArgumentException}; whatever parses has a port in
 * range, a database of 0 or more and a positive timeout; and the password
 * never shows in {@code toString()} nor in the error message.
 *
 * <p>A regression test over {@code src/test/resources/dev/aioj/redis/RedisUriFuzzTestInputs/}
 * in {@code ./aioj test}; fuzzed for a bounded time by {@code .ci/fuzz}.
 */
class RedisUriFuzzTest {

    /** Long enough that it cannot appear in a rendering by chance. */
    private static final String PASSWORD = "Pw-7f3a9c1e";

    @FuzzTest(maxDuration = "40s")
    void anyStringParsesOrFailsWithIllegalArgumentAndNeverShowsThePassword(byte[] input) {
        String text = new String(input, java.nio.charset.StandardCharsets.UTF_8); // raw corpus files stay readable
        check(text, false);
        if (text.contains(PASSWORD)) {
            return; // the text itself holds the password's letters, maybe as a host or a path: no secret there
        }
        // the same text with a known password in the user-info part, where a URI carries one
        int scheme = text.indexOf("://");
        if (scheme > 0 && text.substring(0, scheme).matches("[A-Za-z][A-Za-z0-9+.-]*")) { // a scheme, then user-info
            int at = scheme + 3;
            check(text.substring(0, at) + ":" + PASSWORD + "@" + text.substring(at), true);
            check(text.substring(0, at) + "user:" + PASSWORD + "@" + text.substring(at), true);
        }
        check("redis://localhost/?password=" + PASSWORD + "&" + text, true);
    }

    private static void check(String text, boolean secret) {
        RedisUri uri;
        try {
            uri = RedisUri.parse(text);
        } catch (IllegalArgumentException e) {
            if (secret && String.valueOf(e.getMessage()).contains(PASSWORD)) {
                throw new AssertionError("the password shows in the error: " + e.getMessage());
            }
            return;
        }
        if (uri.port() < 0 || uri.port() > 65535) throw new AssertionError("port " + uri.port() + " from " + text);
        if (uri.database() < 0) throw new AssertionError("db " + uri.database() + " from " + text);
        if (uri.timeout().isNegative()) throw new AssertionError("timeout " + uri.timeout() + " from " + text);
        if (secret && uri.toString().contains(PASSWORD)) {
            throw new AssertionError("the password shows in toString(): " + uri);
        }
    }
}

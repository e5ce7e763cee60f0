package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.RedisServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client's side of issue 15's security items, against a real
 * redis-server with {@code requirepass} and TLS: a certificate for another
 * host name is refused by default, accepted only with host name checking
 * turned off explicitly (which logs a warning once per connection); a wrong
 * or missing password gives Redis's own error; the password shows nowhere,
 * not in {@code toString()}, logs or exception messages. (The server's side,
 * AUTH and protected mode, is aioj-server's AuthTest and LimitsTest.)
 */
class SecurityTest {

    private static final String PASSWORD = "Sec-9d41e7b2";

    /** TLS with a server certificate for "redis.example" only: dialing 127.0.0.1 is a host name mismatch. */
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().password(PASSWORD)
            .tls("redis.example").build();

    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (records) {
                records.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final Logger clientLogs = Logger.getLogger("dev.aioj.redis");
    private final List<RedisConnection> connections = new ArrayList<>();

    @BeforeEach
    void captureLogs() {
        clientLogs.addHandler(capture);
    }

    @AfterEach
    void release() {
        connections.forEach(RedisConnection::abort);
        clientLogs.removeHandler(capture);
    }

    private List<String> logLines() {
        synchronized (records) {
            List<String> lines = new ArrayList<>();
            for (LogRecord r : records) {
                String text = new java.util.logging.SimpleFormatter().formatMessage(r);
                lines.add(r.getLevel() + " " + text + (r.getThrown() == null ? "" : " " + r.getThrown()));
            }
            return lines;
        }
    }

    private static Throwable failureOf(CompletableFuture<?> future) throws Exception {
        try {
            future.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected " + future + " to fail");
    }

    /**
     * PING until one is answered: Redis answers CLIENT KILL SKIPME no, then
     * closes, so a PING sent right after may go to the closing socket and fail
     * as lost (may have run); the next waits for the reconnect.
     */
    private static String pingAfterTheLoss(RedisConnection c) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return c.ping().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RedisConnectionException) || attempt == 3) throw e;
            }
        }
    }

    private String tlsUri() {
        Assumptions.assumeTrue(redis.tlsSupported(), redis::tlsUnsupportedReason);
        return "rediss://:" + PASSWORD + "@127.0.0.1:" + redis.tlsPort() + "?timeout=5s";
    }

    @Test
    void aCertificateForAnotherHostIsRefusedByDefault() throws Exception {
        RedisOptions trusting = RedisOptions.builder().sslContext(redis.tlsMaterial().trustingContext()).build();
        Throwable failure = failureOf(RedisConnection.connect(RedisUri.parse(tlsUri()), trusting));
        assertThat(failure).isInstanceOf(RedisConnectionException.class)
                .hasRootCauseInstanceOf(java.security.cert.CertificateException.class);
        Throwable cause = failure;
        while (cause != null && !(cause instanceof SSLHandshakeException)) cause = cause.getCause();
        assertThat(cause).as("an SSLHandshakeException in the chain").isNotNull();
        assertThat(String.valueOf(failure.getMessage())).doesNotContain(PASSWORD);
    }

    @Test
    void anUntrustedCertificateIsRefusedByDefault() throws Exception {
        Throwable failure = failureOf(RedisConnection.connect(RedisUri.parse(tlsUri()), RedisOptions.defaults()));
        assertThat(failure).isInstanceOf(RedisConnectionException.class);
        assertThat(String.valueOf(failure.getMessage())).doesNotContain(PASSWORD);
    }

    @Test
    void turningHostNameCheckingOffExplicitlyConnectsAndWarnsOncePerConnectionNotPerReconnect() throws Exception {
        RedisOptions unchecked = RedisOptions.builder().sslContext(redis.tlsMaterial().trustingContext())
                .tlsVerifyHostname(false).build();
        RedisConnection c = RedisConnection.connect(RedisUri.parse(tlsUri()), unchecked).get(15, TimeUnit.SECONDS);
        connections.add(c);
        assertThat(c.ping().get(10, TimeUnit.SECONDS)).isEqualTo("PONG");
        // the server drops us; the client reconnects over TLS, without a second warning
        c.execute("CLIENT", "KILL", "SKIPME", "no").exceptionally(e -> null).get(10, TimeUnit.SECONDS);
        assertThat(pingAfterTheLoss(c)).isEqualTo("PONG");
        assertThat(logLines()).filteredOn(l -> l.contains("without host name verification")).hasSize(1);
        assertThat(logLines()).anyMatch(l -> l.contains("reconnected"));
    }

    @Test
    void aWrongPasswordGivesRedisErrorAndThePasswordShowsNowhere() throws Exception {
        String wrong = "Wrong-5c0ffee1";
        String uri = "redis://user0:" + wrong + "@127.0.0.1:" + redis.port() + "/0?timeout=2s";
        Throwable failure = failureOf(RedisConnection.connect(uri));
        assertThat(failure).isInstanceOfSatisfying(RedisReplyException.class,
                e -> assertThat(e.kind()).isEqualTo("WRONGPASS"));
        assertThat(failure.toString()).doesNotContain(wrong);
        assertThat(RedisUri.parse(uri).toString()).doesNotContain(wrong).contains("****");
        try {
            RedisUri.parse(uri + "&bogus=1");
            throw new AssertionError("an unknown option parsed");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).doesNotContain(wrong);
        }
        assertThat(logLines()).noneMatch(l -> l.contains(wrong));
    }

    @Test
    void withoutAPasswordEveryCommandGetsNoauth() throws Exception {
        RedisConnection c = RedisConnection.connect("redis://127.0.0.1:" + redis.port() + "?protocol=2")
                .get(10, TimeUnit.SECONDS); // RESP2: no HELLO in the greeting, so it connects unauthenticated
        connections.add(c);
        for (CompletableFuture<?> f : List.of(c.get("k"), c.set("k", "v"), c.ping(), c.execute("KEYS", "*"))) {
            assertThat(failureOf(f)).isInstanceOfSatisfying(RedisReplyException.class,
                    e -> assertThat(e.kind()).isEqualTo("NOAUTH"));
        }
    }

    @Test
    void thePasswordShowsInNoToStringLogOrErrorOfAConnectionThatLosesItsServer() throws Exception {
        RedisConnection c = RedisConnection.connect("redis://default:" + PASSWORD + "@127.0.0.1:" + redis.port()
                + "?timeout=2s").get(10, TimeUnit.SECONDS);
        connections.add(c);
        assertThat(c.toString()).doesNotContain(PASSWORD);
        assertThat(c.uri().toString()).doesNotContain(PASSWORD);
        CompletableFuture<Object> killed = c.execute("CLIENT", "KILL", "SKIPME", "no");
        Throwable error = killed.handle((v, e) -> e).get(10, TimeUnit.SECONDS);
        if (error != null) {
            assertThat(error.toString()).doesNotContain(PASSWORD);
        }
        assertThat(pingAfterTheLoss(c)).isEqualTo("PONG"); // re-authenticated
        assertThat(logLines()).isNotEmpty().noneMatch(l -> l.contains(PASSWORD));
    }
}

package dev.aioj.redis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aioj.redis.resp.RespValue;
import java.io.IOException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The TLS port with generated certificates, when the binary supports TLS. */
class RedisServerTlsTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().tls().build();

    @BeforeEach
    void requireTls() {
        assumeTrue(redis.tlsSupported(), redis::tlsUnsupportedReason);
    }

    @Test
    void answersPingOverTlsWithTheGeneratedCertificates() throws Exception {
        try (SSLSocket socket = redis.tlsSocket(); RawRedisConnection connection = RawRedisConnection.over(socket)) {
            assertThat(connection.call("PING")).isSameAs(RespValue.Simple.PONG);
            X509Certificate server = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertThat(server.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
            assertThat(server.getIssuerX500Principal()).isEqualTo(redis.tlsMaterial().ca().getSubjectX500Principal());
            assertThat(server.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))))
                    .containsExactlyInAnyOrder("localhost", "127.0.0.1");
        }
    }

    @Test
    void aClientWithoutItsOwnCertificateIsAcceptedToo() throws IOException {
        try (SSLSocket socket = (SSLSocket) redis.tlsMaterial().trustingContext().getSocketFactory()
                .createSocket(redis.host(), redis.tlsPort());
                RawRedisConnection connection = RawRedisConnection.over(socket)) {
            socket.setSoTimeout(10_000);
            assertThat(connection.call("PING")).isSameAs(RespValue.Simple.PONG);
        }
    }

    @Test
    void thePemFilesAreWhereRedisReadsThem() {
        TlsMaterial tls = redis.tlsMaterial();
        assertThat(tls.caCertificate()).content().startsWith("-----BEGIN CERTIFICATE-----\n");
        assertThat(tls.serverKey()).content().startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(tls.clientCertificate()).exists();
        assertThat(tls.clientKey()).exists();
    }
}

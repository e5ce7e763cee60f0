package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.RedisConnection;
import dev.aioj.redis.RedisOptions;
import dev.aioj.redis.RedisUri;
import dev.aioj.redis.testing.TlsMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listeners of Redis 7.0's network directives: a unix socket with its
 * permissions, TLS on its own port with the PEM files redis.conf names and
 * client certificates as tls-auth-clients asks, several bind addresses,
 * optional ones, wildcards, and port 0 switching TCP off. Reached with the
 * real redis-cli ({@code -s}, {@code --tls}) where installed, and with
 * aioj-redis's {@code unix://} and {@code rediss://}.
 */
class ListenersTest {

    @TempDir
    Path dir;

    @Test
    void aUnixSocketServesRedisCliAndAiojRedisAndIsRemovedOnClose() throws Exception {
        Path socket = dir.resolve("aioj.sock");
        try (RedisServer server = RedisServer.start(ServerConfig.builder().set("port", "0")
                .unixSocket(socket).set("unixsocketperm", "770").build())) {
            assertThat(server.port()).as("port 0 switches TCP off").isEqualTo(-1);
            assertThat(server.unixSocket()).isEqualTo(socket);
            assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(Listeners.posix(0770));
            try (RedisConnection c = RedisConnection.connect("unix://" + socket).get(10, TimeUnit.SECONDS)) {
                assertThat(c.set("k", "over unix").thenCompose(ok -> c.get("k")).get(10, TimeUnit.SECONDS))
                        .isEqualTo("over unix");
            }
            RedisCli.Result cli = RedisCli.run("-s", socket.toString(), "GET", "k");
            assertThat(cli.out()).isEqualTo("over unix\n");
            assertThat(RedisCli.run("-s", socket.toString(), "CONFIG", "GET", "unixsocketperm").out())
                    .isEqualTo("unixsocketperm\n770\n");
        }
        assertThat(socket).as("the socket file goes with the server").doesNotExist();
    }

    @Test
    void tlsServesRedisCliAndAiojRedisWithTheConfiguredCertificates() throws Exception {
        TlsMaterial tls = TlsMaterial.generate(dir);
        try (RedisServer server = RedisServer.start(tlsConfig(tls, "optional").build())) {
            assertThat(server.tlsPort()).isPositive();
            try (RedisConnection c = RedisConnection.connect(RedisUri.parse("rediss://localhost:" + server.tlsPort()),
                    RedisOptions.builder().sslContext(tls.trustingContext()).build()).get(10, TimeUnit.SECONDS)) {
                assertThat(c.set("k", "over tls").thenCompose(ok -> c.get("k")).get(10, TimeUnit.SECONDS))
                        .isEqualTo("over tls");
            }
            RedisCli.Result cli = RedisCli.run("--tls", "--cacert", tls.caCertificate().toString(), "-p",
                    Integer.toString(server.tlsPort()), "GET", "k");
            assertThat(cli.out()).isEqualTo("over tls\n");
            assertThat(RedisCli.run("--tls", "--cacert", tls.caCertificate().toString(), "--cert",
                    tls.clientCertificate().toString(), "--key", tls.clientKey().toString(), "-p",
                    Integer.toString(server.tlsPort()), "PING").out()).isEqualTo("PONG\n");
            try (RespConnection plain = new RespConnection(server.port())) {
                assertThat(plain.call("GET", "k")).as("TCP serves the same data").isEqualTo("$8\r\nover tls\r\n");
            }
        }
    }

    @Test
    void tlsAuthClientsYesRefusesAClientWithoutACertificate() throws Exception {
        TlsMaterial tls = TlsMaterial.generate(dir);
        try (RedisServer server = RedisServer.start(tlsConfig(tls, "yes").build())) {
            try (SSLSocket anonymous = (SSLSocket) tls.trustingContext().getSocketFactory()
                    .createSocket("127.0.0.1", server.tlsPort())) {
                anonymous.setSoTimeout(10_000);
                assertThatThrownBy(() -> {
                    anonymous.startHandshake();
                    anonymous.getOutputStream().write("PING\r\n".getBytes());
                    anonymous.getOutputStream().flush();
                    if (anonymous.getInputStream().read() < 0) {
                        throw new SSLException("closed by the server");
                    }
                }).isInstanceOf(IOException.class);
            }
            try (SSLSocket withCertificate = (SSLSocket) tls.clientContext().getSocketFactory()
                    .createSocket("127.0.0.1", server.tlsPort())) {
                withCertificate.setSoTimeout(10_000);
                withCertificate.getOutputStream().write("PING\r\n".getBytes());
                assertThat(new String(withCertificate.getInputStream().readNBytes(7))).isEqualTo("+PONG\r\n");
            }
            RedisCli.Result noCert = RedisCli.run("--tls", "--cacert", tls.caCertificate().toString(), "-p",
                    Integer.toString(server.tlsPort()), "PING");
            assertThat(noCert.out()).doesNotContain("PONG");
        }
    }

    @Test
    void tlsSettingsChangeAtRunTimeAndABadOneIsRefusedKeepingTheOld() throws Exception {
        TlsMaterial tls = TlsMaterial.generate(dir);
        try (RedisServer server = RedisServer.start(tlsConfig(tls, "yes").build());
                RespConnection admin = new RespConnection(server.port())) {
            assertThat(admin.call("CONFIG", "SET", "tls-cert-file", dir.resolve("missing.crt").toString()))
                    .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'tls-cert-file') - Unable to "
                            + "update TLS configuration. Check server logs.\r\n");
            assertThat(admin.call("CONFIG", "GET", "tls-cert-file")).contains(tls.serverCertificate().toString());
            assertThat(admin.call("CONFIG", "SET", "tls-auth-clients", "no")).isEqualTo("+OK\r\n");
            try (SSLSocket anonymous = (SSLSocket) tls.trustingContext().getSocketFactory()
                    .createSocket("127.0.0.1", server.tlsPort())) {
                anonymous.setSoTimeout(10_000);
                anonymous.getOutputStream().write("PING\r\n".getBytes());
                assertThat(new String(anonymous.getInputStream().readNBytes(7))).isEqualTo("+PONG\r\n");
            }
        }
    }

    @Test
    void tlsWithoutItsFilesDoesNotStart() {
        assertThatThrownBy(() -> RedisServer.start(ServerConfig.builder().port(0).tlsPort(0).build()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("No tls-cert-file configured!");
        TlsMaterial tls = TlsMaterial.generate(dir);
        assertThatThrownBy(() -> RedisServer.start(ServerConfig.builder().port(0).tlsPort(0)
                .set("tls-cert-file", tls.serverCertificate().toString())
                .set("tls-key-file", tls.serverKey().toString()).build()))
                .as("tls-auth-clients defaults to yes, which needs a CA")
                .isInstanceOf(ConfigException.class).hasMessageContaining("tls-ca-cert-file or tls-ca-cert-dir");
    }

    private ServerConfig.Builder tlsConfig(TlsMaterial tls, String authClients) {
        return ServerConfig.builder().port(0).tlsPort(0)
                .set("tls-cert-file", tls.serverCertificate().toString())
                .set("tls-key-file", tls.serverKey().toString())
                .set("tls-ca-cert-file", tls.caCertificate().toString())
                .set("tls-auth-clients", authClients);
    }

    @Test
    void severalBindAddressesShareThePortAndAMissingOptionalOneIsSkipped() throws Exception {
        boolean ipv6 = hasIpv6Loopback();
        List<String> bind = ipv6 ? List.of("127.0.0.1", "::1", "-192.0.2.123") : List.of("127.0.0.1", "-192.0.2.123");
        try (RedisServer server = RedisServer.start(ServerConfig.builder().port(0)
                .bind(bind.toArray(new String[0])).build())) {
            List<SocketAddress> addresses = server.addresses();
            assertThat(addresses).hasSize(ipv6 ? 2 : 1);
            assertThat(addresses).allMatch(a -> ((InetSocketAddress) a).getPort() == server.port());
            if (ipv6) {
                try (Socket s = new Socket(InetAddress.getByName("::1"), server.port());
                        RespConnection c = new RespConnection("127.0.0.1", server.port())) {
                    assertThat(s.isConnected()).isTrue();
                    assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
                }
            }
        }
    }

    @Test
    void aMissingAddressThatIsNotOptionalFailsTheStartNamingIt() {
        assertThatThrownBy(() -> RedisServer.start(ServerConfig.builder().port(0).bind("127.0.0.1", "192.0.2.123")
                .build()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot listen on 192.0.2.123:");
    }

    @Test
    void theWildcardsListenEverywhereWithOneDualStackSocketWhenBothAreAsked() throws Exception {
        try (RedisServer server = RedisServer.start(ServerConfig.builder().port(0).protectedMode(false)
                .config("bind * -::*").build());
                RespConnection c = new RespConnection("127.0.0.1", server.port())) {
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
            assertThat(server.addresses()).hasSize(1)
                    .allMatch(a -> ((InetSocketAddress) a).getAddress().isAnyLocalAddress());
        }
    }

    private static boolean hasIpv6Loopback() throws IOException {
        NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
        return lo != null && lo.inetAddresses().anyMatch(a -> a instanceof Inet6Address);
    }

    /** redis-cli from the PATH; tests using it are skipped, saying so, where it is not installed. */
    static final class RedisCli {
        record Result(int exit, String out) {}

        static Result run(String... args) throws IOException, InterruptedException {
            Path cli = RedisToolsTest.onPath("redis-cli");
            Assumptions.assumeTrue(cli != null, "redis-cli is not on PATH: install redis-tools to run this check");
            List<String> command = new java.util.ArrayList<>(List.of(cli.toString()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("redis-cli " + String.join(" ", args) + " did not finish");
            }
            return new Result(p.exitValue(), out);
        }
    }
}

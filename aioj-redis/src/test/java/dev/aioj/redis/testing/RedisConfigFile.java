package dev.aioj.redis.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code redis.conf} that {@link RedisServerExtension} starts a server
 * with: loopback only, nothing persisted, everything inside the server's own
 * temp folder, log to stdout (where the harness watches for "ready"), plus
 * the options the test asked for. A config file rather than command-line
 * flags because repeated directives ({@code user}) and quoted values
 * (passwords, paths) are unambiguous there.
 *
 * @param dir          the server's temp folder: its {@code dir}, socket and certificates
 * @param tls          certificates for the TLS port, or {@code null} for no TLS
 * @param debugCommand whether to add {@code enable-debug-command yes} (only known from Redis 7 on)
 * @param extraLines   the test's own lines, last so they win
 */
record RedisConfigFile(Path dir, int port, String password, boolean unixSocket, TlsMaterial tls, int tlsPort,
        boolean debugCommand, List<String> extraLines) {

    static final String HOST = "127.0.0.1";
    static final String SOCKET_NAME = "redis.sock";

    List<String> lines() {
        List<String> lines = new ArrayList<>(List.of(
                "bind " + HOST,
                "port " + port,
                "save \"\"",
                "appendonly no",
                "daemonize no",
                "logfile \"\"",
                "dir " + quote(dir)));
        if (password != null) lines.add("requirepass " + quote(password));
        if (unixSocket) {
            lines.add("unixsocket " + quote(dir.resolve(SOCKET_NAME)));
            lines.add("unixsocketperm 700");
        }
        if (tls != null) {
            lines.add("tls-port " + tlsPort);
            lines.add("tls-cert-file " + quote(tls.serverCertificate()));
            lines.add("tls-key-file " + quote(tls.serverKey()));
            lines.add("tls-ca-cert-file " + quote(tls.caCertificate()));
            lines.add("tls-auth-clients optional");
        }
        if (debugCommand) lines.add("enable-debug-command yes");
        lines.addAll(extraLines);
        return lines;
    }

    /** Writes {@code redis.conf} into {@link #dir} and returns its path. */
    Path write() throws IOException {
        return Files.write(dir.resolve("redis.conf"), lines(), StandardCharsets.UTF_8);
    }

    /** A config-file string: double quotes, with backslashes and quotes escaped. */
    static String quote(Object value) {
        return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

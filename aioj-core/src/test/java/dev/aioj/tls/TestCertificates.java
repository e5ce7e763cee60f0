package dev.aioj.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates made at test time with the JDK's own {@code
 * keytool}, once per name and test JVM (about half a second each), naming
 * localhost and 127.0.0.1. A certificate nobody trusts needs no second one:
 * the platform's default trust store ({@code SSLContext.getDefault()}) has
 * never heard of these.
 */
final class TestCertificates {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static Path dir;

    private TestCertificates() {}

    /** A server context presenting {@code name}'s certificate. */
    static SSLContext serverContext(String name) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore(name), PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** A client context trusting only {@code name}'s certificate. */
    static SSLContext clientContextTrusting(String name) throws Exception {
        Certificate certificate = keyStore(name).getCertificate(name);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry(name, certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static synchronized KeyStore keyStore(String name) throws Exception {
        if (dir == null) {
            dir = Files.createTempDirectory("aioj-tls-test");
            dir.toFile().deleteOnExit();
        }
        Path file = dir.resolve(name + ".p12");
        if (!Files.exists(file)) {
            generate(name, file);
            file.toFile().deleteOnExit();
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static void generate(String name, Path file) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        // keytool is a short-lived JVM: the C1 compiler alone starts it twice as fast.
        List<String> command = List.of(keytool.toString(), "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC",
                "-genkeypair", "-alias", name,
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost, O=aioj test " + name,
                "-ext", "san=dns:localhost,ip:127.0.0.1",
                "-keystore", file.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD), "-noprompt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + command + "\n" + output);
        }
    }
}

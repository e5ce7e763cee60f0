package dev.aioj.redis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Throwaway TLS credentials for a test redis-server, made in pure Java in a few
 * milliseconds: a self-signed CA, a server certificate it signed (for
 * {@code 127.0.0.1} and {@code localhost}) and a client certificate it signed,
 * all EC P-256, valid for two days. Redis wants PEM files, so the
 * certificates and PKCS#8 private keys are written as PEM into the server's
 * temp folder; Java clients get a ready {@link SSLContext}.
 */
public final class TlsMaterial {

    private static final char[] PASSWORD = "aioj-test".toCharArray();
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

    private final Path caCertificate;
    private final Path serverCertificate;
    private final Path serverKey;
    private final Path clientCertificate;
    private final Path clientKey;
    private final X509Certificate ca;
    private final X509Certificate client;
    private final PrivateKey clientPrivateKey;

    private TlsMaterial(Path dir, X509Certificate ca, X509Certificate server, PrivateKey serverPrivateKey,
            X509Certificate client, PrivateKey clientPrivateKey) throws IOException, GeneralSecurityException {
        this.ca = ca;
        this.client = client;
        this.clientPrivateKey = clientPrivateKey;
        this.caCertificate = writePem(dir.resolve("ca.crt"), "CERTIFICATE", ca.getEncoded());
        this.serverCertificate = writePem(dir.resolve("server.crt"), "CERTIFICATE", server.getEncoded());
        this.serverKey = writePem(dir.resolve("server.key"), "PRIVATE KEY", serverPrivateKey.getEncoded());
        this.clientCertificate = writePem(dir.resolve("client.crt"), "CERTIFICATE", client.getEncoded());
        this.clientKey = writePem(dir.resolve("client.key"), "PRIVATE KEY", clientPrivateKey.getEncoded());
    }

    /** Generates a CA, a server and a client certificate and writes their PEM files into {@code dir}. */
    public static TlsMaterial generate(Path dir) {
        return generate(dir, "localhost");
    }

    /**
     * Like {@link #generate(Path)}, with a server certificate for {@code
     * serverName} only: its one subject alternative name, no IP address
     * unless it is {@code "localhost"} (then 127.0.0.1 too). A client that
     * dials 127.0.0.1 and checks host names must refuse such a server.
     */
    public static TlsMaterial generate(Path dir, String serverName) {
        try {
            KeyPair caKeys = newKeyPair();
            KeyPair serverKeys = newKeyPair();
            KeyPair clientKeys = newKeyPair();
            X509Certificate ca = certificate("aioj test CA", caKeys, "aioj test CA", caKeys, Role.CA);
            X509Certificate server = certificate(serverName, serverKeys, "aioj test CA", caKeys, Role.SERVER);
            X509Certificate client = certificate("aioj test client", clientKeys, "aioj test CA", caKeys, Role.CLIENT);
            return new TlsMaterial(dir, ca, server, serverKeys.getPrivate(), client, clientKeys.getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate test certificates", e);
        }
    }

    public Path caCertificate() {
        return caCertificate;
    }

    public Path serverCertificate() {
        return serverCertificate;
    }

    public Path serverKey() {
        return serverKey;
    }

    public Path clientCertificate() {
        return clientCertificate;
    }

    public Path clientKey() {
        return clientKey;
    }

    /** The CA certificate, to build trust stores. */
    public X509Certificate ca() {
        return ca;
    }

    /** A client context that trusts the test CA and presents the client certificate when asked. */
    public SSLContext clientContext() {
        return context(true);
    }

    /** A client context that trusts the test CA and has no certificate of its own. */
    public SSLContext trustingContext() {
        return context(false);
    }

    private SSLContext context(boolean withClientCertificate) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            KeyManagerFactory keyManagers = null;
            if (withClientCertificate) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", clientPrivateKey, PASSWORD, new Certificate[] {client, ca});
                keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(keys, PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(),
                    new SecureRandom());
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the test SSLContext", e);
        }
    }

    private enum Role { CA, SERVER, CLIENT }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
            Role role) throws GeneralSecurityException {
        Instant now = Instant.now();
        byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)),
                Der.integer(new BigInteger(63, new SecureRandom()).add(BigInteger.ONE)),
                algorithm,
                name(issuer),
                Der.sequence(Der.utcTime(now.minus(Duration.ofHours(1))), Der.utcTime(now.plus(Duration.ofDays(2)))),
                name(subject),
                subjectKeys.getPublic().getEncoded(),
                Der.explicit(3, Der.sequence(extensions(subject, subjectKeys, issuerKeys, role))));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(issuerKeys.getPrivate());
        signer.update(tbs);
        byte[] der = Der.sequence(tbs, algorithm, Der.bitString(0, signer.sign()));
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(der));
        certificate.verify(issuerKeys.getPublic());
        return certificate;
    }

    private static byte[] name(String commonName) {
        return Der.sequence(Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8String(commonName))));
    }

    private static byte[][] extensions(String subject, KeyPair subjectKeys, KeyPair issuerKeys, Role role)
            throws GeneralSecurityException {
        byte[] subjectKeyId = Der.octetString(keyId(subjectKeys));
        byte[] authorityKeyId = Der.sequence(Der.implicit(0, keyId(issuerKeys)));
        return switch (role) {
            case CA -> new byte[][] {
                extension("2.5.29.19", true, Der.sequence(Der.bool(true))),            // basicConstraints CA
                extension("2.5.29.15", true, Der.bitString(1, new byte[] {0x06})),     // keyCertSign, cRLSign
                extension("2.5.29.14", false, subjectKeyId),
            };
            case SERVER, CLIENT -> new byte[][] {
                extension("2.5.29.19", true, Der.sequence()),                          // not a CA
                extension("2.5.29.15", true, Der.bitString(7, new byte[] {(byte) 0x80})), // digitalSignature
                extension("2.5.29.37", false, Der.sequence(Der.oid(role == Role.SERVER
                        ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2"))),               // serverAuth / clientAuth
                extension("2.5.29.17", false, role == Role.SERVER && !subject.equals("localhost")
                        ? Der.sequence(Der.implicit(2, subject.getBytes(StandardCharsets.US_ASCII))) // subjectAltName
                        : Der.sequence(
                                Der.implicit(2, "localhost".getBytes(StandardCharsets.US_ASCII)),
                                Der.implicit(7, new byte[] {127, 0, 0, 1}))),
                extension("2.5.29.14", false, subjectKeyId),
                extension("2.5.29.35", false, authorityKeyId),
            };
        };
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    private static byte[] keyId(KeyPair keys) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-1").digest(keys.getPublic().getEncoded());
    }

    private static Path writePem(Path file, String type, byte[] der) throws IOException {
        String pem = "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        return file;
    }
}

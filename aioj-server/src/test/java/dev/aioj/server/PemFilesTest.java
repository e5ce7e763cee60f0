package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The private key forms OpenSSL writes and redis.conf's tls-key-file may
 * name: PKCS#8, PKCS#1 RSA, SEC1 EC and encrypted PKCS#8 (with
 * tls-key-file-pass); and what the user sees for the rest.
 */
class PemFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsPkcs8AndPkcs1RsaKeys() throws Exception {
        KeyPair rsa = pair("RSA", null);
        assertThat(PemFiles.privateKey(pem("pkcs8.key", "PRIVATE KEY", rsa.getPrivate().getEncoded()), null))
                .isEqualTo(rsa.getPrivate());
        byte[] pkcs1 = innerKey(rsa.getPrivate().getEncoded());
        assertThat(PemFiles.privateKey(pem("pkcs1.key", "RSA PRIVATE KEY", pkcs1), null).getEncoded())
                .isEqualTo(rsa.getPrivate().getEncoded());
    }

    @Test
    void readsSec1EcKeysOnTheCurveTheyName() throws Exception {
        KeyPair ec = pair("EC", new ECGenParameterSpec("secp384r1"));
        byte[] s = new byte[48];
        byte[] raw = ((java.security.interfaces.ECPrivateKey) ec.getPrivate()).getS().toByteArray();
        System.arraycopy(raw, Math.max(0, raw.length - 48), s, Math.max(0, 48 - raw.length), Math.min(48, raw.length));
        byte[] sec1 = PemFiles.Der.sequence(PemFiles.Der.integer(1), PemFiles.Der.octetString(s),
                PemFiles.Der.tagged(0xA0, PemFiles.Der.oid("1.3.132.0.34"))); // OpenSSL names the curve in [0]
        PrivateKey read = PemFiles.privateKey(pem("ec.key", "EC PRIVATE KEY", sec1), null);
        assertThat(read.getAlgorithm()).isEqualTo("EC");
        assertThat(((java.security.interfaces.ECPrivateKey) read).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) ec.getPrivate()).getS());
    }

    @Test
    void readsEncryptedPkcs8WithThePassword() throws Exception {
        KeyPair ec = pair("EC", new ECGenParameterSpec("secp256r1"));
        Path file = pem("enc.key", "ENCRYPTED PRIVATE KEY", encrypt(ec.getPrivate().getEncoded(), "s3cret"));
        assertThat(PemFiles.privateKey(file, "s3cret").getEncoded()).isEqualTo(ec.getPrivate().getEncoded());
        assertThatThrownBy(() -> PemFiles.privateKey(file, null)).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("set tls-key-file-pass");
        assertThatThrownBy(() -> PemFiles.privateKey(file, "wrong")).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("cannot decrypt the key with tls-key-file-pass");
    }

    @Test
    void namesTheFileWhenItHoldsNoKeyOrACertificateIsMissing() throws Exception {
        Path notAKey = Files.writeString(dir.resolve("x.pem"), "hello\n");
        assertThatThrownBy(() -> PemFiles.privateKey(notAKey, null)).hasMessage(notAKey + ": no PEM private key in it");
        assertThatThrownBy(() -> PemFiles.certificates(notAKey)).hasMessage(notAKey + ": no PEM certificate in it");
        Path legacy = Files.writeString(dir.resolve("legacy.key"), "-----BEGIN RSA PRIVATE KEY-----\n"
                + "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> PemFiles.privateKey(legacy, "x")).hasMessageContaining("openssl pkcs8 -topk8");
    }

    private static KeyPair pair(String algorithm, ECGenParameterSpec curve) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        if (curve != null) {
            g.initialize(curve);
        } else {
            g.initialize(2048);
        }
        return g.generateKeyPair();
    }

    /**
     * The key inside a PKCS#8 PrivateKeyInfo, the OCTET STRING that ends it:
     * PKCS#1 for RSA, SEC1 for EC (the JDK writes no attributes after it).
     */
    private static byte[] innerKey(byte[] pkcs8) {
        for (int i = 0; i < pkcs8.length - 1; i++) {
            if (pkcs8[i] != 0x04) {
                continue;
            }
            int first = pkcs8[i + 1] & 0xFF;
            int lengthBytes = first < 0x80 ? 0 : first & 0x7F;
            int length = first < 0x80 ? first : 0;
            for (int k = 0; k < lengthBytes; k++) {
                length = (length << 8) | (pkcs8[i + 2 + k] & 0xFF);
            }
            int contents = i + 2 + lengthBytes;
            if (contents + length == pkcs8.length) {
                return java.util.Arrays.copyOfRange(pkcs8, contents, pkcs8.length);
            }
        }
        throw new IllegalArgumentException("no OCTET STRING ends this PrivateKeyInfo");
    }

    /** PKCS#8 encrypted as OpenSSL 3 does by default: PBES2, PBKDF2 with HMAC-SHA256, AES-256-CBC. */
    private static byte[] encrypt(byte[] pkcs8, String password) throws Exception {
        byte[] salt = new byte[16];
        byte[] iv = new byte[16];
        new SecureRandom().nextBytes(salt);
        new SecureRandom().nextBytes(iv);
        int iterations = 2048;
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
        aes.init(Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        byte[] encrypted = aes.doFinal(pkcs8);
        byte[] pbkdf2 = PemFiles.Der.sequence(PemFiles.Der.oid("1.2.840.113549.1.5.12"), PemFiles.Der.sequence(
                PemFiles.Der.octetString(salt),
                PemFiles.Der.tagged(0x02, java.math.BigInteger.valueOf(iterations).toByteArray()),
                PemFiles.Der.sequence(PemFiles.Der.oid("1.2.840.113549.2.9"), PemFiles.Der.nullValue())));
        byte[] scheme = PemFiles.Der.sequence(PemFiles.Der.oid("2.16.840.1.101.3.4.1.42"),
                PemFiles.Der.octetString(iv));
        byte[] algorithm = PemFiles.Der.sequence(PemFiles.Der.oid("1.2.840.113549.1.5.13"),
                PemFiles.Der.sequence(pbkdf2, scheme));
        return PemFiles.Der.sequence(algorithm, PemFiles.Der.octetString(encrypted));
    }

    @Test
    void readsTheKeysOpensslWrites() throws Exception {
        Path openssl = RedisToolsTest.onPath("openssl");
        org.junit.jupiter.api.Assumptions.assumeTrue(openssl != null, "openssl is not on PATH");
        for (String algorithm : new String[] {"RSA", "EC"}) {
            Path pkcs8 = dir.resolve(algorithm + ".pkcs8");
            Path traditional = dir.resolve(algorithm + ".traditional");
            Path encrypted = dir.resolve(algorithm + ".encrypted");
            run(openssl.toString(), "genpkey", "-algorithm", algorithm, "-out", pkcs8.toString(),
                    algorithm.equals("EC") ? "-pkeyopt" : "-pkeyopt",
                    algorithm.equals("EC") ? "ec_paramgen_curve:P-256" : "rsa_keygen_bits:2048");
            run(openssl.toString(), "pkey", "-in", pkcs8.toString(), "-traditional", "-out", traditional.toString());
            run(openssl.toString(), "pkcs8", "-topk8", "-in", pkcs8.toString(), "-v2", "aes-256-cbc", "-passout",
                    "pass:s3cret", "-out", encrypted.toString());
            assertThat(Files.readString(traditional)).startsWith("-----BEGIN " + algorithm + " PRIVATE KEY-----");
            String expected = secret(PemFiles.privateKey(pkcs8, null));
            assertThat(secret(PemFiles.privateKey(traditional, null))).as(algorithm + " traditional")
                    .isEqualTo(expected);
            assertThat(secret(PemFiles.privateKey(encrypted, "s3cret"))).as(algorithm + " encrypted")
                    .isEqualTo(expected);
        }
    }

    /** The key's secret number: SEC1 inside PKCS#8 may or may not repeat the curve, the secret is the same. */
    private static String secret(PrivateKey key) {
        return key instanceof java.security.interfaces.ECPrivateKey ec ? "EC " + ec.getS()
                : ((java.security.interfaces.RSAPrivateKey) key).getPrivateExponent().toString();
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    }

    private Path pem(String name, String type, byte[] der) throws Exception {
        return Files.writeString(dir.resolve(name), "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n");
    }
}

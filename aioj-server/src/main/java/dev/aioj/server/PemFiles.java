package dev.aioj.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads the PEM files redis.conf names for TLS, which the JDK cannot read
 * by itself: certificate chains, and private keys as OpenSSL writes them,
 * PKCS#8 ({@code BEGIN PRIVATE KEY}, also {@code BEGIN ENCRYPTED PRIVATE
 * KEY} with a password), PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}) and
 * SEC1 EC ({@code BEGIN EC PRIVATE KEY}). Errors are {@link
 * GeneralSecurityException}s whose message names the file.
 *
 * <p>Thread contract: pure functions, any thread (they block on file reads).
 */
final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final String RSA_OID = "1.2.840.113549.1.1.1";
    private static final String EC_OID = "1.2.840.10045.2.1";

    private PemFiles() {}

    /** Every certificate in {@code file}, in order (a chain: the server's own first). */
    static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        for (Block block : blocks(file)) {
            if (block.type().equals("CERTIFICATE") || block.type().equals("TRUSTED CERTIFICATE")) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
            }
        }
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException(file + ": no PEM certificate in it");
        }
        return certificates;
    }

    /** The certificates of every readable PEM file in {@code folder} (tls-ca-cert-dir). */
    static List<X509Certificate> certificatesIn(Path folder) throws IOException, GeneralSecurityException {
        List<X509Certificate> all = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            try {
                all.addAll(certificates(file));
            } catch (GeneralSecurityException notACertificate) {
                // OpenSSL's CApath skips files that are not certificates too
            }
        }
        if (all.isEmpty()) {
            throw new GeneralSecurityException(folder + ": no PEM certificate in this folder");
        }
        return all;
    }

    /** The first private key in {@code file}; {@code password} for an encrypted one, else null. */
    static PrivateKey privateKey(Path file, String password) throws IOException, GeneralSecurityException {
        for (Block block : blocks(file)) {
            switch (block.type()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(file, block.der());
                }
                case "RSA PRIVATE KEY" -> {
                    refuseLegacyEncryption(file, block);
                    return pkcs8(file, wrap(RSA_OID, Der.nullValue(), block.der()));
                }
                case "EC PRIVATE KEY" -> {
                    refuseLegacyEncryption(file, block);
                    return pkcs8(file, wrap(EC_OID, Der.oid(curveOf(file, block.der())), block.der()));
                }
                case "ENCRYPTED PRIVATE KEY" -> {
                    if (password == null) {
                        throw new GeneralSecurityException(file + ": the key is encrypted; set tls-key-file-pass");
                    }
                    return pkcs8(file, decrypt(file, block.der(), password));
                }
                default -> { }
            }
        }
        throw new GeneralSecurityException(file + ": no PEM private key in it");
    }

    private record Block(String type, String headers, byte[] der) {}

    private static List<Block> blocks(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2);
            String headers = "";
            int blank = body.indexOf("\n\n");
            if (body.contains(":") && blank >= 0) { // RFC 1421 headers (Proc-Type, DEK-Info) before a blank line
                headers = body.substring(0, blank);
                body = body.substring(blank + 2);
            }
            try {
                blocks.add(new Block(m.group(1), headers, Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new GeneralSecurityException(file + ": bad base64 in a " + m.group(1) + " block", e);
            }
        }
        return blocks;
    }

    private static void refuseLegacyEncryption(Path file, Block block) throws GeneralSecurityException {
        if (block.headers().contains("ENCRYPTED")) {
            throw new GeneralSecurityException(file + ": OpenSSL's legacy key encryption is not supported; convert "
                    + "the key with 'openssl pkcs8 -topk8'");
        }
    }

    private static PrivateKey pkcs8(Path file, byte[] der) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException tryNext) {
                // not this algorithm
            }
        }
        throw new GeneralSecurityException(file + ": a private key of an unsupported algorithm");
    }

    /** A PKCS#8 PrivateKeyInfo around a PKCS#1 or SEC1 key. */
    private static byte[] wrap(String algorithmOid, byte[] parameters, byte[] key) {
        return Der.sequence(Der.integer(0), Der.sequence(Der.oid(algorithmOid), parameters), Der.octetString(key));
    }

    /** The named curve in a SEC1 ECPrivateKey's [0] parameters. */
    private static String curveOf(Path file, byte[] sec1) throws GeneralSecurityException {
        Der.Reader key = new Der.Reader(sec1).enter(0x30);
        key.skip(); // version
        key.skip(); // private key
        while (key.hasMore()) {
            if (key.peekTag() == 0xA0) {
                return key.enter(0xA0).readOid();
            }
            key.skip();
        }
        throw new GeneralSecurityException(file + ": the EC key does not name its curve");
    }

    private static byte[] decrypt(Path file, byte[] der, String password) throws GeneralSecurityException {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            AlgorithmParameters parameters = info.getAlgParameters();
            String algorithm = parameters != null ? parameters.toString() : info.getAlgName(); // PBES2 names itself
            SecretKeyFactory keys = SecretKeyFactory.getInstance(algorithm);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, keys.generateSecret(new PBEKeySpec(password.toCharArray())), parameters);
            return info.getKeySpec(cipher).getEncoded();
        } catch (IOException | GeneralSecurityException e) {
            throw new GeneralSecurityException(file + ": cannot decrypt the key with tls-key-file-pass ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Just enough DER to wrap a key in PKCS#8 and find a SEC1 key's curve. */
    static final class Der {
        private Der() {}

        static byte[] sequence(byte[]... parts) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (byte[] part : parts) {
                body.writeBytes(part);
            }
            return tagged(0x30, body.toByteArray());
        }

        static byte[] integer(int value) {
            return tagged(0x02, new byte[] {(byte) value});
        }

        static byte[] octetString(byte[] bytes) {
            return tagged(0x04, bytes);
        }

        static byte[] nullValue() {
            return new byte[] {0x05, 0x00};
        }

        static byte[] oid(String dotted) {
            String[] parts = dotted.split("\\.");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
            for (int i = 2; i < parts.length; i++) {
                long v = Long.parseLong(parts[i]);
                int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 6) / 7);
                for (int g = groups - 1; g >= 0; g--) {
                    out.write((int) ((v >>> (7 * g)) & 0x7F) | (g > 0 ? 0x80 : 0));
                }
            }
            return tagged(0x06, out.toByteArray());
        }

        static byte[] tagged(int tag, byte[] body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(tag);
            if (body.length < 0x80) {
                out.write(body.length);
            } else {
                int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(body.length) + 7) / 8;
                out.write(0x80 | bytes);
                for (int i = bytes - 1; i >= 0; i--) {
                    out.write(body.length >>> (8 * i));
                }
            }
            out.writeBytes(body);
            return out.toByteArray();
        }

        /** Reads the elements of one constructed value. */
        static final class Reader {
            private final byte[] bytes;
            private int pos;
            private final int end;

            Reader(byte[] bytes) {
                this(bytes, 0, bytes.length);
            }

            private Reader(byte[] bytes, int from, int end) {
                this.bytes = bytes;
                this.pos = from;
                this.end = end;
            }

            boolean hasMore() {
                return pos < end;
            }

            int peekTag() {
                return bytes[pos] & 0xFF;
            }

            /** Steps into the next element, which must have {@code tag}. */
            Reader enter(int tag) throws GeneralSecurityException {
                if (!hasMore() || peekTag() != tag) {
                    throw new GeneralSecurityException("malformed DER: expected tag " + tag);
                }
                int[] lengthAt = length(pos + 1);
                Reader inner = new Reader(bytes, lengthAt[1], lengthAt[1] + lengthAt[0]);
                pos = lengthAt[1] + lengthAt[0];
                return inner;
            }

            void skip() throws GeneralSecurityException {
                int[] lengthAt = length(pos + 1);
                pos = lengthAt[1] + lengthAt[0];
            }

            String readOid() throws GeneralSecurityException {
                if (!hasMore() || peekTag() != 0x06) {
                    throw new GeneralSecurityException("malformed DER: expected an OID");
                }
                int[] lengthAt = length(pos + 1);
                int from = lengthAt[1];
                int to = from + lengthAt[0];
                pos = to;
                StringBuilder b = new StringBuilder();
                int first = bytes[from] & 0xFF;
                b.append(Math.min(first / 40, 2)).append('.').append(first - 40 * Math.min(first / 40, 2));
                long v = 0;
                for (int i = from + 1; i < to; i++) {
                    v = (v << 7) | (bytes[i] & 0x7F);
                    if ((bytes[i] & 0x80) == 0) {
                        b.append('.').append(v);
                        v = 0;
                    }
                }
                return b.toString();
            }

            /** {length, offset of the contents} for the length field at {@code at}. */
            private int[] length(int at) throws GeneralSecurityException {
                if (at >= end) {
                    throw new GeneralSecurityException("malformed DER: truncated");
                }
                int first = bytes[at] & 0xFF;
                if (first < 0x80) {
                    return check(first, at + 1);
                }
                int n = first & 0x7F;
                if (n == 0 || n > 3 || at + n >= end) {
                    throw new GeneralSecurityException("malformed DER: bad length");
                }
                int length = 0;
                for (int i = 1; i <= n; i++) {
                    length = (length << 8) | (bytes[at + i] & 0xFF);
                }
                return check(length, at + 1 + n);
            }

            private int[] check(int length, int offset) throws GeneralSecurityException {
                if (offset + length > end) {
                    throw new GeneralSecurityException("malformed DER: length past the end");
                }
                return new int[] {length, offset};
            }
        }
    }
}

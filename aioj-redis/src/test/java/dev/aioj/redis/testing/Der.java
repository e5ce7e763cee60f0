package dev.aioj.redis.testing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Just enough ASN.1 DER to write an X.509 certificate: the JDK can sign and
 * parse certificates but offers no public API to build one, and shelling out
 * to {@code keytool} for every TLS test costs seconds. Used only by
 * {@link TlsMaterial}.
 */
final class Der {

    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private Der() {}

    static byte[] tagged(int tag, byte[]... contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] content : contents) body.writeBytes(content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = body.size();
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) out.write(length >>> (8 * i));
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... contents) {
        return tagged(0x30, contents);
    }

    static byte[] set(byte[]... contents) {
        return tagged(0x31, contents);
    }

    static byte[] integer(BigInteger value) {
        return tagged(0x02, value.toByteArray());
    }

    static byte[] bool(boolean value) {
        return tagged(0x01, new byte[] {(byte) (value ? 0xff : 0)});
    }

    static byte[] octetString(byte[] value) {
        return tagged(0x04, value);
    }

    /** A BIT STRING whose last {@code unusedBits} bits are padding. */
    static byte[] bitString(int unusedBits, byte[] value) {
        return tagged(0x03, new byte[] {(byte) unusedBits}, value);
    }

    static byte[] utf8String(String value) {
        return tagged(0x0c, value.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] utcTime(Instant instant) {
        return tagged(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    /** An OBJECT IDENTIFIER from its dotted form, e.g. {@code "2.5.4.3"}. */
    static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            long arc = Long.parseLong(parts[i]);
            int groups = Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(arc) + 6) / 7);
            for (int g = groups - 1; g >= 0; g--) {
                out.write((int) ((arc >>> (7 * g)) & 0x7f) | (g > 0 ? 0x80 : 0));
            }
        }
        return tagged(0x06, out.toByteArray());
    }

    /** A context-specific explicit tag {@code [n]} around {@code contents}. */
    static byte[] explicit(int n, byte[]... contents) {
        return tagged(0xa0 | n, contents);
    }

    /** A context-specific implicit primitive tag {@code [n]} with raw {@code content}. */
    static byte[] implicit(int n, byte[] content) {
        return tagged(0x80 | n, content);
    }
}

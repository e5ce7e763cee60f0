package dev.aioj.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * DEBUG DIGEST and DEBUG DIGEST-VALUE: Redis's SHA-1 signature of the whole
 * dataset or of single values (debug.c's computeDatasetDigest and
 * xorObjectDigest), computed the same way, so the same data gives the same
 * 40 hex digits here and on redis-server, and test suites can compare a
 * dataset before and after an operation.
 *
 * <p>Order-free collections (the keyspace, sets, hashes, sorted sets) xor
 * the digests of their elements; lists and streams mix them in order. A key
 * with a deadline adds a fixed marker, not the deadline.
 *
 * <p>Thread contract: the server's loop thread only (one instance per command).
 */
final class DebugDigest {

    private static final byte[] EXPIRE_MARK = "!!expire!!".getBytes(StandardCharsets.ISO_8859_1);

    private final MessageDigest sha1;

    DebugDigest() {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** DEBUG DIGEST: 40 hex digits, all zero for an empty server. */
    String dataset(ServerState s) {
        byte[] result = new byte[20];
        for (Database db : s.dbs) {
            if (db.size() == 0) {
                continue;
            }
            mix(result, int32(db.id));
            db.keys.forEach(e -> {
                byte[] keyDigest = new byte[20];
                mix(keyDigest, e.key);
                value(db, e.key, e.value, keyDigest);
                xor(result, keyDigest);
            });
        }
        return HexFormat.of().formatHex(result);
    }

    /** DEBUG DIGEST-VALUE of one key: its value's digest, all zero when the key is absent. */
    String value(Database db, byte[] key) {
        byte[] digest = new byte[20];
        Object v = db.keys.get(key); // a debug command sees logically expired keys too, as in Redis
        if (v != null) {
            value(db, key, v, digest);
        }
        return HexFormat.of().formatHex(digest);
    }

    /** Redis's xorObjectDigest: mixes the type, the value and the expire mark into {@code digest}. */
    private void value(Database db, byte[] key, Object v, byte[] digest) {
        switch (v) {
            case byte[] s -> {
                mix(digest, int32(0));
                mix(digest, s);
            }
            case Value value -> {
                switch (value) {
                    case ListValue list -> {
                        mix(digest, int32(1));
                        for (int i = 0; i < list.size(); i++) {
                            mix(digest, list.get(i));
                        }
                    }
                    case SetValue set -> {
                        mix(digest, int32(2));
                        set.forEach(member -> xor(digest, member));
                    }
                    case SortedSet zset -> {
                        mix(digest, int32(3));
                        zset.members.forEach(e -> {
                            byte[] element = new byte[20];
                            mix(element, e.key);
                            mix(element, Numbers.formatG17(((SkipList.Node) e.value).score)
                                    .getBytes(StandardCharsets.ISO_8859_1));
                            xor(digest, element);
                        });
                    }
                    case HashValue hash -> {
                        mix(digest, int32(4));
                        hash.forEach((field, val) -> {
                            byte[] element = new byte[20];
                            mix(element, field);
                            mix(element, val);
                            xor(digest, element);
                        });
                    }
                    case StreamValue stream -> {
                        mix(digest, int32(6));
                        stream.forEach((ms, seq, fv) -> {
                            mix(digest, (Long.toUnsignedString(ms) + "." + Long.toUnsignedString(seq))
                                    .getBytes(StandardCharsets.ISO_8859_1));
                            for (byte[] b : fv) {
                                mix(digest, b);
                            }
                            return true;
                        });
                    }
                }
            }
            default -> throw new IllegalStateException("not a stored value: " + v.getClass());
        }
        if (db.expireOf(key) != -1) {
            xor(digest, EXPIRE_MARK);
        }
    }

    /** digest ^= SHA1(data): Redis's xorDigest. */
    private void xor(byte[] digest, byte[] data) {
        byte[] hash = sha1.digest(data);
        for (int i = 0; i < 20; i++) {
            digest[i] ^= hash[i];
        }
    }

    /** digest = SHA1(digest ^ SHA1(data)): Redis's mixDigest, for what must stay in order. */
    private void mix(byte[] digest, byte[] data) {
        xor(digest, data);
        System.arraycopy(sha1.digest(digest), 0, digest, 0, 20);
    }

    /** A 32-bit int in network byte order (htonl), as Redis mixes type codes and database ids. */
    private static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}

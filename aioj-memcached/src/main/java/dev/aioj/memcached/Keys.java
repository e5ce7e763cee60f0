package dev.aioj.memcached;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How a key travels: as itself when it is printable ASCII without spaces
 * (memcached's text key), else as the base64 of its UTF-8 bytes with the meta
 * protocol's {@code b} flag, so any string is a valid key. memcached takes at
 * most 250 bytes of key token, so a base64 key may hold 186 bytes of UTF-8.
 * Checked on the caller's thread, so a bad key fails the call, not the loop.
 *
 * <p>Thread contract: stateless.
 */
final class Keys {

    /** memcached's KEY_MAX_LENGTH. */
    static final int MAX_KEY_TOKEN = 250;

    /** The most UTF-8 bytes whose base64 fits in {@link #MAX_KEY_TOKEN}. */
    static final int MAX_BINARY_KEY = MAX_KEY_TOKEN / 4 * 3;

    private Keys() {}

    /**
     * Checks {@code key}.
     *
     * @throws IllegalArgumentException if it is null, empty or too long, naming it
     */
    static void check(String key) {
        if (key == null) {
            throw new IllegalArgumentException("key is null");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key is empty");
        }
        if (isText(key)) {
            if (key.length() > MAX_KEY_TOKEN) {
                throw new IllegalArgumentException("key longer than " + MAX_KEY_TOKEN + " characters: "
                        + key.length() + " (" + key.substring(0, 32) + "...)");
            }
        } else {
            int bytes = key.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_BINARY_KEY) {
                throw new IllegalArgumentException("key with spaces, control or non-ASCII characters longer than "
                        + MAX_BINARY_KEY + " UTF-8 bytes (sent as base64): " + bytes);
            }
        }
    }

    /** Whether {@code key} goes as itself: printable ASCII, no space. */
    static boolean isText(String key) {
        for (int i = 0, n = key.length(); i < n; i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** The base64 token of a key that is not {@linkplain #isText text}. */
    static byte[] base64(String key) {
        return Base64.getEncoder().encode(key.getBytes(StandardCharsets.UTF_8));
    }
}

package dev.aioj.server;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The stored strings that may be changed in place: those a bit command
 * (SETBIT, BITFIELD) allocated itself and stored under one key. Every other
 * stored string is immutable, since it may be shared (with a request's
 * arguments, another key after COPY, a list element after SORT ... STORE);
 * an owned one is referenced by its key alone, so SETBIT on a 1 MiB bitmap
 * flips a bit instead of copying a megabyte, as Redis does.
 *
 * <p>The rule that keeps this safe: code that stores a key's string value
 * somewhere else as well (COPY, SORT's GET ... STORE) stores {@link
 * #forSharing}'s answer, a copy when the value is owned. Replies are safe
 * (the transport copies what it queues). Membership is weak: a bitmap that is
 * deleted or overwritten leaves the set when it is collected.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class OwnedStrings {

    /** Arrays compare by identity (arrays do not override equals), held weakly. */
    private final Set<byte[]> owned = Collections.newSetFromMap(new WeakHashMap<>());

    /** Whether {@code s} may be changed in place by the key that holds it. */
    boolean owns(byte[] s) {
        return !owned.isEmpty() && owned.contains(s);
    }

    /** Records that {@code s}, just allocated, is about to be stored under one key only. */
    void own(byte[] s) {
        owned.add(s);
    }

    /** {@code s} fit to be stored in a second place: a copy if it is owned, else itself. */
    byte[] forSharing(byte[] s) {
        return owns(s) ? s.clone() : s;
    }
}

package dev.aioj.memcached;

/** The mode of {@code ms} (its {@code M} flag). */
public enum StoreMode {
    /** Store unconditionally. */
    SET('S'),
    /** Store only if the key is missing. */
    ADD('E'),
    /** Store only if the key exists. */
    REPLACE('R'),
    /** Append to an existing value. */
    APPEND('A'),
    /** Prepend to an existing value. */
    PREPEND('P');

    final char flag;

    StoreMode(char flag) {
        this.flag = flag;
    }
}

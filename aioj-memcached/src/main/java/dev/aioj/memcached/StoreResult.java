package dev.aioj.memcached;

/** What {@code ms} answered. */
public enum StoreResult {
    /** {@code HD}: stored. */
    STORED,
    /** {@code NS}: not stored: add on an existing key, replace/append/prepend on a missing one. */
    NOT_STORED,
    /** {@code EX}: the CAS given is no longer the item's: someone else changed it. */
    EXISTS,
    /** {@code NF}: a CAS store on a key that does not exist (any more). */
    NOT_FOUND
}

package dev.aioj.server;

/**
 * The classes of keyspace events (Redis's {@code NOTIFY_*} flags), each with
 * the letter {@code notify-keyspace-events} uses for it. A command that
 * changes a key announces it with {@link Database#notify(NotifyType, String,
 * byte[])}; {@link KeyspaceEvents} publishes it if its class is enabled.
 *
 * <p>{@link #KEY_MISS} and {@link #NEW} are not part of {@code A}, as in
 * Redis; {@link #MODULE} exists so that the flag round-trips through CONFIG
 * (there are no modules to emit it).
 */
enum NotifyType {
    GENERIC('g', 1 << 2),
    STRING('$', 1 << 3),
    LIST('l', 1 << 4),
    SET('s', 1 << 5),
    HASH('h', 1 << 6),
    ZSET('z', 1 << 7),
    EXPIRED('x', 1 << 8),
    EVICTED('e', 1 << 9),
    STREAM('t', 1 << 10),
    KEY_MISS('m', 1 << 11),
    MODULE('d', 1 << 13),
    NEW('n', 1 << 14);

    /** The letter in {@code notify-keyspace-events}. */
    final char letter;
    /** The bit in {@link KeyspaceEvents}'s flags, Redis's value. */
    final int bit;

    NotifyType(char letter, int bit) {
        this.letter = letter;
        this.bit = bit;
    }
}

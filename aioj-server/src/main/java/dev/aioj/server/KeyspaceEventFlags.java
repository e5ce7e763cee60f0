package dev.aioj.server;

/**
 * The classes of keyspace notifications, Redis's {@code NOTIFY_*} bits, and
 * the {@code notify-keyspace-events} word they are written as ("KEA",
 * "Kx", ...): Redis's {@code keyspaceEventsStringToFlags} and {@code
 * keyspaceEventsFlagsToString}. The directive's value is these OR-ed bits.
 *
 * <p>Thread contract: pure functions, any thread.
 */
final class KeyspaceEventFlags {

    static final int KEYSPACE = 1;           // K
    static final int KEYEVENT = 1 << 1;      // E
    static final int GENERIC = 1 << 2;       // g
    static final int STRING = 1 << 3;        // $
    static final int LIST = 1 << 4;          // l
    static final int SET = 1 << 5;           // s
    static final int HASH = 1 << 6;          // h
    static final int ZSET = 1 << 7;          // z
    static final int EXPIRED = 1 << 8;       // x
    static final int EVICTED = 1 << 9;       // e
    static final int STREAM = 1 << 10;       // t
    static final int KEY_MISS = 1 << 11;     // m, not part of A on purpose
    static final int MODULE = 1 << 13;       // d
    static final int NEW = 1 << 14;          // n
    /** A: every class but m and n. */
    static final int ALL = GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED | STREAM | MODULE;

    private KeyspaceEventFlags() {}

    /** The bits of {@code classes}, or -1 when it has a character that names no class. */
    static int parse(String classes) {
        int flags = 0;
        for (int i = 0; i < classes.length(); i++) {
            flags |= switch (classes.charAt(i)) {
                case 'A' -> ALL;
                case 'g' -> GENERIC;
                case '$' -> STRING;
                case 'l' -> LIST;
                case 's' -> SET;
                case 'h' -> HASH;
                case 'z' -> ZSET;
                case 'x' -> EXPIRED;
                case 'e' -> EVICTED;
                case 'K' -> KEYSPACE;
                case 'E' -> KEYEVENT;
                case 't' -> STREAM;
                case 'm' -> KEY_MISS;
                case 'd' -> MODULE;
                case 'n' -> NEW;
                default -> -1;
            };
            if (flags < 0) {
                return -1;
            }
        }
        return flags;
    }

    /** {@code flags} written as CONFIG GET shows them: "A" for all types, then K, E, m. */
    static String format(int flags) {
        StringBuilder b = new StringBuilder();
        if ((flags & ALL) == ALL) {
            b.append('A');
        } else {
            append(b, flags, GENERIC, 'g');
            append(b, flags, STRING, '$');
            append(b, flags, LIST, 'l');
            append(b, flags, SET, 's');
            append(b, flags, HASH, 'h');
            append(b, flags, ZSET, 'z');
            append(b, flags, EXPIRED, 'x');
            append(b, flags, EVICTED, 'e');
            append(b, flags, STREAM, 't');
            append(b, flags, MODULE, 'd');
            append(b, flags, NEW, 'n');
        }
        append(b, flags, KEYSPACE, 'K');
        append(b, flags, KEYEVENT, 'E');
        append(b, flags, KEY_MISS, 'm');
        return b.toString();
    }

    private static void append(StringBuilder b, int flags, int flag, char c) {
        if ((flags & flag) != 0) {
            b.append(c);
        }
    }
}

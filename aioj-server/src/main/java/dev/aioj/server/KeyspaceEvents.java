package dev.aioj.server;

import java.nio.charset.StandardCharsets;

/**
 * Keyspace notifications (Redis's notify.c): when a command changes a key, a
 * Pub/Sub message on {@code __keyspace@<db>__:<key>} carrying the event name
 * and one on {@code __keyevent@<db>__:<event>} carrying the key, for the
 * event classes {@code notify-keyspace-events} enables.
 *
 * <p>Commands call {@link Database#notify(NotifyType, String, byte[])}, which
 * costs one flag test when the class is off (the default). This is not the
 * "key modified" signal that WATCH (and client tracking) follow: that is
 * {@link Database#signalModified}, a separate call, as in Redis.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class KeyspaceEvents {

    /** {@code K}: publish on {@code __keyspace@<db>__:<key>}. */
    static final int KEYSPACE = 1;
    /** {@code E}: publish on {@code __keyevent@<db>__:<event>}. */
    static final int KEYEVENT = 1 << 1;
    /** {@code A}: every class but key-miss and new (Redis's NOTIFY_ALL). */
    static final int ALL = NotifyType.GENERIC.bit | NotifyType.STRING.bit | NotifyType.LIST.bit | NotifyType.SET.bit
            | NotifyType.HASH.bit | NotifyType.ZSET.bit | NotifyType.EXPIRED.bit | NotifyType.EVICTED.bit
            | NotifyType.STREAM.bit | NotifyType.MODULE.bit;

    private static final byte[] KEYSPACE_PREFIX = ascii("__keyspace@");
    private static final byte[] KEYEVENT_PREFIX = ascii("__keyevent@");
    private static final byte[] PREFIX_END = ascii("__:");

    private final PubSub pubsub;
    /** The enabled classes and channels: {@link NotifyType#bit}s, {@link #KEYSPACE}, {@link #KEYEVENT}. */
    private int flags;

    KeyspaceEvents(PubSub pubsub) {
        this.pubsub = pubsub;
    }

    /** Whether events of {@code type} are published (one flag test: the hot path asks this). */
    boolean enabled(NotifyType type) {
        return (flags & type.bit) != 0;
    }

    /** The current setting, as CONFIG GET shows it. */
    String setting() {
        return format(flags);
    }

    /** Applies a {@code notify-keyspace-events} value; false (nothing changed) when it has an unknown letter. */
    boolean configure(String classes) {
        int parsed = parse(classes);
        if (parsed < 0) {
            return false;
        }
        flags = parsed;
        return true;
    }

    /** Applies parsed flags (the notify-keyspace-events directive's value: "n" survives, which the text loses with "A"). */
    void configure(int parsed) {
        flags = parsed;
    }

    /** Publishes {@code event} on {@code key} of database {@code db}, if its class is enabled. */
    void notify(NotifyType type, String event, byte[] key, int db) {
        if ((flags & type.bit) == 0 || (flags & (KEYSPACE | KEYEVENT)) == 0 || !pubsub.hasSubscribers()) {
            return;
        }
        byte[] eventBytes = ascii(event);
        byte[] dbBytes = Numbers.toBytes(db);
        if ((flags & KEYSPACE) != 0) {
            pubsub.publish(channel(KEYSPACE_PREFIX, dbBytes, key), eventBytes);
        }
        if ((flags & KEYEVENT) != 0) {
            pubsub.publish(channel(KEYEVENT_PREFIX, dbBytes, eventBytes), key);
        }
    }

    private static byte[] channel(byte[] prefix, byte[] db, byte[] suffix) {
        byte[] c = new byte[prefix.length + db.length + PREFIX_END.length + suffix.length];
        int p = 0;
        System.arraycopy(prefix, 0, c, p, prefix.length);
        p += prefix.length;
        System.arraycopy(db, 0, c, p, db.length);
        p += db.length;
        System.arraycopy(PREFIX_END, 0, c, p, PREFIX_END.length);
        p += PREFIX_END.length;
        System.arraycopy(suffix, 0, c, p, suffix.length);
        return c;
    }

    /** Redis's keyspaceEventsStringToFlags: the flags of a setting, or -1 for an unknown letter. */
    static int parse(String classes) {
        int f = 0;
        for (int i = 0; i < classes.length(); i++) {
            char ch = classes.charAt(i);
            int bit = switch (ch) {
                case 'A' -> ALL;
                case 'K' -> KEYSPACE;
                case 'E' -> KEYEVENT;
                default -> {
                    for (NotifyType t : NotifyType.values()) {
                        if (t.letter == ch) {
                            yield t.bit;
                        }
                    }
                    yield -1;
                }
            };
            if (bit < 0) {
                return -1;
            }
            f |= bit;
        }
        return f;
    }

    /** Redis's keyspaceEventsFlagsToString: {@code A} when every class of it is on, then K, E and m. */
    static String format(int flags) {
        StringBuilder b = new StringBuilder();
        if ((flags & ALL) == ALL) {
            b.append('A');
        } else {
            for (NotifyType t : NotifyType.values()) {
                if (t != NotifyType.KEY_MISS && (flags & t.bit) != 0) {
                    b.append(t.letter);
                }
            }
        }
        if ((flags & KEYSPACE) != 0) {
            b.append('K');
        }
        if ((flags & KEYEVENT) != 0) {
            b.append('E');
        }
        if ((flags & NotifyType.KEY_MISS.bit) != 0) {
            b.append('m');
        }
        return b.toString();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}

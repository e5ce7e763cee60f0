package dev.aioj.server;

import static dev.aioj.server.Command.DENYOOM;
import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.READONLY;
import static dev.aioj.server.Command.WRITE;

/**
 * The stream commands that read and write entries (Redis's t_stream.c):
 * XADD, XRANGE, XREVRANGE, XLEN, XDEL, XTRIM and XSETID. XREAD and
 * XREADGROUP are in {@link StreamReadCommands}, the consumer groups in
 * {@link StreamGroupCommands} and {@link StreamClaimCommands}, XINFO in
 * {@link StreamInfoCommand}. Argument checks run in Redis's order so that
 * the first error is the one Redis gives.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class StreamCommands {

    private StreamCommands() {}

    static void register(CommandTable.Builder t) {
        String g = "stream";
        t.add("xadd", -5, WRITE | DENYOOM | FAST, 1, 1, 1, g, "5.0.0", "Appends a new entry to a stream",
                StreamCommands::xadd);
        t.add("xrange", -4, READONLY, 1, 1, 1, g, "5.0.0",
                "Return a range of elements in a stream, with IDs matching the specified IDs interval",
                (c, argv) -> range(c, argv, false));
        t.add("xrevrange", -4, READONLY, 1, 1, 1, g, "5.0.0",
                "Return a range of elements in a stream, with IDs matching the specified IDs interval, in reverse "
                        + "order (from greater to smaller IDs) compared to XRANGE",
                (c, argv) -> range(c, argv, true));
        t.add("xlen", 2, READONLY | FAST, 1, 1, 1, g, "5.0.0", "Return the number of entries in a stream",
                StreamCommands::xlen);
        t.add("xdel", -3, WRITE | FAST, 1, 1, 1, g, "5.0.0",
                "Removes the specified entries from the stream. Returns the number of items actually deleted, that "
                        + "may be different from the number of IDs passed in case certain IDs do not exist.",
                StreamCommands::xdel);
        t.add("xtrim", -4, WRITE, 1, 1, 1, g, "5.0.0",
                "Trims the stream to (approximately if '~' is passed) a certain size", StreamCommands::xtrim);
        t.add("xsetid", -3, WRITE | DENYOOM | FAST, 1, 1, 1, g, "5.0.0",
                "An internal command for replicating stream values", StreamCommands::xsetid);
    }

    /** Marker for "wrong type, already replied". */
    static final StreamValue WRONG = new StreamValue(new EncodingLimits());

    /** The stream at {@code key}, null when absent; replies WRONGTYPE and returns {@link #WRONG} otherwise. */
    static StreamValue stream(Client c, Object v) {
        if (v == null || v instanceof StreamValue) {
            return (StreamValue) v;
        }
        c.reply.error(Errors.WRONGTYPE);
        return WRONG;
    }

    /** A strict ID (no "-" or "+"), or null after replying Redis's invalid-ID error. */
    static StreamId strictId(Client c, byte[] arg) {
        StreamId.Parsed p = StreamId.parse(arg, 0, true, false);
        if (p == null) {
            c.reply.error(StreamId.INVALID);
            return null;
        }
        return p.id();
    }

    // ------------------------------------------------------------------ replies

    /** One entry as Redis replies it: [id, [field, value, ...]]. */
    static void entry(Client c, long ms, long seq, byte[][] fv) {
        c.reply.array(2);
        c.reply.bulk(StreamId.bytes(ms, seq));
        c.reply.array(fv.length);
        for (byte[] b : fv) {
            c.reply.bulk(b);
        }
    }

    /** Entries gathered before replying, since the reply starts with their count. */
    static final class Batch {
        long[] ms = new long[16];
        long[] seq = new long[16];
        byte[][][] fv = new byte[16][][];
        int size;

        boolean add(long m, long s, byte[][] f) {
            if (size == ms.length) {
                ms = java.util.Arrays.copyOf(ms, size * 2);
                seq = java.util.Arrays.copyOf(seq, size * 2);
                fv = java.util.Arrays.copyOf(fv, size * 2);
            }
            ms[size] = m;
            seq[size] = s;
            fv[size] = f;
            size++;
            return true;
        }

        void reply(Client c) {
            c.reply.array(size);
            for (int i = 0; i < size; i++) {
                entry(c, ms[i], seq[i], fv[i]);
            }
        }
    }

    /** Up to {@code count} (0: all) entries in [start, end], gathered. */
    static Batch collect(StreamValue s, StreamId start, StreamId end, long count, boolean rev) {
        Batch b = new Batch();
        s.range(start, end, rev, (m, q, f) -> {
            b.add(m, q, f);
            return count == 0 || b.size < count;
        });
        return b;
    }

    // ------------------------------------------------------------------ XADD, XTRIM

    static void xadd(Client c, byte[][] argv) {
        StreamTrimArgs a = StreamTrimArgs.parse(c, argv, true);
        if (a == null) {
            return;
        }
        int fieldPos = a.idPos + 1;
        int fields = argv.length - fieldPos;
        if (fields < 2 || fields % 2 == 1) {
            c.reply.error(Errors.arity("xadd"));
            return;
        }
        if (a.idGiven && a.seqGiven && a.id.isZero()) {
            c.reply.error("ERR The ID specified in XADD must be greater than 0-0");
            return;
        }
        byte[] key = argv[1];
        StreamValue s = stream(c, c.db.lookup(key));
        if (s == WRONG) {
            return;
        }
        if (s == null) {
            if (a.noMkStream) {
                c.reply.nullBulk();
                return;
            }
            s = new StreamValue(c.server.limits);
            c.db.add(key, s);
        }
        if (s.lastId.equals(StreamId.MAX)) {
            c.reply.error("ERR The stream has exhausted the last possible ID, unable to add more items");
            return;
        }
        StreamId id;
        if (!a.idGiven) {
            id = nextId(c.server.now(), s.lastId);
        } else if (a.seqGiven) {
            id = a.id;
        } else if (s.lastId.ms() == a.id.ms()) {
            id = s.lastId.seq() == -1L ? null : new StreamId(a.id.ms(), s.lastId.seq() + 1);
        } else {
            id = a.id;
        }
        if (id == null || id.compareTo(s.lastId) <= 0) {
            c.reply.error("ERR The ID specified in XADD is equal or smaller than the target stream top item");
            return;
        }
        byte[][] fv = java.util.Arrays.copyOfRange(argv, fieldPos, argv.length);
        if (StreamValue.totalLength(fv) > StreamValue.LISTPACK_MAX_SIZE) {
            c.reply.error("ERR Elements are too large to be stored");
            return;
        }
        s.append(id, fv);
        c.reply.bulk(id.bytes());
        c.db.signalModified(key);
        c.db.notify(NotifyType.STREAM, "xadd", key);
        if (a.strategy != 0 && a.trim(s) > 0) {
            c.db.notify(NotifyType.STREAM, "xtrim", key);
        }
        c.server.blocking.keyAdded(c.db, key);
    }

    /** Redis's streamNextID: now's milliseconds, or the last ID's next sequence when the clock is not ahead. */
    static StreamId nextId(long nowMs, StreamId last) {
        if (Long.compareUnsigned(last.ms(), nowMs) < 0) {
            return new StreamId(nowMs, 0);
        }
        StreamId next = last.next();
        return next == null ? StreamId.MAX : next; // never reached: XADD refuses a stream at the last ID first
    }

    static void xtrim(Client c, byte[][] argv) {
        StreamTrimArgs a = StreamTrimArgs.parse(c, argv, false);
        if (a == null) {
            return;
        }
        byte[] key = argv[1];
        StreamValue s = stream(c, c.db.lookup(key));
        if (s == WRONG) {
            return;
        }
        if (s == null) {
            c.reply.raw(ReplyWriter.ZERO);
            return;
        }
        long deleted = a.trim(s);
        if (deleted > 0) {
            c.db.notify(NotifyType.STREAM, "xtrim", key);
            c.db.signalModified(key);
        }
        c.reply.integer(deleted);
    }

    // ------------------------------------------------------------------ XRANGE, XLEN, XDEL, XSETID

    static void range(Client c, byte[][] argv, boolean rev) {
        byte[] startArg = rev ? argv[3] : argv[2];
        byte[] endArg = rev ? argv[2] : argv[3];
        StreamId start = intervalId(c, startArg, 0, true);
        if (start == null) {
            return;
        }
        StreamId end = intervalId(c, endArg, -1L, false);
        if (end == null) {
            return;
        }
        long count = -1;
        for (int j = 4; j < argv.length; j++) {
            int additional = argv.length - j - 1;
            if (Args.is(argv[j], "count") && additional >= 1) {
                if (!Args.isLong(c, argv[j + 1])) {
                    return;
                }
                count = Math.max(0, Numbers.toLong(argv[j + 1]));
                j++;
            } else {
                c.reply.error(Errors.SYNTAX);
                return;
            }
        }
        StreamValue s = stream(c, c.db.lookupRead(argv[1]));
        if (s == WRONG) {
            return;
        }
        if (s == null) {
            c.reply.array(0);
            return;
        }
        if (count == 0) {
            c.reply.nullArray();
            return;
        }
        collect(s, start, end, count == -1 ? 0 : count, rev).reply(c);
    }

    /**
     * Redis's streamParseIntervalIDOrReply and the increment (start) or
     * decrement (end) of an exclusive bound; null after an error reply.
     */
    static StreamId intervalId(Client c, byte[] arg, long missingSeq, boolean isStart) {
        boolean exclusive = arg.length > 1 && arg[0] == '(';
        StreamId.Parsed p = exclusive ? StreamId.parse(arg, 1, arg.length, missingSeq, true, false)
                : StreamId.parse(arg, missingSeq, false, false);
        if (p == null) {
            c.reply.error(StreamId.INVALID);
            return null;
        }
        StreamId id = p.id();
        if (exclusive) {
            id = isStart ? id.next() : id.prev();
            if (id == null) {
                c.reply.error(isStart ? "ERR invalid start ID for the interval" : "ERR invalid end ID for the interval");
                return null;
            }
        }
        return id;
    }

    static void xlen(Client c, byte[][] argv) {
        StreamValue s = stream(c, c.db.lookupRead(argv[1]));
        if (s == WRONG) {
            return;
        }
        c.reply.integer(s == null ? 0 : s.length);
    }

    static void xdel(Client c, byte[][] argv) {
        byte[] key = argv[1];
        StreamValue s = stream(c, c.db.lookup(key));
        if (s == WRONG) {
            return;
        }
        if (s == null) {
            c.reply.raw(ReplyWriter.ZERO);
            return;
        }
        StreamId[] ids = new StreamId[argv.length - 2];
        for (int j = 2; j < argv.length; j++) {
            ids[j - 2] = strictId(c, argv[j]);
            if (ids[j - 2] == null) {
                return;
            }
        }
        long deleted = 0;
        boolean firstEntry = false;
        for (StreamId id : ids) {
            if (s.delete(id)) {
                if (id.equals(s.firstId)) {
                    firstEntry = true;
                }
                if (id.compareTo(s.maxDeletedId) > 0) {
                    s.maxDeletedId = id;
                }
                deleted++;
            }
        }
        if (deleted > 0) {
            if (s.length == 0) {
                s.firstId = StreamId.MIN;
            } else if (firstEntry) {
                s.firstId = s.edgeId(true);
            }
            c.db.signalModified(key);
            c.db.notify(NotifyType.STREAM, "xdel", key);
        }
        c.reply.integer(deleted);
    }

    static void xsetid(Client c, byte[][] argv) {
        StreamId id = strictId(c, argv[2]);
        if (id == null) {
            return;
        }
        long entriesAdded = -1;
        StreamId maxXdel = StreamId.MIN;
        int i = 3;
        while (i < argv.length) {
            int moreArgs = argv.length - 1 - i;
            if (Args.is(argv[i], "entriesadded") && moreArgs > 0) {
                if (!Args.isLong(c, argv[i + 1])) {
                    return;
                }
                entriesAdded = Numbers.toLong(argv[i + 1]);
                if (entriesAdded < 0) {
                    c.reply.error("ERR entries_added must be positive");
                    return;
                }
                i += 2;
            } else if (Args.is(argv[i], "maxdeletedid") && moreArgs > 0) {
                maxXdel = strictId(c, argv[i + 1]);
                if (maxXdel == null) {
                    return;
                }
                if (id.compareTo(maxXdel) < 0) {
                    c.reply.error("ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id");
                    return;
                }
                i += 2;
            } else {
                c.reply.error(Errors.SYNTAX);
                return;
            }
        }
        byte[] key = argv[1];
        Object v = c.db.lookup(key);
        if (v == null) {
            c.reply.error(Errors.NO_SUCH_KEY);
            return;
        }
        StreamValue s = stream(c, v);
        if (s == WRONG) {
            return;
        }
        if (s.length > 0) {
            StreamId max = s.edgeId(false);
            if (id.compareTo(max) < 0) {
                c.reply.error("ERR The ID specified in XSETID is smaller than the target stream top item");
                return;
            }
            if (entriesAdded != -1 && s.length > entriesAdded) {
                c.reply.error("ERR The entries_added specified in XSETID is smaller than the target stream length");
                return;
            }
        }
        s.lastId = id;
        if (entriesAdded != -1) {
            s.entriesAdded = entriesAdded;
        }
        if (!maxXdel.isZero()) {
            s.maxDeletedId = maxXdel;
        }
        c.reply.ok();
        c.db.notify(NotifyType.STREAM, "xsetid", key);
    }
}

package dev.aioj.server;

import static dev.aioj.server.Command.BLOCKING;
import static dev.aioj.server.Command.READONLY;
import static dev.aioj.server.Command.WRITE;

import java.util.ArrayList;
import java.util.List;

/**
 * XREAD and XREADGROUP (Redis's xreadCommand, and the stream half of
 * blocked.c): read what follows an ID in one or more streams, or a group's
 * new entries ({@code >}) or a consumer's history (any other ID); with BLOCK,
 * wait in {@link BlockedClients} until an XADD brings entries past the ID.
 *
 * <p>A client waiting through a group is answered NOGROUP when the group is
 * destroyed, and UNBLOCKED when the key is deleted or overwritten by
 * another type, as Redis 7.0 does; one reading without a group waits on.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class StreamReadCommands {

    private StreamReadCommands() {}

    /** Redis's XREAD_BLOCKED_DEFAULT_COUNT: a blocked read without COUNT gets at most this many entries. */
    static final long BLOCKED_DEFAULT_COUNT = 1000;

    static void register(CommandTable.Builder t) {
        String g = "stream";
        t.add("xread", -4, READONLY | BLOCKING, 0, 0, 0, g, "5.0.0",
                "Return never seen elements in multiple streams, with IDs greater than the ones reported by the "
                        + "caller for each stream. Can block.", StreamReadCommands::xread);
        t.add("xreadgroup", -7, WRITE | BLOCKING, 0, 0, 0, g, "5.0.0",
                "Return new entries from a stream using a consumer group, or access the history of the pending "
                        + "entries for a given consumer. Can block.", StreamReadCommands::xread);
    }

    /** A read's reply for one key: entries, or (history) IDs whose entries are gone (null fields). */
    private record Served(byte[] key, StreamCommands.Batch batch) {}

    static void xread(Client c, byte[][] argv) {
        boolean xreadgroup = argv[0].length == 10;
        long timeout = -1;
        long count = 0;
        int streamsArg = 0;
        int streamsCount = 0;
        boolean noack = false;
        byte[] groupName = null;
        byte[] consumerName = null;
        for (int i = 1; i < argv.length; i++) {
            int moreArgs = argv.length - i - 1;
            byte[] o = argv[i];
            if (Args.is(o, "block") && moreArgs > 0) {
                if (c.server.scripts.isScriptClient(c)) {
                    c.reply.error("ERR " + Errors.latin1(argv[0], Integer.MAX_VALUE)
                            + " command is not allowed with BLOCK option from scripts");
                    return;
                }
                i++;
                if (!Numbers.isLong(argv[i])) {
                    c.reply.error("ERR timeout is not an integer or out of range");
                    return;
                }
                timeout = Numbers.toLong(argv[i]);
                if (timeout < 0) {
                    c.reply.error(Errors.TIMEOUT_NEGATIVE);
                    return;
                }
            } else if (Args.is(o, "count") && moreArgs > 0) {
                i++;
                if (!Args.isLong(c, argv[i])) {
                    return;
                }
                count = Math.max(0, Numbers.toLong(argv[i]));
            } else if (Args.is(o, "streams") && moreArgs > 0) {
                streamsArg = i + 1;
                streamsCount = argv.length - streamsArg;
                if (streamsCount % 2 != 0) {
                    c.reply.error("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be "
                            + "specified.");
                    return;
                }
                streamsCount /= 2;
                break;
            } else if (Args.is(o, "group") && moreArgs >= 2) {
                if (!xreadgroup) {
                    c.reply.error("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.");
                    return;
                }
                groupName = argv[i + 1];
                consumerName = argv[i + 2];
                i += 2;
            } else if (Args.is(o, "noack")) {
                if (!xreadgroup) {
                    c.reply.error("ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.");
                    return;
                }
                noack = true;
            } else {
                c.reply.error(Errors.SYNTAX);
                return;
            }
        }
        if (streamsArg == 0) {
            c.reply.error(Errors.SYNTAX);
            return;
        }
        if (xreadgroup && groupName == null) {
            c.reply.error("ERR Missing GROUP option for XREADGROUP");
            return;
        }
        StreamId[] ids = new StreamId[streamsCount];
        StreamGroup[] groups = groupName == null ? null : new StreamGroup[streamsCount];
        for (int i = streamsArg + streamsCount; i < argv.length; i++) {
            int idx = i - streamsArg - streamsCount;
            byte[] key = argv[i - streamsCount];
            StreamValue s = StreamCommands.stream(c, c.db.lookupRead(key));
            if (s == StreamCommands.WRONG) {
                return;
            }
            if (groupName != null) {
                StreamGroup group = s == null ? null : s.group(groupName);
                if (group == null) {
                    c.reply.error("NOGROUP No such key '" + Errors.latin1(key, Integer.MAX_VALUE)
                            + "' or consumer group '" + Errors.latin1(groupName, Integer.MAX_VALUE)
                            + "' in XREADGROUP with GROUP option");
                    return;
                }
                groups[idx] = group;
            }
            byte[] arg = argv[i];
            if (arg.length == 1 && arg[0] == '$') {
                if (xreadgroup) {
                    c.reply.error("ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the "
                            + "history of this consumer by specifying a proper ID, or use the > ID to get new "
                            + "messages. The $ ID would just return an empty result set.");
                    return;
                }
                ids[idx] = s == null ? StreamId.MIN : s.lastId;
                continue;
            } else if (arg.length == 1 && arg[0] == '>') {
                if (!xreadgroup) {
                    c.reply.error("ERR The > ID can be specified only when calling XREADGROUP using the GROUP "
                            + "<group> <consumer> option.");
                    return;
                }
                ids[idx] = StreamId.MAX;
                continue;
            }
            ids[idx] = StreamCommands.strictId(c, arg);
            if (ids[idx] == null) {
                return;
            }
        }

        List<Served> served = new ArrayList<>();
        for (int i = 0; i < streamsCount; i++) {
            byte[] key = argv[streamsArg + i];
            Object v = c.db.lookupRead(key);
            if (v == null) {
                continue;
            }
            StreamValue s = (StreamValue) v;
            StreamId gt = ids[i];
            boolean serve = false;
            boolean history = false;
            if (groups != null) {
                if (!gt.equals(StreamId.MAX)) {
                    serve = true;
                    history = true;
                } else if (s.length > 0) {
                    StreamId max = s.edgeId(false);
                    if (max.compareTo(groups[i].lastId) > 0) {
                        serve = true;
                        gt = groups[i].lastId;
                    }
                }
            } else if (s.length > 0) {
                serve = s.edgeId(false).compareTo(gt) > 0;
            }
            if (!serve) {
                continue;
            }
            StreamId start = gt.next();
            StreamGroup.Consumer consumer = null;
            if (groups != null) {
                consumer = consumer(c, c.db, key, groups[i], consumerName);
            }
            StreamCommands.Batch batch = history
                    ? readHistory(c, s, start, count, consumer)
                    : read(c, s, start, count, groups == null ? null : groups[i], consumer, noack);
            served.add(new Served(key, batch));
        }
        if (!served.isEmpty()) {
            if (c.reply.resp == 2) {
                c.reply.array(served.size());
            } else {
                c.reply.map(served.size());
            }
            for (Served s : served) {
                if (c.reply.resp == 2) {
                    c.reply.array(2);
                }
                c.reply.bulk(s.key());
                reply(c, s.batch());
            }
            return;
        }
        if (timeout == -1) {
            c.reply.nullArray();
            return;
        }
        if (c.inExec) {
            c.reply.nullArray();
            return;
        }
        byte[][] keys = java.util.Arrays.copyOfRange(argv, streamsArg, streamsArg + streamsCount);
        Waiter w = new Waiter(keys, ids, count == 0 ? BLOCKED_DEFAULT_COUNT : count, groupName, consumerName, noack);
        c.server.blocking.blockOnStreams(c, keys, w, timeout > Long.MAX_VALUE / 4 ? 0 : timeout);
    }

    /** Looks up (refreshing its seen time) or creates the consumer, as Redis's XREADGROUP does. */
    static StreamGroup.Consumer consumer(Client c, Database db, byte[] key, StreamGroup group, byte[] name) {
        long now = c.server.now();
        StreamGroup.Consumer consumer = group.consumer(name);
        if (consumer != null) {
            consumer.seenTime = now;
            return consumer;
        }
        consumer = group.createConsumer(name, now);
        db.notify(NotifyType.STREAM, "xgroup-createconsumer", key);
        return consumer;
    }

    static void reply(Client c, StreamCommands.Batch b) {
        c.reply.array(b.size);
        for (int i = 0; i < b.size; i++) {
            if (b.fv[i] == null) {
                c.reply.array(2);
                c.reply.bulk(StreamId.bytes(b.ms[i], b.seq[i]));
                c.reply.nullArray();
            } else {
                StreamCommands.entry(c, b.ms[i], b.seq[i], b.fv[i]);
            }
        }
    }

    /**
     * Redis's streamReplyWithRange from {@code start} on, through a group when
     * one is given: the group's last ID and read counter advance, and unless
     * NOACK each entry becomes pending for {@code consumer}.
     */
    static StreamCommands.Batch read(Client c, StreamValue s, StreamId start, long count, StreamGroup group,
            StreamGroup.Consumer consumer, boolean noack) {
        StreamCommands.Batch b = StreamCommands.collect(s, start, StreamId.MAX, count, false);
        if (group == null) {
            return b;
        }
        long now = c.server.now();
        for (int i = 0; i < b.size; i++) {
            StreamId id = new StreamId(b.ms[i], b.seq[i]);
            if (id.compareTo(group.lastId) > 0) {
                if (group.entriesRead != StreamGroup.INVALID_ENTRIES_READ && !StreamLag.hasTombstones(s, id, null)) {
                    group.entriesRead++;
                } else if (s.entriesAdded != 0) {
                    group.entriesRead = StreamLag.estimateDistance(s, id);
                }
                group.lastId = id;
            }
            if (!noack) {
                StreamGroup.Pending p = group.pel.get(id);
                if (p == null) {
                    group.addPending(id, consumer, now, 1);
                } else {
                    p.consumer.pel.remove(id);
                    p.consumer = consumer;
                    p.deliveryTime = now;
                    p.deliveryCount = 1;
                    consumer.pel.put(id, p);
                }
            }
        }
        return b;
    }

    /** Redis's streamReplyWithRangeFromConsumerPEL: the consumer's pending entries from {@code start}. */
    static StreamCommands.Batch readHistory(Client c, StreamValue s, StreamId start, long count,
            StreamGroup.Consumer consumer) {
        StreamCommands.Batch b = new StreamCommands.Batch();
        if (start == null) {
            return b;
        }
        long now = c.server.now();
        for (StreamGroup.Pending p : consumer.pel.tailMap(start, true).values()) {
            if (count != 0 && b.size >= count) {
                break;
            }
            byte[][] fv = s.get(p.id);
            b.add(p.id.ms(), p.id.seq(), fv);
            if (fv != null) {
                p.deliveryTime = now;
                p.deliveryCount++;
            }
        }
        return b;
    }

    /** A client blocked in XREAD or XREADGROUP: the IDs it waits past, and its group. */
    static final class Waiter implements BlockedClients.StreamWaiter {
        private final byte[][] keys;
        private final StreamId[] ids;
        private final long count;
        private final byte[] groupName;
        private final byte[] consumerName;
        private final boolean noack;

        Waiter(byte[][] keys, StreamId[] ids, long count, byte[] groupName, byte[] consumerName, boolean noack) {
            this.keys = keys;
            this.ids = ids;
            this.count = count;
            this.groupName = groupName;
            this.consumerName = consumerName;
            this.noack = noack;
        }

        @Override
        public boolean readsGroup() {
            return groupName != null;
        }

        /** Redis's serveClientsBlockedOnStreamKey for one client: true when it got a reply. */
        @Override
        public boolean tryServe(Client receiver, byte[] key, StreamValue s) {
            int idx = 0;
            while (!java.util.Arrays.equals(keys[idx], key)) {
                idx++;
            }
            StreamGroup group = null;
            if (groupName != null) {
                group = s.group(groupName);
                if (group == null) {
                    receiver.reply.error("NOGROUP the consumer group this client was blocked on no longer exists");
                    return true;
                }
                ids[idx] = group.lastId;
            }
            if (s.lastId.compareTo(ids[idx]) <= 0) {
                return false;
            }
            StreamId start = ids[idx].next();
            StreamGroup.Consumer consumer = null;
            if (group != null) {
                consumer = consumer(receiver, receiver.db, key, group, consumerName);
            }
            if (receiver.reply.resp == 2) {
                receiver.reply.array(1);
                receiver.reply.array(2);
            } else {
                receiver.reply.map(1);
            }
            receiver.reply.bulk(key);
            reply(receiver, read(receiver, s, start, count, group, consumer, noack));
            return true;
        }
    }
}

package dev.aioj.server;

import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.WRITE;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Taking pending entries over (Redis's xclaimCommand, xautoclaimCommand):
 * XCLAIM with IDLE, TIME, RETRYCOUNT, FORCE, JUSTID and LASTID, and
 * XAUTOCLAIM's scan of the group's PEL from a cursor. Both drop from the PEL
 * the entries the stream no longer has, as Redis 7.0 does.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class StreamClaimCommands {

    private StreamClaimCommands() {}

    static void register(CommandTable.Builder t) {
        String g = "stream";
        t.add("xclaim", -6, WRITE | FAST, 1, 1, 1, g, "5.0.0",
                "Changes (or acquires) ownership of a message in a consumer group, as if the message was delivered "
                        + "to the specified consumer.", StreamClaimCommands::xclaim);
        t.add("xautoclaim", -6, WRITE | FAST, 1, 1, 1, g, "6.2.0",
                "Changes (or acquires) ownership of messages in a consumer group, as if the messages were delivered "
                        + "to the specified consumer.", StreamClaimCommands::xautoclaim);
    }

    /** A claimed entry's reply: its ID (JUSTID) or the entry. */
    private static void claimed(Client c, StreamValue s, StreamId id, boolean justId) {
        if (justId) {
            c.reply.bulk(id.bytes());
        } else {
            StreamCommands.entry(c, id.ms(), id.seq(), s.get(id));
        }
    }

    /** The claiming consumer, looked up (seen now) or created, once per command. */
    private static StreamGroup.Consumer claimer(Client c, byte[] key, StreamGroup group, byte[] name) {
        return StreamReadCommands.consumer(c, c.db, key, group, name);
    }

    private static void moveTo(StreamGroup.Pending p, StreamGroup.Consumer consumer) {
        if (p.consumer != consumer) {
            if (p.consumer != null) {
                p.consumer.pel.remove(p.id);
            }
            consumer.pel.put(p.id, p);
            p.consumer = consumer;
        }
    }

    static void xclaim(Client c, byte[][] argv) {
        byte[] key = argv[1];
        StreamValue s = StreamCommands.stream(c, c.db.lookupRead(key));
        if (s == StreamCommands.WRONG) {
            return;
        }
        StreamGroup group = s == null ? null : s.group(argv[2]);
        if (group == null) {
            c.reply.error(StreamGroupCommands.noGroup(key, argv[2]));
            return;
        }
        if (!Numbers.isLong(argv[4])) {
            c.reply.error("ERR Invalid min-idle-time argument for XCLAIM");
            return;
        }
        long minIdle = Math.max(0, Numbers.toLong(argv[4]));
        List<StreamId> ids = new ArrayList<>();
        int j = 5;
        for (; j < argv.length; j++) {
            StreamId.Parsed p = StreamId.parse(argv[j], 0, true, false);
            if (p == null) {
                break;
            }
            ids.add(p.id());
        }
        long now = c.server.now();
        long deliveryTime = -1;
        long retryCount = -1;
        boolean force = false;
        boolean justId = false;
        StreamId lastId = StreamId.MIN;
        for (; j < argv.length; j++) {
            int moreArgs = argv.length - 1 - j;
            byte[] opt = argv[j];
            if (Args.is(opt, "force")) {
                force = true;
            } else if (Args.is(opt, "justid")) {
                justId = true;
            } else if (Args.is(opt, "idle") && moreArgs > 0) {
                j++;
                if (!Numbers.isLong(argv[j])) {
                    c.reply.error("ERR Invalid IDLE option argument for XCLAIM");
                    return;
                }
                deliveryTime = now - Numbers.toLong(argv[j]);
            } else if (Args.is(opt, "time") && moreArgs > 0) {
                j++;
                if (!Numbers.isLong(argv[j])) {
                    c.reply.error("ERR Invalid TIME option argument for XCLAIM");
                    return;
                }
                deliveryTime = Numbers.toLong(argv[j]);
            } else if (Args.is(opt, "retrycount") && moreArgs > 0) {
                j++;
                if (!Numbers.isLong(argv[j])) {
                    c.reply.error("ERR Invalid RETRYCOUNT option argument for XCLAIM");
                    return;
                }
                retryCount = Numbers.toLong(argv[j]);
            } else if (Args.is(opt, "lastid") && moreArgs > 0) {
                j++;
                lastId = StreamCommands.strictId(c, argv[j]);
                if (lastId == null) {
                    return;
                }
            } else {
                c.reply.error("ERR Unrecognized XCLAIM option '" + Errors.latin1(opt, Integer.MAX_VALUE) + "'");
                return;
            }
        }
        if (lastId.compareTo(group.lastId) > 0) {
            group.lastId = lastId;
        }
        if (deliveryTime != -1) {
            if (deliveryTime < 0 || deliveryTime > now) {
                deliveryTime = now;
            }
        } else {
            deliveryTime = now;
        }
        StreamGroup.Consumer consumer = null;
        List<StreamId> out = new ArrayList<>();
        for (StreamId id : ids) {
            StreamGroup.Pending nack = group.pel.get(id);
            if (!s.exists(id)) {
                if (nack != null) {
                    group.ack(id);
                }
                continue;
            }
            if (force && nack == null) {
                nack = new StreamGroup.Pending(id, null, now, 1);
                group.pel.put(id, nack);
            }
            if (nack == null) {
                continue;
            }
            if (nack.consumer != null && minIdle != 0 && now - nack.deliveryTime < minIdle) {
                continue;
            }
            if (consumer == null) {
                consumer = claimer(c, key, group, argv[3]);
            }
            nack.deliveryTime = deliveryTime;
            if (retryCount >= 0) {
                nack.deliveryCount = retryCount;
            } else if (!justId) {
                nack.deliveryCount++;
            }
            moveTo(nack, consumer);
            out.add(id);
        }
        c.reply.array(out.size());
        for (StreamId id : out) {
            claimed(c, s, id, justId);
        }
    }

    static void xautoclaim(Client c, byte[][] argv) {
        byte[] key = argv[1];
        if (!Numbers.isLong(argv[4])) {
            c.reply.error("ERR Invalid min-idle-time argument for XAUTOCLAIM");
            return;
        }
        long minIdle = Math.max(0, Numbers.toLong(argv[4]));
        StreamId start = StreamCommands.intervalId(c, argv[5], 0, true);
        if (start == null) {
            return;
        }
        long count = 100;
        boolean justId = false;
        int j = 6;
        while (j < argv.length) {
            int moreArgs = argv.length - 1 - j;
            if (Args.is(argv[j], "count") && moreArgs > 0) {
                long max = Long.MAX_VALUE / 16; // LONG_MAX / max(sizeof(streamID), attempts_factor)
                if (!Numbers.isLong(argv[j + 1]) || Numbers.toLong(argv[j + 1]) < 1
                        || Numbers.toLong(argv[j + 1]) > max) {
                    c.reply.error("ERR COUNT must be > 0");
                    return;
                }
                count = Numbers.toLong(argv[j + 1]);
                j++;
            } else if (Args.is(argv[j], "justid")) {
                justId = true;
            } else {
                c.reply.error(Errors.SYNTAX);
                return;
            }
            j++;
        }
        StreamValue s = StreamCommands.stream(c, c.db.lookupRead(key));
        if (s == StreamCommands.WRONG) {
            return;
        }
        StreamGroup group = s == null ? null : s.group(argv[2]);
        if (group == null) {
            c.reply.error(StreamGroupCommands.noGroup(key, argv[2]));
            return;
        }
        long attempts = count * 10;
        long now = c.server.now();
        StreamGroup.Consumer consumer = null;
        List<StreamId> claimed = new ArrayList<>();
        List<StreamId> deleted = new ArrayList<>();
        Iterator<StreamGroup.Pending> it = new ArrayList<>(group.pel.tailMap(start, true).values()).iterator();
        StreamId cursor = null;
        while (attempts-- > 0 && count > 0) {
            if (!it.hasNext()) {
                break;
            }
            StreamGroup.Pending nack = it.next();
            StreamId id = nack.id;
            if (!s.exists(id)) {
                group.ack(id);
                deleted.add(id);
                count--;
                continue;
            }
            if (minIdle != 0 && now - nack.deliveryTime < minIdle) {
                continue;
            }
            if (consumer == null) {
                consumer = claimer(c, key, group, argv[3]);
            }
            nack.deliveryTime = now;
            if (!justId) {
                nack.deliveryCount++;
            }
            moveTo(nack, consumer);
            claimed.add(id);
            count--;
        }
        if (it.hasNext()) {
            cursor = it.next().id;
        }
        c.reply.array(3);
        c.reply.bulk((cursor == null ? StreamId.MIN : cursor).bytes());
        c.reply.array(claimed.size());
        for (StreamId id : claimed) {
            claimed(c, s, id, justId);
        }
        c.reply.array(deleted.size());
        for (StreamId id : deleted) {
            c.reply.bulk(id.bytes());
        }
    }
}

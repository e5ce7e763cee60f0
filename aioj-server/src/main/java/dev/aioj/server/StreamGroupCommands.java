package dev.aioj.server;

import static dev.aioj.server.Command.DENYOOM;
import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.LOADING;
import static dev.aioj.server.Command.READONLY;
import static dev.aioj.server.Command.STALE;
import static dev.aioj.server.Command.WRITE;

/**
 * Consumer groups (Redis's xgroupCommand, xackCommand, xpendingCommand):
 * XGROUP CREATE/SETID/DESTROY/CREATECONSUMER/DELCONSUMER/HELP, XACK and
 * XPENDING in its summary and extended forms. Reading through a group is
 * {@link StreamReadCommands}, claiming {@link StreamClaimCommands}.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class StreamGroupCommands {

    private StreamGroupCommands() {}

    static void register(CommandTable.Builder t) {
        String g = "stream";
        t.addContainer("xgroup", -2, 0, g, "5.0.0", "A container for consumer groups commands", sub -> sub
                .add("create", -5, WRITE | DENYOOM, 2, 2, 1, g, "5.0.0", "Create a consumer group.",
                        StreamGroupCommands::xgroup)
                .add("setid", -5, WRITE, 2, 2, 1, g, "5.0.0", "Set a consumer group to an arbitrary last delivered ID "
                        + "value.", StreamGroupCommands::xgroup)
                .add("destroy", 4, WRITE, 2, 2, 1, g, "5.0.0", "Destroy a consumer group.",
                        StreamGroupCommands::xgroup)
                .add("createconsumer", 5, WRITE | DENYOOM, 2, 2, 1, g, "6.2.0", "Create a consumer in a consumer "
                        + "group.", StreamGroupCommands::xgroup)
                .add("delconsumer", 5, WRITE, 2, 2, 1, g, "5.0.0", "Delete a consumer from a consumer group.",
                        StreamGroupCommands::xgroup)
                .add("help", 2, LOADING | STALE, 0, 0, 0, g, "5.0.0", "Show helpful text about the different "
                        + "subcommands", StreamGroupCommands::xgroup));
        t.add("xack", -4, WRITE | FAST, 1, 1, 1, g, "5.0.0",
                "Marks a pending message as correctly processed, effectively removing it from the pending entries "
                        + "list of the consumer group. Return value of the command is the number of messages "
                        + "successfully acknowledged, that is, the IDs we were actually able to resolve in the PEL.",
                StreamGroupCommands::xack);
        t.add("xpending", -3, READONLY, 1, 1, 1, g, "5.0.0",
                "Return information and entries from a stream consumer group pending entries list, that are "
                        + "messages fetched but never acknowledged.", StreamGroupCommands::xpending);
    }

    static String noGroup(byte[] key, byte[] group) {
        return "NOGROUP No such key '" + Errors.latin1(key, Integer.MAX_VALUE) + "' or consumer group '"
                + Errors.latin1(group, Integer.MAX_VALUE) + "'";
    }

    private static String noGroupForKey(byte[] group, byte[] key) {
        return "NOGROUP No such consumer group '" + Errors.latin1(group, Integer.MAX_VALUE) + "' for key name '"
                + Errors.latin1(key, Integer.MAX_VALUE) + "'";
    }

    /** Redis's xgroupCommand, for every subcommand. */
    static void xgroup(Client c, byte[][] argv) {
        byte[] opt = argv[1];
        StreamValue s = null;
        StreamGroup cg = null;
        boolean mkstream = false;
        long entriesRead = StreamGroup.INVALID_ENTRIES_READ;
        byte[] groupName = null;
        if (argv.length >= 4) {
            boolean create = Args.is(opt, "create");
            boolean setid = Args.is(opt, "setid");
            int i = 5;
            while (i < argv.length) {
                if (create && Args.is(argv[i], "mkstream")) {
                    mkstream = true;
                    i++;
                } else if ((create || setid) && Args.is(argv[i], "entriesread") && i + 1 < argv.length) {
                    if (!Args.isLong(c, argv[i + 1])) {
                        return;
                    }
                    entriesRead = Numbers.toLong(argv[i + 1]);
                    if (entriesRead < 0 && entriesRead != StreamGroup.INVALID_ENTRIES_READ) {
                        c.reply.error("ERR value for ENTRIESREAD must be positive or -1");
                        return;
                    }
                    i += 2;
                } else {
                    c.reply.error(Errors.subcommandSyntax(argv[0], argv[1]));
                    return;
                }
            }
            s = StreamCommands.stream(c, c.db.lookup(argv[2]));
            if (s == StreamCommands.WRONG) {
                return;
            }
            groupName = argv[3];
        }
        if (argv.length >= 4 && !mkstream) {
            if (s == null) {
                c.reply.error("ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want "
                        + "to use the MKSTREAM option to create an empty stream automatically.");
                return;
            }
            cg = s.group(groupName);
            if (cg == null && (Args.is(opt, "setid") || Args.is(opt, "createconsumer")
                    || Args.is(opt, "delconsumer"))) {
                c.reply.error(noGroupForKey(groupName, argv[2]));
                return;
            }
        }
        byte[] key = argv.length > 2 ? argv[2] : null;
        if (argv.length == 2 && Args.is(opt, "help")) {
            HelpReply.send(c, "xgroup",
                    "CREATE <key> <groupname> <id|$> [option]",
                    "    Create a new consumer group. Options are:",
                    "    * MKSTREAM",
                    "      Create the empty stream if it does not exist.",
                    "    * ENTRIESREAD entries_read",
                    "      Set the group's entries_read counter (internal use).",
                    "CREATECONSUMER <key> <groupname> <consumer>",
                    "    Create a new consumer in the specified group.",
                    "DELCONSUMER <key> <groupname> <consumer>",
                    "    Remove the specified consumer.",
                    "DESTROY <key> <groupname>",
                    "    Remove the specified group.",
                    "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
                    "    Set the current group ID and entries_read counter.");
        } else if (Args.is(opt, "create") && argv.length >= 5 && argv.length <= 8) {
            StreamId id;
            if (argv[4].length == 1 && argv[4][0] == '$') {
                id = s != null ? s.lastId : StreamId.MIN;
            } else {
                id = StreamCommands.strictId(c, argv[4]);
                if (id == null) {
                    return;
                }
            }
            if (s == null) {
                s = new StreamValue(c.server.limits);
                c.db.add(key, s);
            }
            if (s.createGroup(groupName, id, entriesRead) != null) {
                c.reply.ok();
                c.db.notify(NotifyType.STREAM, "xgroup-create", key);
            } else {
                c.reply.error("BUSYGROUP Consumer Group name already exists");
            }
        } else if (Args.is(opt, "setid") && (argv.length == 5 || argv.length == 7)) {
            StreamId id;
            if (argv[4].length == 1 && argv[4][0] == '$') {
                id = s.lastId;
            } else {
                StreamId.Parsed p = StreamId.parse(argv[4], 0, false, false);
                if (p == null) {
                    c.reply.error(StreamId.INVALID);
                    return;
                }
                id = p.id();
            }
            cg.lastId = id;
            cg.entriesRead = entriesRead;
            c.reply.ok();
            c.db.notify(NotifyType.STREAM, "xgroup-setid", key);
        } else if (Args.is(opt, "destroy") && argv.length == 4) {
            if (cg != null) {
                s.destroyGroup(groupName);
                c.reply.raw(ReplyWriter.ONE);
                c.db.notify(NotifyType.STREAM, "xgroup-destroy", key);
                c.server.blocking.keyAdded(c.db, key); // XREADGROUP clients of the group get NOGROUP
            } else {
                c.reply.raw(ReplyWriter.ZERO);
            }
        } else if (Args.is(opt, "createconsumer") && argv.length == 5) {
            StreamGroup.Consumer created = cg.createConsumer(argv[4], c.server.now());
            if (created != null) {
                c.db.notify(NotifyType.STREAM, "xgroup-createconsumer", key);
            }
            c.reply.integer(created != null ? 1 : 0);
        } else if (Args.is(opt, "delconsumer") && argv.length == 5) {
            long pending = 0;
            StreamGroup.Consumer consumer = cg.consumer(argv[4]);
            if (consumer != null) {
                pending = cg.deleteConsumer(consumer);
                c.db.notify(NotifyType.STREAM, "xgroup-delconsumer", key);
            }
            c.reply.integer(pending);
        } else {
            c.reply.error(Errors.subcommandSyntax(argv[0], argv[1]));
        }
    }

    static void xack(Client c, byte[][] argv) {
        StreamValue s = StreamCommands.stream(c, c.db.lookupRead(argv[1]));
        if (s == StreamCommands.WRONG) {
            return;
        }
        StreamGroup group = s == null ? null : s.group(argv[2]);
        if (group == null) {
            c.reply.raw(ReplyWriter.ZERO);
            return;
        }
        StreamId[] ids = new StreamId[argv.length - 3];
        for (int j = 3; j < argv.length; j++) {
            ids[j - 3] = StreamCommands.strictId(c, argv[j]);
            if (ids[j - 3] == null) {
                return;
            }
        }
        long acknowledged = 0;
        for (StreamId id : ids) {
            if (group.ack(id)) {
                acknowledged++;
            }
        }
        c.reply.integer(acknowledged);
    }

    static void xpending(Client c, byte[][] argv) {
        boolean justInfo = argv.length == 3;
        byte[] key = argv[1];
        byte[] groupName = argv[2];
        if (argv.length != 3 && (argv.length < 6 || argv.length > 9)) {
            c.reply.error(Errors.SYNTAX);
            return;
        }
        StreamId start = null;
        StreamId end = null;
        long count = 0;
        long minIdle = 0;
        byte[] consumerName = null;
        if (argv.length >= 6) {
            int startIdx = 3;
            if (Args.is(argv[3], "idle")) {
                if (!Args.isLong(c, argv[4])) {
                    return;
                }
                minIdle = Numbers.toLong(argv[4]);
                if (argv.length < 8) {
                    c.reply.error(Errors.SYNTAX);
                    return;
                }
                startIdx += 2;
            }
            if (!Args.isLong(c, argv[startIdx + 2])) {
                return;
            }
            count = Math.max(0, Numbers.toLong(argv[startIdx + 2]));
            start = StreamCommands.intervalId(c, argv[startIdx], 0, true);
            if (start == null) {
                return;
            }
            end = StreamCommands.intervalId(c, argv[startIdx + 1], -1L, false);
            if (end == null) {
                return;
            }
            if (startIdx + 3 < argv.length) {
                consumerName = argv[startIdx + 3];
            }
        }
        StreamValue s = StreamCommands.stream(c, c.db.lookupRead(key));
        if (s == StreamCommands.WRONG) {
            return;
        }
        StreamGroup group = s == null ? null : s.group(groupName);
        if (group == null) {
            c.reply.error(noGroup(key, groupName));
            return;
        }
        if (justInfo) {
            c.reply.array(4);
            c.reply.integer(group.pel.size());
            if (group.pel.isEmpty()) {
                c.reply.nullBulk();
                c.reply.nullBulk();
                c.reply.nullArray();
                return;
            }
            c.reply.bulk(group.pel.firstKey().bytes());
            c.reply.bulk(group.pel.lastKey().bytes());
            int n = 0;
            for (StreamGroup.Consumer consumer : group.consumers.values()) {
                if (!consumer.pel.isEmpty()) {
                    n++;
                }
            }
            c.reply.array(n);
            for (StreamGroup.Consumer consumer : group.consumers.values()) {
                if (!consumer.pel.isEmpty()) {
                    c.reply.array(2);
                    c.reply.bulk(consumer.name);
                    c.reply.bulk(consumer.pel.size());
                }
            }
            return;
        }
        java.util.NavigableMap<StreamId, StreamGroup.Pending> pel = group.pel;
        if (consumerName != null) {
            StreamGroup.Consumer consumer = group.consumer(consumerName);
            if (consumer == null) {
                c.reply.array(0);
                return;
            }
            pel = consumer.pel;
        }
        long now = c.server.now();
        java.util.List<StreamGroup.Pending> out = new java.util.ArrayList<>();
        for (StreamGroup.Pending p : pel.tailMap(start, true).values()) {
            if (count == 0 || p.id.compareTo(end) > 0) {
                break;
            }
            if (minIdle != 0 && now - p.deliveryTime < minIdle) {
                continue;
            }
            out.add(p);
            count--;
        }
        c.reply.array(out.size());
        for (StreamGroup.Pending p : out) {
            c.reply.array(4);
            c.reply.bulk(p.id.bytes());
            c.reply.bulk(p.consumer.name);
            c.reply.integer(Math.max(0, now - p.deliveryTime));
            c.reply.integer(p.deliveryCount);
        }
    }
}

package dev.aioj.server;

import static dev.aioj.server.Command.LOADING;
import static dev.aioj.server.Command.READONLY;
import static dev.aioj.server.Command.STALE;

/**
 * XINFO STREAM [FULL [COUNT n]], XINFO GROUPS, XINFO CONSUMERS and XINFO
 * HELP (Redis's xinfoCommand): the stream's counters and node counts
 * ({@link StreamValue#nodeCount}, {@link StreamValue#radixTreeNodes}), its
 * groups with their lag ({@link StreamLag}), PELs and consumers.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class StreamInfoCommand {

    private StreamInfoCommand() {}

    static void register(CommandTable.Builder t) {
        String g = "stream";
        t.addContainer("xinfo", -2, 0, g, "5.0.0", "A container for stream introspection commands", sub -> sub
                .add("consumers", 4, READONLY, 2, 2, 1, g, "5.0.0", "List the consumers in a consumer group",
                        StreamInfoCommand::xinfo)
                .add("groups", 3, READONLY, 2, 2, 1, g, "5.0.0", "List the consumer groups of a stream",
                        StreamInfoCommand::xinfo)
                .add("stream", -3, READONLY, 2, 2, 1, g, "5.0.0", "Get information about a stream",
                        StreamInfoCommand::xinfo)
                .add("help", 2, LOADING | STALE, 0, 0, 0, g, "5.0.0", "Show helpful text about the different "
                        + "subcommands", StreamInfoCommand::xinfo));
    }

    static void xinfo(Client c, byte[][] argv) {
        if (Args.is(argv[1], "help")) {
            if (argv.length != 2) {
                c.reply.error(Errors.subcommandSyntax(argv[0], argv[1]));
                return;
            }
            HelpReply.send(c, "xinfo",
                    "CONSUMERS <key> <groupname>",
                    "    Show consumers of <groupname>.",
                    "GROUPS <key>",
                    "    Show the stream consumer groups.",
                    "STREAM <key> [FULL [COUNT <count>]",
                    "    Show information about the stream.");
            return;
        } else if (argv.length < 3) {
            c.reply.error(Errors.subcommandSyntax(argv[0], argv[1]));
            return;
        }
        byte[] key = argv[2];
        Object v = c.db.lookupRead(key);
        if (v == null) {
            c.reply.error(Errors.NO_SUCH_KEY);
            return;
        }
        StreamValue s = StreamCommands.stream(c, v);
        if (s == StreamCommands.WRONG) {
            return;
        }
        if (Args.is(argv[1], "consumers") && argv.length == 4) {
            StreamGroup cg = s.group(argv[3]);
            if (cg == null) {
                c.reply.error("NOGROUP No such consumer group '" + Errors.latin1(argv[3], Integer.MAX_VALUE)
                        + "' for key name '" + Errors.latin1(key, Integer.MAX_VALUE) + "'");
                return;
            }
            long now = c.server.now();
            c.reply.array(cg.consumers.size());
            for (StreamGroup.Consumer consumer : cg.consumers.values()) {
                c.reply.map(3);
                c.reply.bulk("name");
                c.reply.bulk(consumer.name);
                c.reply.bulk("pending");
                c.reply.integer(consumer.pel.size());
                c.reply.bulk("idle");
                c.reply.integer(Math.max(0, now - consumer.seenTime));
            }
        } else if (Args.is(argv[1], "groups") && argv.length == 3) {
            c.reply.array(s.groupCount());
            for (StreamGroup cg : s.groups()) {
                c.reply.map(6);
                c.reply.bulk("name");
                c.reply.bulk(cg.name);
                c.reply.bulk("consumers");
                c.reply.integer(cg.consumers.size());
                c.reply.bulk("pending");
                c.reply.integer(cg.pel.size());
                c.reply.bulk("last-delivered-id");
                c.reply.bulk(cg.lastId.bytes());
                entriesRead(c, cg);
                lag(c, s, cg);
            }
        } else if (Args.is(argv[1], "stream")) {
            stream(c, argv, s);
        } else {
            c.reply.error(Errors.subcommandSyntax(argv[0], argv[1]));
        }
    }

    private static void entriesRead(Client c, StreamGroup cg) {
        c.reply.bulk("entries-read");
        if (cg.entriesRead != StreamGroup.INVALID_ENTRIES_READ) {
            c.reply.integer(cg.entriesRead);
        } else {
            c.reply.nullBulk();
        }
    }

    private static void lag(Client c, StreamValue s, StreamGroup cg) {
        c.reply.bulk("lag");
        Long lag = StreamLag.lag(s, cg);
        if (lag != null) {
            c.reply.integer(lag);
        } else {
            c.reply.nullBulk();
        }
    }

    /** Redis's xinfoReplyWithStreamInfo. */
    private static void stream(Client c, byte[][] argv, StreamValue s) {
        boolean full = true;
        long count = 10;
        int optc = argv.length - 3;
        if (optc == 0) {
            full = false;
        } else {
            if (optc != 1 && optc != 3) {
                c.reply.error(Errors.subcommandSyntax(argv[0], argv[1]));
                return;
            }
            if (!Args.is(argv[3], "full")) {
                c.reply.error(Errors.subcommandSyntax(argv[0], argv[1]));
                return;
            }
            if (optc == 3) {
                if (!Args.is(argv[4], "count")) {
                    c.reply.error(Errors.subcommandSyntax(argv[0], argv[1]));
                    return;
                }
                if (!Args.isLong(c, argv[5])) {
                    return;
                }
                count = Numbers.toLong(argv[5]);
                if (count < 0) {
                    count = 10;
                }
            }
        }
        c.reply.map(full ? 9 : 10);
        c.reply.bulk("length");
        c.reply.integer(s.length);
        c.reply.bulk("radix-tree-keys");
        c.reply.integer(s.nodeCount());
        c.reply.bulk("radix-tree-nodes");
        c.reply.integer(s.radixTreeNodes());
        c.reply.bulk("last-generated-id");
        c.reply.bulk(s.lastId.bytes());
        c.reply.bulk("max-deleted-entry-id");
        c.reply.bulk(s.maxDeletedId.bytes());
        c.reply.bulk("entries-added");
        c.reply.integer(s.entriesAdded);
        c.reply.bulk("recorded-first-entry-id");
        c.reply.bulk(s.firstId.bytes());
        if (!full) {
            c.reply.bulk("groups");
            c.reply.integer(s.groupCount());
            c.reply.bulk("first-entry");
            edge(c, s, false);
            c.reply.bulk("last-entry");
            edge(c, s, true);
            return;
        }
        c.reply.bulk("entries");
        StreamCommands.collect(s, StreamId.MIN, StreamId.MAX, count, false).reply(c);
        c.reply.bulk("groups");
        c.reply.array(s.groupCount());
        for (StreamGroup cg : s.groups()) {
            c.reply.map(7);
            c.reply.bulk("name");
            c.reply.bulk(cg.name);
            c.reply.bulk("last-delivered-id");
            c.reply.bulk(cg.lastId.bytes());
            entriesRead(c, cg);
            lag(c, s, cg);
            c.reply.bulk("pel-count");
            c.reply.integer(cg.pel.size());
            c.reply.bulk("pending");
            int n = (int) (count == 0 ? cg.pel.size() : Math.min(count, cg.pel.size()));
            c.reply.array(n);
            int i = 0;
            for (StreamGroup.Pending p : cg.pel.values()) {
                if (i++ == n) {
                    break;
                }
                c.reply.array(4);
                c.reply.bulk(p.id.bytes());
                c.reply.bulk(p.consumer.name);
                c.reply.integer(p.deliveryTime);
                c.reply.integer(p.deliveryCount);
            }
            c.reply.bulk("consumers");
            c.reply.array(cg.consumers.size());
            for (StreamGroup.Consumer consumer : cg.consumers.values()) {
                c.reply.map(4);
                c.reply.bulk("name");
                c.reply.bulk(consumer.name);
                c.reply.bulk("seen-time");
                c.reply.integer(consumer.seenTime);
                c.reply.bulk("pel-count");
                c.reply.integer(consumer.pel.size());
                c.reply.bulk("pending");
                int m = (int) (count == 0 ? consumer.pel.size() : Math.min(count, consumer.pel.size()));
                c.reply.array(m);
                int k = 0;
                for (StreamGroup.Pending p : consumer.pel.values()) {
                    if (k++ == m) {
                        break;
                    }
                    c.reply.array(3);
                    c.reply.bulk(p.id.bytes());
                    c.reply.integer(p.deliveryTime);
                    c.reply.integer(p.deliveryCount);
                }
            }
        }
    }

    /** The first or last entry, as a bare [id, fields] or null. */
    private static void edge(Client c, StreamValue s, boolean last) {
        StreamCommands.Batch b = StreamCommands.collect(s, StreamId.MIN, StreamId.MAX, 1, last);
        if (b.size == 0) {
            c.reply.nullBulk();
        } else {
            StreamCommands.entry(c, b.ms[0], b.seq[0], b.fv[0]);
        }
    }
}

package dev.aioj.server;

import static dev.aioj.server.Command.LOADING;
import static dev.aioj.server.Command.READONLY;
import static dev.aioj.server.Command.STALE;

/**
 * OBJECT ENCODING, REFCOUNT, IDLETIME, FREQ and HELP (Redis's object.c): what
 * Redis 7.0 would answer about a key's value, from the encodings this server
 * tracks ({@link ObjectEncoding}, {@link Value#encoding()}) and the access
 * bits of each key ({@link KeyAccess}). IDLETIME is refused under an LFU
 * {@code maxmemory-policy} and FREQ under any other, with Redis's errors.
 *
 * <p>The lookups neither touch the key nor send {@code keymiss} (Redis's
 * objectCommandLookup), but count in keyspace hits and misses.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ObjectCommand {

    private ObjectCommand() {}

    static void register(CommandTable.Builder t) {
        String g = "generic";
        t.addContainer("object", -2, 0, g, "2.2.3", "A container for object introspection commands.", sub -> sub
                .add("encoding", 3, READONLY, 2, 2, 1, g, "2.2.3", "Returns the internal encoding of a Redis object.",
                        (c, a) -> {
                            Dict.KeyEntry e = lookup(c, a[2]);
                            if (e != null) {
                                c.reply.bulk(ObjectEncoding.of(e.value, e.meta));
                            }
                        })
                .add("refcount", 3, READONLY, 2, 2, 1, g, "2.2.3",
                        "Returns the reference count of a value of a key.", (c, a) -> {
                            Dict.KeyEntry e = lookup(c, a[2]);
                            if (e != null) {
                                c.reply.integer(ObjectEncoding.refcount(e.value, e.meta));
                            }
                        })
                .add("idletime", 3, READONLY, 2, 2, 1, g, "2.2.3",
                        "Returns the time since the last access to a Redis object.", ObjectCommand::idletime)
                .add("freq", 3, READONLY, 2, 2, 1, g, "4.0.0", "Returns the logarithmic access frequency counter of "
                        + "a Redis object.", ObjectCommand::freq)
                .add("help", 2, LOADING | STALE, 0, 0, 0, g, "6.2.0", "Returns helpful text about the different "
                        + "subcommands.", (c, a) -> HelpReply.send(c, "object",
                        "ENCODING <key>",
                        "    Return the kind of internal representation used in order to store the value",
                        "    associated with a <key>.",
                        "FREQ <key>",
                        "    Return the access frequency index of the <key>. The returned integer is",
                        "    proportional to the logarithm of the recent access frequency of the key.",
                        "IDLETIME <key>",
                        "    Return the idle time of the <key>, that is the approximated number of",
                        "    seconds elapsed since the last access to the key.",
                        "REFCOUNT <key>",
                        "    Return the number of references of the value associated with the specified",
                        "    <key>.")));
    }

    /** The key's entry, or null after the null reply (Redis's objectCommandLookupOrReply). */
    private static Dict.KeyEntry lookup(Client c, byte[] key) {
        if (c.db.lookupRead(key, Database.NOTOUCH | Database.NONOTIFY) == null) {
            c.reply.nullBulk();
            return null;
        }
        return c.db.entry(key);
    }

    static void idletime(Client c, byte[][] argv) {
        Dict.KeyEntry e = lookup(c, argv[2]);
        if (e == null) {
            return;
        }
        if (c.server.access.lfu()) {
            c.reply.error("ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when "
                    + "switching between policies at runtime LRU and LFU data will take some time to adjust.");
            return;
        }
        c.reply.integer(c.server.access.idleSeconds(e.meta));
    }

    static void freq(Client c, byte[][] argv) {
        Dict.KeyEntry e = lookup(c, argv[2]);
        if (e == null) {
            return;
        }
        if (!c.server.access.lfu()) {
            c.reply.error("ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note "
                    + "that when switching between policies at runtime LRU and LFU data will take some time to "
                    + "adjust.");
            return;
        }
        c.reply.integer(c.server.access.frequency(e.meta));
    }
}

package dev.aioj.server;

import static dev.aioj.server.Command.DENYOOM;
import static dev.aioj.server.Command.READONLY;
import static dev.aioj.server.Command.WRITE;

/**
 * DUMP and RESTORE (Redis's {@code dumpCommand} and {@code restoreCommand}
 * in cluster.c), with RESTORE's REPLACE, ABSTTL, IDLETIME and FREQ, in the
 * order Redis checks them, so replies match redis-server's byte for byte.
 * The payload format is {@link DumpPayload}'s.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class DumpCommands {

    private DumpCommands() {}

    static void register(CommandTable.Builder t) {
        String g = "generic";
        t.add("dump", 2, READONLY, 1, 1, 1, g, "2.6.0",
                "Returns a serialized representation of the value stored at a key.", DumpCommands::dump);
        t.add("restore", -4, WRITE | DENYOOM, 1, 1, 1, g, "2.6.0",
                "Creates a key from the serialized representation of a value.", DumpCommands::restore);
    }

    static void dump(Client c, byte[][] argv) {
        Object value = c.db.lookupRead(argv[1]);
        if (value == null) {
            c.reply.nullBulk();
            return;
        }
        c.reply.bulk(DumpPayload.dump(c.server, value));
    }

    static void restore(Client c, byte[][] argv) {
        boolean replace = false;
        boolean absTtl = false;
        long idle = -1;
        long freq = -1;
        for (int j = 4; j < argv.length; j++) {
            int additional = argv.length - j - 1;
            if (Args.is(argv[j], "replace")) {
                replace = true;
            } else if (Args.is(argv[j], "absttl")) {
                absTtl = true;
            } else if (Args.is(argv[j], "idletime") && additional >= 1 && freq == -1) {
                long v = Numbers.parseLongOr(argv[++j], Long.MIN_VALUE);
                if (v == Long.MIN_VALUE && !Numbers.isLong(argv[j])) {
                    c.reply.error(Errors.NOT_INTEGER);
                    return;
                }
                if (v < 0) {
                    c.reply.error("ERR Invalid IDLETIME value, must be >= 0");
                    return;
                }
                idle = v;
            } else if (Args.is(argv[j], "freq") && additional >= 1 && idle == -1) {
                long v = Numbers.parseLongOr(argv[++j], Long.MIN_VALUE);
                if (v == Long.MIN_VALUE && !Numbers.isLong(argv[j])) {
                    c.reply.error(Errors.NOT_INTEGER);
                    return;
                }
                if (v < 0 || v > 255) {
                    c.reply.error("ERR Invalid FREQ value, must be >= 0 and <= 255");
                    return;
                }
                freq = v;
            } else {
                c.reply.error(Errors.SYNTAX);
                return;
            }
        }
        byte[] key = argv[1];
        Database db = c.db;
        if (!replace && db.lookup(key) != null) {
            c.reply.error("BUSYKEY Target key name already exists.");
            return;
        }
        long ttl = Numbers.parseLongOr(argv[2], Long.MIN_VALUE);
        if (ttl == Long.MIN_VALUE && !Numbers.isLong(argv[2])) {
            c.reply.error(Errors.NOT_INTEGER);
            return;
        }
        if (ttl < 0) {
            c.reply.error("ERR Invalid TTL value, must be >= 0");
            return;
        }
        byte[] payload = argv[3];
        if (!DumpPayload.verify(payload)) {
            c.reply.error(DumpPayload.BAD_VERSION_OR_CHECKSUM);
            return;
        }
        Object value;
        try {
            value = DumpPayload.restore(c.server, payload);
        } catch (RdbInput.RdbException e) {
            c.reply.error(DumpPayload.BAD_FORMAT);
            return;
        }
        boolean deleted = replace && db.delete(key);
        if (ttl != 0 && !absTtl) {
            ttl += c.server.now();
        }
        if (ttl != 0 && ttl <= c.server.now()) {
            if (deleted) {
                db.notify(NotifyType.GENERIC, "del", key);
            }
            c.reply.ok();
            return;
        }
        KeyAccess access = c.server.access;
        db.addWithMeta(key, value, access.restored(access.fresh(), (int) freq, idle));
        if (ttl != 0) {
            db.setExpire(key, ttl);
        }
        db.notify(NotifyType.GENERIC, "restore", key);
        c.reply.ok();
    }
}

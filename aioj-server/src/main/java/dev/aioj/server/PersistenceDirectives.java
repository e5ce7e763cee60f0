package dev.aioj.server;

import java.util.List;

/**
 * redis.conf's SNAPSHOTTING and APPEND ONLY MODE sections. RDB persistence
 * ({@link Persistence}) reads {@code save}, {@code dir}, {@code dbfilename}
 * and {@code rdbcompression}; relative paths of other directives (pidfile,
 * logfile, unixsocket, TLS files) start in {@code dir}, as they do after
 * redis-server changes into it. The append-only file ({@link AppendOnlyFile})
 * reads {@code appendonly}, {@code appendfilename}, {@code appenddirname},
 * {@code appendfsync} and {@code aof-load-truncated}.
 */
final class PersistenceDirectives {

    private PersistenceDirectives() {}


    static final Directive SAVE = Directive.special("save", new SpecialTypes.Save()).flags(Directive.MULTI_ARG)
            .honoured("a BGSAVE starts when a rule's seconds have passed since the last save and its count of "
                    + "changes is reached; with rules set, SHUTDOWN saves first. Default \"\" (Redis: 3600 1 300 100 "
                    + "60 10000): an embedded server writes nothing unless asked");

    static final Directive DIR = Directive.special("dir", new SpecialTypes.Dir()).flags(Directive.PROTECTED)
            .honoured("the working directory: the RDB file is written and loaded there, and relative paths of "
                    + "pidfile, logfile, unixsocket and TLS files start there; must exist");

    static final Directive DBFILENAME = Directive.text("dbfilename", "dump.rdb").flags(Directive.PROTECTED)
            .validate(v -> baseName((String) v) ? null : "dbfilename can't be a path, just a filename")
            .honoured("the RDB file in dir: SAVE, BGSAVE and SHUTDOWN write it, the start loads it");

    static final Directive STOP_WRITES_ON_BGSAVE_ERROR = Directive.bool("stop-writes-on-bgsave-error", true)
            .ignored("writes go on after a failed BGSAVE (INFO shows rdb_last_bgsave_status:err)");

    static final Directive RDBCOMPRESSION = Directive.bool("rdbcompression", true)
            .honoured("strings over 20 bytes are LZF-compressed in RDB files and DUMP payloads when that saves space");

    static final Directive RDBCHECKSUM = Directive.bool("rdbchecksum", true).immutable()
            .ignored("the CRC-64 is always written and checked (a file with a 0 checksum loads, as in Redis)");

    static final Directive SANITIZE_DUMP_PAYLOAD = Directive.choice("sanitize-dump-payload",
            DirectiveType.Choice.of("no", "no", "yes", "clients"))
            .ignored("RESTORE and loading always check every length and listpack entry against the bytes");

    static final Directive RDB_DEL_SYNC_FILES = Directive.bool("rdb-del-sync-files", false)
            .ignored("no replication: no sync files");

    static final Directive RDB_SAVE_INCREMENTAL_FSYNC = Directive.bool("rdb-save-incremental-fsync", true)
            .ignored("a save fsyncs once, at its end, before the rename");

    static final Directive RDB_KEY_SAVE_DELAY = Directive.integer("rdb-key-save-delay", Integer.MIN_VALUE,
            Integer.MAX_VALUE, 0).flags(Directive.HIDDEN).honoured("a Redis test-suite setting: microseconds "
                    + "a BGSAVE waits between two buckets of keys (it then writes one bucket at a time), to make a "
                    + "save last");

    static final Directive KEY_LOAD_DELAY = Directive.integer("key-load-delay", Integer.MIN_VALUE,
            Integer.MAX_VALUE, 0).flags(Directive.HIDDEN).ignored("a Redis test-suite setting");

    static final Directive LOADING_PROCESS_EVENTS_INTERVAL_BYTES = Directive.integer(
            "loading-process-events-interval-bytes", 1024, Integer.MAX_VALUE, 2 * 1024 * 1024)
            .flags(Directive.HIDDEN).ignored("the file is loaded before the server serves anyone");

    static final Directive APPENDONLY = Directive.bool("appendonly", false)
            .honoured("the multi-part AOF in dir/appenddirname: loaded on start instead of the RDB file; CONFIG SET "
                    + "appendonly yes writes a base from the data set now", s -> s.persistence.appendonlyChanged());

    static final Directive APPENDFILENAME = Directive.text("appendfilename", "appendonly.aof").immutable()
            .validate(v -> ((String) v).isEmpty() ? "appendfilename can't be empty"
                    : baseName((String) v) ? null : "appendfilename can't be a path, just a filename")
            .honoured("the AOF files' names: NAME.manifest, NAME.N.base.rdb, NAME.N.incr.aof");

    static final Directive APPENDDIRNAME = Directive.text("appenddirname", "appendonlydir").immutable()
            .validate(v -> ((String) v).isEmpty() ? "appenddirname can't be empty"
                    : baseName((String) v) ? null : "appenddirname can't be a path, just a dirname")
            .honoured("the folder in dir holding the AOF's files");

    static final Directive APPENDFSYNC = Directive.choice("appendfsync",
            DirectiveType.Choice.of("everysec", "everysec", "always", "no"))
            .honoured("always: written and fsynced before the reply leaves; everysec: written at once, fsynced every "
                    + "second off the loop; no: the OS decides");

    static final Directive NO_APPENDFSYNC_ON_REWRITE = Directive.bool("no-appendfsync-on-rewrite", false)
            .ignored("fsyncs go on during a rewrite (no fork competes for the disk)");

    static final Directive AUTO_AOF_REWRITE_PERCENTAGE = Directive.integer("auto-aof-rewrite-percentage", 0,
            Integer.MAX_VALUE, 100).ignored("no automatic rewrite: BGREWRITEAOF only");

    static final Directive AUTO_AOF_REWRITE_MIN_SIZE = Directive.memory("auto-aof-rewrite-min-size", 0,
            Long.MAX_VALUE, 64L * 1024 * 1024).ignored("no automatic rewrite: BGREWRITEAOF only");

    static final Directive AOF_LOAD_TRUNCATED = Directive.bool("aof-load-truncated", true)
            .honoured("a last AOF file cut in the middle of a command is cut back to its last whole command and "
                    + "loaded (no: the start fails)");

    static final Directive AOF_USE_RDB_PREAMBLE = Directive.bool("aof-use-rdb-preamble", true)
            .ignored("the base file is always an RDB preamble (a .base.aof of commands loads too)");

    static final Directive AOF_TIMESTAMP_ENABLED = Directive.bool("aof-timestamp-enabled", false)
            .ignored("no #TS annotations are written (they are skipped when loading)");

    static final Directive AOF_REWRITE_INCREMENTAL_FSYNC = Directive.bool("aof-rewrite-incremental-fsync", true)
            .ignored("a rewrite fsyncs once, at its end");

    static final Directive AOF_DISABLE_AUTO_GC = Directive.bool("aof-disable-auto-gc", false)
            .ignored("the old files are deleted as soon as a rewrite's manifest is written");

    /** Redis's pathIsBaseName: no slash or backslash. */
    private static boolean baseName(String path) {
        return path.indexOf('/') < 0 && path.indexOf('\\') < 0;
    }

    static List<Directive> all() {
        return List.of(SAVE, DIR, DBFILENAME, STOP_WRITES_ON_BGSAVE_ERROR, RDBCOMPRESSION, RDBCHECKSUM,
                SANITIZE_DUMP_PAYLOAD, RDB_DEL_SYNC_FILES, RDB_SAVE_INCREMENTAL_FSYNC, RDB_KEY_SAVE_DELAY,
                KEY_LOAD_DELAY, LOADING_PROCESS_EVENTS_INTERVAL_BYTES, APPENDONLY, APPENDFILENAME, APPENDDIRNAME,
                APPENDFSYNC, NO_APPENDFSYNC_ON_REWRITE, AUTO_AOF_REWRITE_PERCENTAGE, AUTO_AOF_REWRITE_MIN_SIZE,
                AOF_LOAD_TRUNCATED, AOF_USE_RDB_PREAMBLE, AOF_TIMESTAMP_ENABLED, AOF_REWRITE_INCREMENTAL_FSYNC,
                AOF_DISABLE_AUTO_GC);
    }
}

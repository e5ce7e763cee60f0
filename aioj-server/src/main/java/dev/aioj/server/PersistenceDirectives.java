package dev.aioj.server;

import java.util.List;

/**
 * redis.conf's SNAPSHOTTING and APPEND ONLY MODE sections. RDB persistence
 * ({@link Persistence}) reads {@code save}, {@code dir}, {@code dbfilename}
 * and {@code rdbcompression}; relative paths of other directives (pidfile,
 * logfile, unixsocket, TLS files) start in {@code dir}, as they do after
 * redis-server changes into it. The append-only file is not there yet: its
 * directives are accepted, shown and rewritten.
 */
final class PersistenceDirectives {

    private PersistenceDirectives() {}

    private static final String NOT_YET = "no append-only file yet (issue 18)";

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

    static final Directive APPENDONLY = Directive.bool("appendonly", false).ignored(NOT_YET);

    static final Directive APPENDFILENAME = Directive.text("appendfilename", "appendonly.aof").immutable()
            .validate(v -> ((String) v).isEmpty() ? "appendfilename can't be empty"
                    : baseName((String) v) ? null : "appendfilename can't be a path, just a filename")
            .ignored(NOT_YET);

    static final Directive APPENDDIRNAME = Directive.text("appenddirname", "appendonlydir").immutable()
            .validate(v -> ((String) v).isEmpty() ? "appenddirname can't be empty"
                    : baseName((String) v) ? null : "appenddirname can't be a path, just a dirname")
            .ignored(NOT_YET);

    static final Directive APPENDFSYNC = Directive.choice("appendfsync",
            DirectiveType.Choice.of("everysec", "everysec", "always", "no"))
            .ignored(NOT_YET);

    static final Directive NO_APPENDFSYNC_ON_REWRITE = Directive.bool("no-appendfsync-on-rewrite", false)
            .ignored(NOT_YET);

    static final Directive AUTO_AOF_REWRITE_PERCENTAGE = Directive.integer("auto-aof-rewrite-percentage", 0,
            Integer.MAX_VALUE, 100).ignored(NOT_YET);

    static final Directive AUTO_AOF_REWRITE_MIN_SIZE = Directive.memory("auto-aof-rewrite-min-size", 0,
            Long.MAX_VALUE, 64L * 1024 * 1024).ignored(NOT_YET);

    static final Directive AOF_LOAD_TRUNCATED = Directive.bool("aof-load-truncated", true).ignored(NOT_YET);

    static final Directive AOF_USE_RDB_PREAMBLE = Directive.bool("aof-use-rdb-preamble", true).ignored(NOT_YET);

    static final Directive AOF_TIMESTAMP_ENABLED = Directive.bool("aof-timestamp-enabled", false).ignored(NOT_YET);

    static final Directive AOF_REWRITE_INCREMENTAL_FSYNC = Directive.bool("aof-rewrite-incremental-fsync", true)
            .ignored(NOT_YET);

    static final Directive AOF_DISABLE_AUTO_GC = Directive.bool("aof-disable-auto-gc", false).ignored(NOT_YET);

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

package dev.aioj.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The append-only file, Redis 7's multi-part layout ({@code aof.c}): in
 * {@code dir}/{@code appenddirname}, a base file (an RDB preamble written by
 * BGREWRITEAOF), incremental files of commands, and the manifest naming them
 * ({@link AofManifest}). Files written here load into redis-server 7.0 and
 * the other way round ({@link AofLoader}).
 *
 * <p>What goes into the file after each write command ({@link #commandDone}):
 * <ul>
 *   <li>the command as it came, for commands whose effect does not depend
 *       on time, randomness or the client ({@link #VERBATIM}: DEL, HSET,
 *       LPUSH, INCR, SET without a relative expiry, ...);</li>
 *   <li>EXPIRE, PEXPIRE and GETEX as the deadline they left ({@code
 *       PEXPIREAT}, {@code PERSIST}, or {@code DEL} when it passed);</li>
 *   <li>otherwise the resulting state of every key the command changed
 *       (the effects, as Redis propagates scripts): {@code SET k v [PXAT
 *       ms]} for a string, {@code RESTORE k ms payload REPLACE ABSTTL} for
 *       other types, {@code DEL k} for a key that is gone. A relative
 *       expiry is thus written as the absolute deadline, SPOP as what is
 *       left, a script or a transaction as the keys it left (a transaction
 *       between MULTI and EXEC).</li>
 * </ul>
 * Keys deleted by expiry or changed by a served blocking pop, outside any
 * command, are written the same way before the next command.
 *
 * <p>{@code appendfsync}: {@code always} writes and fsyncs before the
 * command's reply can leave (an acknowledged write is on disk); {@code
 * everysec} writes at once and fsyncs once a second on another thread (a
 * crash loses about the last second); {@code no} leaves fsync to the OS.
 *
 * <p>Thread contract: the server's loop thread, except the fsync thread.
 */
final class AppendOnlyFile {

    private static final System.Logger LOG = System.getLogger(AppendOnlyFile.class.getName());

    /** Commands written as they came: the same argv replayed on the same data gives the same data. */
    static final Set<String> VERBATIM = Set.of("del", "unlink", "hset", "hsetnx", "hdel", "hincrby", "hmset",
            "lpush", "rpush", "lpushx", "rpushx", "lpop", "rpop", "lset", "linsert", "lrem", "ltrim", "lmove",
            "rpoplpush", "sadd", "srem", "smove", "sinterstore", "sunionstore", "sdiffstore", "zadd", "zincrby",
            "zrem", "zremrangebyscore", "zremrangebyrank", "zremrangebylex", "zunionstore", "zinterstore",
            "zdiffstore", "zrangestore", "incr", "decr", "incrby", "decrby", "append", "setrange", "setbit",
            "mset", "msetnx", "setnx", "getset", "getdel", "rename", "renamenx", "persist", "expireat",
            "pexpireat", "flushdb", "flushall", "swapdb", "pfadd", "pfmerge", "copy", "move", "bitop",
            "function", "zpopmin", "zpopmax", "lmpop", "zmpop");

    /** Commands that change only a deadline: written as PEXPIREAT, PERSIST or DEL, as Redis propagates them. */
    static final Set<String> TTL_ONLY = Set.of("expire", "pexpire", "getex");

    private final ServerState s;
    private final Path dir;
    private final String baseName;
    private AofManifest manifest;
    private FileChannel incr;
    /** The database the file's last SELECT chose, -1 before any. */
    private int selectedDb = -1;
    /** Keys changed since the last write: (db, key), by the command running or outside any command. */
    private final List<Object[]> touched = new ArrayList<>();
    private final RdbFile.ByteCollector buf = new RdbFile.ByteCollector();
    private int depth;
    /** Error replies counted when the top-level command started: a FUNCTION that failed is not written. */
    private long errorsAtStart;
    private boolean loading;
    private final ExecutorService fsyncThread;
    private final AtomicBoolean fsyncRunning = new AtomicBoolean();
    private volatile IOException writeError;
    /** BGREWRITEAOF in progress: its base file's name, or null. */
    private String rewritingBase;
    long rewrites;
    boolean rewriteScheduled;
    long lastRewriteSeconds = -1;
    boolean lastRewriteOk = true;
    private long rewriteStartedNanos;

    AppendOnlyFile(ServerState s) {
        this.s = s;
        this.dir = s.live.resolve(s.live.text(PersistenceDirectives.APPENDDIRNAME));
        this.baseName = s.live.text(PersistenceDirectives.APPENDFILENAME);
        this.fsyncThread = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon()
                .name("aioj-aof-fsync").unstarted(r));
    }

    Path manifestPath() {
        return dir.resolve(AofManifest.manifestName(baseName));
    }

    Path directory() {
        return dir;
    }

    boolean exists() {
        return Files.exists(manifestPath());
    }

    AofManifest manifest() {
        return manifest;
    }

    // ------------------------------------------------------------------ opening

    /** Opens the files the manifest names after a load: appends go to its last incremental file. */
    void openAfterLoad(AofManifest m) throws IOException {
        this.manifest = m;
        if (m.incrs.isEmpty()) {
            long seq = 1;
            m.incrs.add(new AofManifest.Entry(incrName(seq), seq, 'i'));
            m.write(manifestPath());
        }
        openIncr(m.incrs.get(m.incrs.size() - 1).name());
    }

    /**
     * Creates the AOF from the data set now (start with {@code appendonly yes}
     * and no AOF yet, or CONFIG SET appendonly yes): a base RDB written at
     * once, an empty incremental file, the manifest.
     */
    void create() throws IOException {
        Files.createDirectories(dir);
        AofManifest m = new AofManifest();
        long seq = 1;
        m.base = new AofManifest.Entry(baseName + "." + seq + ".base.rdb", seq, 'b');
        writeBaseNow(dir.resolve(m.base.name()));
        m.incrs.add(new AofManifest.Entry(incrName(seq), seq, 'i'));
        Files.deleteIfExists(dir.resolve(incrName(seq)));
        openIncr(incrName(seq));
        m.write(manifestPath());
        this.manifest = m;
    }

    private void writeBaseNow(Path file) throws IOException {
        Path tmp = file.resolveSibling("temp-" + file.getFileName());
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
                var os = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
            RdbFile.write(new RdbOutput(os, s.live.bool(PersistenceDirectives.RDBCOMPRESSION)), s, true);
            os.flush();
            ch.force(true);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private String incrName(long seq) {
        return baseName + "." + seq + ".incr.aof";
    }

    private void openIncr(String name) throws IOException {
        if (incr != null) {
            incr.close();
        }
        incr = FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        selectedDb = -1;
    }

    void close() {
        try {
            flushTouched();
            if (incr != null) {
                incr.force(false);
                incr.close();
                incr = null;
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the AOF: {0}", e.getMessage());
        }
        fsyncThread.shutdown();
    }

    void loading(boolean on) {
        loading = on;
    }

    // ------------------------------------------------------------------ feeding

    /** Database tells of every changed key (Redis's signalModifiedKey). */
    void keyChanged(Database db, byte[] key) {
        if (!loading && incr != null) {
            touched.add(new Object[] {db, key});
        }
    }

    /** Before a command runs at the top level: the changes made outside commands go first. */
    void commandStarting() {
        if (depth++ == 0) {
            errorsAtStart = s.stats.errorReplies;
            if (!touched.isEmpty()) {
                flushTouched();
            }
        }
    }

    /** After a command: its argv, or the keys it changed, when it changed anything. */
    void commandDone(Client c, Command cmd, byte[][] argv, boolean changed) {
        if (--depth > 0 || loading || incr == null) {
            return;
        }
        String name = cmd.fullName();
        int bar = name.indexOf('|');
        String top = bar < 0 ? name : name.substring(0, bar);
        // FUNCTION LOAD/DELETE/FLUSH/RESTORE change no key, yet Redis's AOF keeps them
        boolean functionWrite = top.equals("function") && cmd.has(Command.WRITE)
                && c.server.stats.errorReplies == errorsAtStart;
        if (!changed && !functionWrite) {
            touched.clear();
            return;
        }
        if (VERBATIM.contains(top) && !relativeTime(top, argv)) {
            if (!top.equals("flushall") && !top.equals("swapdb") && !top.equals("function")) {
                select(c.db.id);
            }
            appendCommand(argv);
            touched.clear();
        } else if (TTL_ONLY.contains(top)) {
            writeTtlEffects();
        } else if (top.equals("exec")) {
            appendCommand(new byte[][] {bytes("MULTI")});
            writeEffects();
            appendCommand(new byte[][] {bytes("EXEC")});
        } else {
            writeEffects();
        }
        write();
    }

    /** SET with EX/PX is relative: it goes in as its effect (SET ... PXAT). */
    private static boolean relativeTime(String top, byte[][] argv) {
        if (!top.equals("set")) {
            return false;
        }
        for (int i = 3; i < argv.length; i++) {
            if (Args.is(argv[i], "ex") || Args.is(argv[i], "px") || Args.is(argv[i], "get")) {
                return true;
            }
        }
        return false;
    }

    /** Writes what is pending from outside commands (expiry, served blocking pops); the loop calls it too. */
    void flushTouched() {
        if (touched.isEmpty() || incr == null) {
            return;
        }
        writeEffects();
        write();
    }

    private void writeEffects() {
        Set<String> seen = new HashSet<>();
        for (Object[] t : touched) {
            Database db = (Database) t[0];
            byte[] key = (byte[]) t[1];
            if (!seen.add(db.id + "\u0000" + new String(key, StandardCharsets.ISO_8859_1))) {
                continue;
            }
            select(db.id);
            Dict.Entry e = db.keys.find(key);
            if (e == null || db.isExpired(key)) {
                appendCommand(new byte[][] {bytes("DEL"), key});
                continue;
            }
            long expire = db.expireOf(key);
            if (e.value instanceof byte[] str) {
                appendCommand(expire < 0 ? new byte[][] {bytes("SET"), key, str}
                        : new byte[][] {bytes("SET"), key, str, bytes("PXAT"), Numbers.toBytes(expire)});
            } else {
                byte[] payload = DumpPayload.dump(s, e.value);
                appendCommand(expire < 0
                        ? new byte[][] {bytes("RESTORE"), key, bytes("0"), payload, bytes("REPLACE")}
                        : new byte[][] {bytes("RESTORE"), key, Numbers.toBytes(expire), payload, bytes("REPLACE"),
                                bytes("ABSTTL")});
            }
        }
        touched.clear();
    }

    /** The deadline each touched key has now, not its value: a big collection's EXPIRE stays one short line. */
    private void writeTtlEffects() {
        Set<String> seen = new HashSet<>();
        for (Object[] t : touched) {
            Database db = (Database) t[0];
            byte[] key = (byte[]) t[1];
            if (!seen.add(db.id + "\u0000" + new String(key, StandardCharsets.ISO_8859_1))) {
                continue;
            }
            select(db.id);
            if (db.keys.find(key) == null || db.isExpired(key)) {
                appendCommand(new byte[][] {bytes("DEL"), key});
                continue;
            }
            long expire = db.expireOf(key);
            appendCommand(expire < 0 ? new byte[][] {bytes("PERSIST"), key}
                    : new byte[][] {bytes("PEXPIREAT"), key, Numbers.toBytes(expire)});
        }
        touched.clear();
    }

    private void select(int db) {
        if (db != selectedDb) {
            appendCommand(new byte[][] {bytes("SELECT"), Numbers.toBytes(db)});
            selectedDb = db;
        }
    }

    /** The command as RESP, Redis's catAppendOnlyGenericCommand. */
    private void appendCommand(byte[][] argv) {
        header('*', argv.length);
        for (byte[] a : argv) {
            header('$', a.length);
            buf.write(a, 0, a.length);
            buf.write('\r');
            buf.write('\n');
        }
    }

    private void header(char kind, long n) {
        buf.write(kind);
        byte[] digits = Numbers.toBytes(n);
        buf.write(digits, 0, digits.length);
        buf.write('\r');
        buf.write('\n');
    }

    /** Writes the buffered commands; with {@code appendfsync always}, fsyncs before returning. */
    private void write() {
        if (buf.size() == 0) {
            return;
        }
        try {
            ByteBuffer bb = ByteBuffer.wrap(buf.buffer(), 0, buf.size());
            while (bb.hasRemaining()) {
                incr.write(bb);
            }
            buf.reset();
            if (s.live.choiceName(PersistenceDirectives.APPENDFSYNC).equals("always")) {
                incr.force(false);
            }
        } catch (IOException e) {
            buf.reset();
            writeError = e;
            LOG.log(System.Logger.Level.WARNING, "Error writing to the AOF file: {0}", e.getMessage());
        }
    }

    /** {@code appendfsync everysec}: an fsync on the fsync thread, skipped while the last one runs. */
    void everySecond() {
        flushTouched();
        if (incr == null || !s.live.choiceName(PersistenceDirectives.APPENDFSYNC).equals("everysec")) {
            return;
        }
        if (fsyncRunning.compareAndSet(false, true)) {
            FileChannel ch = incr;
            fsyncThread.execute(() -> {
                try {
                    ch.force(false);
                } catch (IOException e) {
                    writeError = e;
                } finally {
                    fsyncRunning.set(false);
                }
            });
        }
    }

    boolean writeOk() {
        return writeError == null;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    // ------------------------------------------------------------------ BGREWRITEAOF

    boolean rewriting() {
        return rewritingBase != null;
    }

    /**
     * BGREWRITEAOF: appends switch to a new incremental file at once (the
     * manifest lists it after the old ones, so a crash during the rewrite
     * loses nothing), and a snapshot of now becomes the new base; when it is
     * written, the manifest keeps only the new base and the new incremental
     * file, and the old files are deleted.
     */
    void startRewrite() throws IOException {
        flushTouched();
        long newIncrSeq = manifest.lastIncrSeq() + 1;
        long newBaseSeq = manifest.base == null ? 1 : manifest.base.seq() + 1;
        String incrName = incrName(newIncrSeq);
        manifest.incrs.add(new AofManifest.Entry(incrName, newIncrSeq, 'i'));
        openIncr(incrName);
        manifest.write(manifestPath());
        String base = baseName + "." + newBaseSeq + ".base.rdb";
        rewritingBase = base;
        rewriteStartedNanos = System.nanoTime();
        s.persistence.bgsave = BackgroundSave.start(s, dir.resolve(base), true, (save, failure) -> {
            s.persistence.bgsave = null;
            rewriteDone(base, newBaseSeq, incrName, newIncrSeq, failure);
        });
    }

    private void rewriteDone(String base, long baseSeq, String incrName, long incrSeq, Throwable failure) {
        rewritingBase = null;
        lastRewriteSeconds = (System.nanoTime() - rewriteStartedNanos) / 1_000_000_000L;
        if (failure != null) {
            lastRewriteOk = false;
            LOG.log(System.Logger.Level.WARNING, "Background AOF rewrite failed: {0}", failure.getMessage());
            return;
        }
        List<AofManifest.Entry> old = new ArrayList<>();
        if (manifest.base != null) {
            old.add(manifest.base);
        }
        for (AofManifest.Entry e : manifest.incrs) {
            if (e.seq() < incrSeq) {
                old.add(e);
            }
        }
        AofManifest m = new AofManifest();
        m.base = new AofManifest.Entry(base, baseSeq, 'b');
        m.incrs.add(new AofManifest.Entry(incrName, incrSeq, 'i'));
        try {
            m.write(manifestPath());
            manifest = m;
            for (AofManifest.Entry e : old) {
                Files.deleteIfExists(dir.resolve(e.name()));
            }
            lastRewriteOk = true;
            rewrites++;
            LOG.log(System.Logger.Level.INFO, "Background AOF rewrite finished successfully");
        } catch (IOException e) {
            lastRewriteOk = false;
            LOG.log(System.Logger.Level.WARNING, "Background AOF rewrite: cannot write the manifest: {0}",
                    e.getMessage());
        }
    }
}

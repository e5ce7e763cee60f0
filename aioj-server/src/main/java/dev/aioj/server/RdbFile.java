package dev.aioj.server;

import dev.aioj.server.RdbInput.RdbException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole RDB file in Redis 7.0's layout (version 10), Redis's {@code
 * rdbSaveRio} and {@code rdbLoadRio}: the magic {@code REDIS0010}, aux
 * fields, the function libraries, then per non-empty database a SELECTDB and
 * RESIZEDB opcode and its keys (an expiry in milliseconds, the LRU idle time
 * or LFU counter when {@code maxmemory-policy} keeps one, the type, the key,
 * the value), then EOF and the CRC-64 of everything before it.
 *
 * <p>Saving writes a temporary file in the same directory, fsyncs it and
 * renames it over the target, so a crash mid-save leaves the previous file
 * whole. Loading checks the checksum (0 means the writer had {@code
 * rdbchecksum no}), drops keys whose deadline has passed (as a Redis master
 * does), and installs nothing unless the whole file is read.
 *
 * <p>Thread contract: the server's loop thread (or the thread that starts
 * the server, before it serves).
 */
final class RdbFile {

    private RdbFile() {}

    static final int RDB_VERSION = 10;
    static final int OPCODE_FUNCTION2 = 245;
    static final int OPCODE_FUNCTION_PRE_GA = 246;
    static final int OPCODE_MODULE_AUX = 247;
    static final int OPCODE_IDLE = 248;
    static final int OPCODE_FREQ = 249;
    static final int OPCODE_AUX = 250;
    static final int OPCODE_RESIZEDB = 251;
    static final int OPCODE_EXPIRETIME_MS = 252;
    static final int OPCODE_EXPIRETIME = 253;
    static final int OPCODE_SELECTDB = 254;
    static final int OPCODE_EOF = 255;

    // ------------------------------------------------------------------ writing

    /** Everything before the keys: magic, aux fields, function libraries. */
    static void writeHeader(RdbOutput out, ServerState s, boolean aofBase) throws IOException {
        out.bytes(("REDIS" + String.format("%04d", RDB_VERSION)).getBytes(StandardCharsets.US_ASCII));
        aux(out, "redis-ver", ConnectionCommands.REDIS_VERSION);
        aux(out, "redis-bits", "64");
        aux(out, "ctime", Long.toString(s.now() / 1000));
        Runtime rt = Runtime.getRuntime();
        aux(out, "used-mem", Long.toString(rt.totalMemory() - rt.freeMemory()));
        aux(out, "aof-base", aofBase ? "1" : "0");
        for (FunctionLibraries.Library lib : s.scripts.functions.libraries().values()) {
            out.u8(OPCODE_FUNCTION2);
            out.string(lib.code);
        }
    }

    private static void aux(RdbOutput out, String key, String value) throws IOException {
        out.u8(OPCODE_AUX);
        out.string(key);
        out.string(value);
    }

    /** SELECTDB and RESIZEDB for a database about to be written. */
    static void writeDbHeader(RdbOutput out, int id, long keys, long expires) throws IOException {
        out.u8(OPCODE_SELECTDB);
        out.length(id);
        out.u8(OPCODE_RESIZEDB);
        out.length(keys);
        out.length(expires);
    }

    /** One key: its expiry (-1 for none), its LRU or LFU data when the policy keeps them, the value. */
    static void writeKey(RdbOutput out, ServerState s, byte[] key, Object value, long expireMillis, int meta)
            throws IOException {
        if (expireMillis >= 0) {
            out.u8(OPCODE_EXPIRETIME_MS);
            out.littleEndian(expireMillis, 8);
        }
        String policy = s.access.policy();
        if (policy.endsWith("-lru")) {
            out.u8(OPCODE_IDLE);
            out.length(s.access.idleSeconds(meta));
        } else if (policy.endsWith("-lfu")) {
            out.u8(OPCODE_FREQ);
            out.u8(s.access.frequency(meta));
        }
        out.u8(RdbValues.type(value));
        out.string(key);
        RdbValues.writeBody(out, value, s.limits);
    }

    /** EOF and the checksum. */
    static void writeFooter(RdbOutput out) throws IOException {
        out.u8(OPCODE_EOF);
        out.checksum();
    }

    /** The checksum as the file's last 8 bytes, little-endian. */
    static byte[] checksumBytes(long crc) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (crc >>> (8 * i));
        }
        return b;
    }

    /** The whole data set, as SAVE writes it, on the calling (loop) thread. */
    static void write(RdbOutput out, ServerState s, boolean aofBase) throws IOException {
        writeHeader(out, s, aofBase);
        for (Database db : s.dbs) {
            if (db.size() == 0) {
                continue;
            }
            writeDbHeader(out, db.id, db.size(), db.expires.size());
            IOException[] failed = new IOException[1];
            db.keys.forEach(e -> {
                if (failed[0] != null) {
                    return;
                }
                try {
                    writeKey(out, s, e.key, e.value, db.expireOf(e.key), ((Dict.KeyEntry) e).meta);
                } catch (IOException ex) {
                    failed[0] = ex;
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
        }
        writeFooter(out);
    }

    /** Saves the data set to {@code file}: a temporary file in the same folder, fsynced, renamed over it. */
    static void save(ServerState s, Path file) throws IOException {
        Path tmp = file.resolveSibling("temp-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".rdb");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                    OutputStream os = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch),
                            1 << 16)) {
                RdbOutput out = new RdbOutput(os, s.live.bool(PersistenceDirectives.RDBCOMPRESSION));
                write(out, s, false);
                os.flush();
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A growable byte sink (a ByteArrayOutputStream without its synchronization). */
    static final class ByteCollector extends OutputStream {
        private byte[] b = new byte[256];
        private int n;

        @Override
        public void write(int v) {
            if (n == b.length) {
                b = java.util.Arrays.copyOf(b, b.length * 2);
            }
            b[n++] = (byte) v;
        }

        @Override
        public void write(byte[] src, int off, int len) {
            if (n + len > b.length) {
                b = java.util.Arrays.copyOf(b, Math.max(b.length * 2, n + len));
            }
            System.arraycopy(src, off, b, n, len);
            n += len;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(b, n);
        }

        int size() {
            return n;
        }

        void reset() {
            n = 0;
        }

        byte[] buffer() {
            return b;
        }
    }

    // ------------------------------------------------------------------ reading

    /** What a load found: the keys per database, the libraries, and the counts INFO and the log report. */
    static final class Loaded {
        final Dict[] keys;
        final Dict[] expires;
        final List<byte[]> libraries = new ArrayList<>();
        long keysLoaded;
        long expiredSkipped;
        boolean aofBase;

        Loaded(ServerState s) {
            keys = new Dict[s.dbs.length];
            expires = new Dict[s.dbs.length];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = Dict.keyspace(s.newSeed());
                expires[i] = new Dict(s.newSeed());
            }
        }
    }

    /**
     * Reads a whole RDB stream, its checksum included, into a {@link Loaded}
     * without touching the server's databases. {@code expireLoaded}: drop
     * keys whose deadline has passed (a file), or keep them (an AOF's
     * preamble, as Redis does).
     */
    static Loaded read(RdbInput in, ServerState s, boolean dropExpired) throws RdbException {
        byte[] magic = in.bytes(9);
        String m = new String(magic, StandardCharsets.US_ASCII);
        if (!m.startsWith("REDIS")) {
            throw new RdbException("Wrong signature trying to load DB from file");
        }
        int version;
        try {
            version = Integer.parseInt(m.substring(5));
        } catch (NumberFormatException e) {
            throw new RdbException("Wrong signature trying to load DB from file");
        }
        if (version < 1 || version > RDB_VERSION) {
            throw new RdbException("Can't handle RDB format version " + version);
        }
        Loaded loaded = new Loaded(s);
        int db = 0;
        long expire = -1;
        long idle = -1;
        int freq = -1;
        long now = s.now();
        while (true) {
            int type = in.u8();
            switch (type) {
                case OPCODE_EXPIRETIME_MS -> {
                    expire = in.littleEndian(8);
                    continue;
                }
                case OPCODE_EXPIRETIME -> {
                    expire = in.littleEndian(4) * 1000;
                    continue;
                }
                case OPCODE_IDLE -> {
                    idle = in.length();
                    continue;
                }
                case OPCODE_FREQ -> {
                    freq = in.u8();
                    continue;
                }
                case OPCODE_SELECTDB -> {
                    long id = in.length();
                    if (id >= s.dbs.length) {
                        throw new RdbException("FATAL: Data file was created with a Redis server configured to "
                                + "handle more than " + s.dbs.length + " databases. Exiting");
                    }
                    db = (int) id;
                    continue;
                }
                case OPCODE_RESIZEDB -> {
                    in.length();
                    in.length();
                    continue;
                }
                case OPCODE_AUX -> {
                    byte[] key = in.string();
                    byte[] value = in.string();
                    if (new String(key, StandardCharsets.US_ASCII).equals("aof-base")) {
                        loaded.aofBase = value.length == 1 && value[0] == '1';
                    }
                    continue;
                }
                case OPCODE_MODULE_AUX -> throw new RdbException(
                        "module data in the RDB file (opcode 247): aioj-server has no modules");
                case OPCODE_FUNCTION_PRE_GA -> throw new RdbException("Pre-GA function format not supported");
                case OPCODE_FUNCTION2 -> {
                    loaded.libraries.add(in.string());
                    continue;
                }
                case OPCODE_EOF -> {
                    if (version >= 5) {
                        long computed = in.crc();
                        long stored = in.littleEndian(8);
                        if (stored != 0 && stored != computed) {
                            throw new RdbException("Wrong RDB checksum expected: (" + Long.toHexString(stored)
                                    + ") got: (" + Long.toHexString(computed) + "). Aborting now.");
                        }
                    }
                    return loaded;
                }
                default -> {
                    if (!RdbValues.isValueType(type)) {
                        throw new RdbException("Unknown RDB opcode or type " + type + " at offset " + (in.offset() - 1));
                    }
                }
            }
            byte[] key = in.string();
            Object value = RdbValues.read(in, type, s);
            if (dropExpired && expire >= 0 && expire < now) {
                loaded.expiredSkipped++;
            } else {
                if (loaded.keys[db].find(key) != null) {
                    throw new RdbException("RDB has duplicated key '" + new String(key, StandardCharsets.UTF_8)
                            + "' in DB " + db);
                }
                Dict.KeyEntry e = (Dict.KeyEntry) loaded.keys[db].insertNew(key, value);
                e.meta = s.access.restored(s.access.fresh(), freq, idle);
                if (expire >= 0) {
                    loaded.expires[db].put(key, expire);
                }
                loaded.keysLoaded++;
            }
            expire = -1;
            idle = -1;
            freq = -1;
        }
    }

    /**
     * Replaces the server's data set with {@code loaded}: every database and
     * the function libraries (a library that does not compile fails the load
     * before anything changes).
     */
    static void install(ServerState s, Loaded loaded) throws RdbException {
        List<FunctionLibraries.Library> libs = new ArrayList<>();
        FunctionLibraries functions = s.scripts.functions;
        functions.flush();
        try {
            for (byte[] code : loaded.libraries) {
                libs.add(functions.create(code));
            }
            functions.add(libs, true);
        } catch (FunctionLibraries.LoadError e) {
            throw new RdbException("a function library in the file does not load: " + e.getMessage());
        }
        for (int i = 0; i < s.dbs.length; i++) {
            Database db = s.dbs[i];
            db.flush();
            db.keys = loaded.keys[i];
            db.expires = loaded.expires[i];
            s.blocking.signalExistingKeys(db);
        }
    }

    /** Reads {@code file} whole (checksum included) and installs it; nothing changes when it is unreadable. */
    static Loaded load(ServerState s, Path file) throws IOException, RdbException {
        try (InputStream is = Files.newInputStream(file)) {
            RdbInput in = new RdbInput(is, Files.size(file));
            Loaded loaded = read(in, s, true);
            if (!in.atEnd()) {
                throw new RdbException("bytes after the checksum at offset " + in.offset());
            }
            install(s, loaded);
            return loaded;
        }
    }
}

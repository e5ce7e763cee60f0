package dev.aioj.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * BGSAVE without fork: a point-in-time snapshot written while the server
 * keeps serving. Redis forks and lets the kernel copy pages the parent
 * touches; a JVM cannot fork, so the snapshot is made here in two ways at
 * once:
 *
 * <ul>
 *   <li>The loop thread walks every database's keyspace with the scan
 *       cursor, a slice of at most {@link #SLICE_NANOS} per loop iteration,
 *       and serializes the keys it meets into chunks of bytes.</li>
 *   <li>Copy-on-write per key: before any change to a key the walk has not
 *       reached yet ({@link Database} calls {@link #beforeChange}), that key
 *       is serialized first, as it is, and remembered so the walk skips it.
 *       A key created during the save is remembered the same way, and so is
 *       left out. The keyspace tables keep their size meanwhile ({@link
 *       Dict#pauseResize}), so the cursor says exactly which keys are
 *       written.</li>
 * </ul>
 *
 * <p>A writer thread takes the chunks, writes them to a temporary file,
 * fsyncs it and renames it over the target. The bytes queued for it are
 * bounded ({@link #HIGH_WATER}): the walk waits for the writer beyond that.
 * What the snapshot costs in memory is the copies made for changed keys
 * (INFO {@code current_cow_size}, {@code rdb_last_cow_size}) plus the queued
 * chunks. Commands that change a whole database (FLUSHDB, FLUSHALL, SWAPDB,
 * DEBUG RELOAD) first finish the walk at once ({@link #finishNow}).
 *
 * <p>Thread contract: the loop thread, except the writer's own loop.
 */
final class BackgroundSave {

    /** Done on the loop thread with null (success) or why the save failed. */
    interface Done {
        void done(BackgroundSave save, Throwable failure);
    }

    /**
     * Loop time per slice of the walk, and the pause after it: the walk takes under a tenth of the loop.
     * On a busy machine a loop thread that keeps the CPU is scheduled late and its clients wait; 0.5 ms /
     * 1 ms gave redis-cli --latency an average of 5.4 ms during a BGSAVE of 1,000,000 keys at load 20 on
     * 2 cores, 0.2 ms / 2 ms 2.1 ms (idle: 0.2 ms), the save then taking 12 s (docs/bench/bgsave.md).
     * The system properties {@code aioj.bgsave.sliceNanos} and {@code aioj.bgsave.pauseNanos} are for
     * that benchmark.
     */
    static final long SLICE_NANOS = Long.getLong("aioj.bgsave.sliceNanos", 200_000);
    static final java.time.Duration PAUSE = java.time.Duration.ofNanos(Long.getLong("aioj.bgsave.pauseNanos", 2_000_000));
    /** Bytes handed to the writer in one piece. */
    private static final int CHUNK = 256 * 1024;
    /** Queued bytes above which the walk waits for the writer. */
    private static final long HIGH_WATER = 8L * 1024 * 1024;

    private final ServerState s;
    private final Path target;
    private final Path tmp;
    private final Done done;
    private final long startedMillis;
    private final long startedNanos = System.nanoTime();
    private final RdbFile.ByteCollector chunk = new RdbFile.ByteCollector();
    private final RdbOutput out;
    /** Keys already written by copy-on-write, or created during the save: the walk skips them. */
    private final Dict[] touched;
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private static final byte[] END = new byte[0];

    private int db;
    private long cursor;
    private boolean dbStarted;
    private int selectedDb = -1;
    private boolean walkDone;
    private volatile boolean waitingForWriter;
    private volatile boolean aborted;
    private boolean finished;
    private long keysWritten;
    private final long keysTotal;
    private long cowBytes;
    private final Thread writer;

    /** {@code rdb-key-save-delay} in microseconds: when positive, one bucket per slice and this pause between. */
    private final long keyDelayMicros;

    private BackgroundSave(ServerState s, Path target, Done done) {
        this.s = s;
        this.keyDelayMicros = s.live.number(PersistenceDirectives.RDB_KEY_SAVE_DELAY);
        this.target = target;
        this.tmp = target.resolveSibling("temp-bgsave-" + ProcessHandle.current().pid() + "-" + System.nanoTime()
                + ".rdb");
        this.done = done;
        this.startedMillis = s.now();
        this.out = new RdbOutput(chunk, s.live.bool(PersistenceDirectives.RDBCOMPRESSION), false);
        this.touched = new Dict[s.dbs.length];
        long total = 0;
        for (Database d : s.dbs) {
            total += d.size();
            d.keys.pauseResize(true);
        }
        this.keysTotal = total;
        this.writer = Thread.ofPlatform().daemon().name("aioj-bgsave").unstarted(this::writeLoop);
    }

    /** Starts a save of {@code s}'s data set into {@code target}; {@code done} runs on the loop when it ends. */
    static BackgroundSave start(ServerState s, Path target, Done done) {
        return start(s, target, false, done);
    }

    /** {@code aofBase}: the file is an AOF's RDB preamble (BGREWRITEAOF), marked so in its aux fields. */
    static BackgroundSave start(ServerState s, Path target, boolean aofBase, Done done) {
        BackgroundSave save = new BackgroundSave(s, target, done);
        try {
            RdbFile.writeHeader(save.out, s, aofBase);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        s.cow = save;
        save.writer.start();
        s.loop.callSoon(save::step);
        return save;
    }

    long startedMillis() {
        return startedMillis;
    }

    long elapsedSeconds() {
        return (System.nanoTime() - startedNanos) / 1_000_000_000L;
    }

    long cowBytes() {
        return cowBytes;
    }

    long keysWritten() {
        return keysWritten;
    }

    long keysTotal() {
        return keysTotal;
    }

    /** Bytes the snapshot holds now: copies of changed keys plus chunks not yet written. */
    long memoryBytes() {
        return cowBytes + queued.get() + chunk.size();
    }

    // ------------------------------------------------------------------ the walk

    private void step() {
        if (walkDone || aborted) {
            return;
        }
        long deadline = System.nanoTime() + SLICE_NANOS;
        try {
            while (!walkDone && queued.get() < HIGH_WATER) {
                advance();
                if (keyDelayMicros > 0 || System.nanoTime() >= deadline) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
            return;
        }
        if (walkDone) {
            return;
        }
        if (queued.get() >= HIGH_WATER) {
            waitingForWriter = true;
            return;
        }
        // Not callSoon: a loop thread that never sleeps loses to every other runnable thread on a busy
        // machine, and its clients wait for the scheduler; a pause between slices keeps it responsive.
        s.loop.callLater(keyDelayMicros > 0 ? java.time.Duration.ofNanos(keyDelayMicros * 1000) : PAUSE, this::step);
    }

    /** One bucket of the current database, or the end of the walk. */
    private void advance() throws IOException {
        if (db >= s.dbs.length) {
            endWalk();
            return;
        }
        Database d = s.dbs[db];
        if (!dbStarted) {
            dbStarted = true;
            cursor = 0;
            if (d.size() == 0) {
                nextDb();
                return;
            }
        }
        Dict skip = touched[db];
        long next = d.keys.scan(cursor, e -> {
            if (skip == null || !skip.contains(e.key)) {
                try {
                    writeKey(d, e);
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            }
        });
        cursor = next;
        if (next == 0) {
            nextDb();
        }
        handOff(false);
    }

    private void nextDb() {
        s.dbs[db].keys.pauseResize(false);
        db++;
        dbStarted = false;
    }

    private void writeKey(Database d, Dict.Entry e) throws IOException {
        if (selectedDb != d.id) {
            RdbFile.writeDbHeader(out, d.id, d.size(), d.expires.size());
            selectedDb = d.id;
        }
        RdbFile.writeKey(out, s, e.key, e.value, d.expireOf(e.key), ((Dict.KeyEntry) e).meta);
        keysWritten++;
    }

    private void endWalk() throws IOException {
        walkDone = true;
        for (int i = db; i < s.dbs.length; i++) {
            s.dbs[i].keys.pauseResize(false);
        }
        s.cow = null;
        out.u8(RdbFile.OPCODE_EOF); // the writer appends the checksum: it computes it off the loop
        handOff(true);
        queue.add(END);
    }

    /** Hands the chunk to the writer when it is big enough, or {@code always}. */
    private void handOff(boolean always) throws IOException {
        out.flush();
        if (chunk.size() >= CHUNK || (always && chunk.size() > 0)) {
            byte[] b = chunk.toByteArray();
            chunk.reset();
            queued.addAndGet(b.length);
            queue.add(b);
        }
    }

    // ------------------------------------------------------------------ copy-on-write

    /**
     * Called by {@link Database} before {@code key} in {@code d} changes (or
     * is created or deleted): writes its current state first if the walk has
     * not, and makes the walk skip it.
     */
    void beforeChange(Database d, byte[] key) {
        if (walkDone || d.id < db) {
            return;
        }
        if (d.id == db && dbStarted && d.keys.scannedBefore(key, cursor)) {
            return;
        }
        Dict skip = touched[d.id];
        if (skip == null) {
            skip = touched[d.id] = new Dict(s.newSeed());
        } else if (skip.contains(key)) {
            return;
        }
        Dict.Entry e = d.keys.find(key);
        skip.insertNew(e == null ? key : e.key, null);
        cowBytes += key.length + 32;
        if (e == null) {
            return;
        }
        try {
            long before = out.written();
            writeKey(d, e);
            cowBytes += out.written() - before;
            handOff(false);
        } catch (IOException | RuntimeException ex) {
            fail(ex);
        }
        if (d.keys.nearForcedGrowth()) {
            finishNow();
        }
    }

    /** Finishes the walk on the calling (loop) thread now: before a change to a whole database. */
    void finishNow() {
        try {
            while (!walkDone && !aborted) {
                advance();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    /** Abandons the save (SHUTDOWN): the temporary file is removed and {@code done} is not called. */
    void abort() {
        aborted = true;
        finished = true;
        releaseTables();
        queue.add(END);
    }

    private void fail(Throwable e) {
        if (finished) {
            return;
        }
        aborted = true;
        finished = true;
        releaseTables();
        queue.add(END);
        done.done(this, e);
    }

    private void releaseTables() {
        walkDone = true;
        if (s.cow == this) {
            s.cow = null;
        }
        for (Database d : s.dbs) {
            d.keys.pauseResize(false);
        }
    }

    // ------------------------------------------------------------------ the writer thread

    private void writeLoop() {
        Throwable failure = null;
        long crc = 0;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (true) {
                byte[] b = queue.take();
                if (b == END) {
                    if (!aborted) {
                        ByteBuffer sum = ByteBuffer.wrap(RdbFile.checksumBytes(crc));
                        while (sum.hasRemaining()) {
                            ch.write(sum);
                        }
                    }
                    break;
                }
                if (!aborted) {
                    crc = Crc64.update(crc, b, 0, b.length);
                    ByteBuffer bb = ByteBuffer.wrap(b);
                    while (bb.hasRemaining()) {
                        ch.write(bb);
                    }
                }
                long left = queued.addAndGet(-b.length);
                if (left < HIGH_WATER / 4 && waitingForWriter) {
                    onLoop(this::resumeIfWaiting);
                }
            }
            if (!aborted) {
                ch.force(true);
            }
        } catch (IOException | InterruptedException e) {
            failure = e;
        }
        if (!aborted && failure == null) {
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                failure = e;
            }
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // a leftover temp file is harmless; Redis leaves them too after a crash
        }
        Throwable f = failure;
        onLoop(() -> completed(f));
    }

    /** Hands {@code task} to the loop; a loop already shut down (the server closed mid-save) drops it. */
    private void onLoop(Runnable task) {
        try {
            s.loop.execute(task);
        } catch (RuntimeException closed) {
            aborted = true;
        }
    }

    private void resumeIfWaiting() {
        if (waitingForWriter && !walkDone && !aborted) {
            waitingForWriter = false;
            step();
        }
    }

    private void completed(Throwable failure) {
        if (finished) {
            return;
        }
        finished = true;
        done.done(this, failure);
    }
}

package dev.aioj.server;

import dev.aioj.server.RdbInput.RdbException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The server's RDB persistence state and policy, Redis's {@code rdb.c} glue
 * in {@code server.c}: the count of changes since the last save (the
 * {@code save} rules compare it), the last save's time and status, SAVE
 * (on the loop thread), BGSAVE ({@link BackgroundSave}: a snapshot written
 * while the server keeps serving), loading the file on start, the final
 * save of a shutdown, and the numbers INFO persistence shows.
 *
 * <p>Thread contract: the server's loop thread only (loading on start runs
 * before the server serves).
 */
final class Persistence {

    private static final System.Logger LOG = System.getLogger(Persistence.class.getName());

    /** Redis's CONFIG_BGSAVE_RETRY_DELAY: after a failed BGSAVE, the rules wait this long. */
    static final long BGSAVE_RETRY_DELAY_MILLIS = 5000;

    private final ServerState s;
    /** Redis's server.dirty: changes since the last successful save. */
    long dirty;
    /** Redis's dirty_before_bgsave: what a successful BGSAVE subtracts. */
    private long dirtyBeforeBgsave;
    long lastSaveMillis;
    private long lastBgsaveTryMillis;
    private long lastAofSecondMillis;
    boolean lastBgsaveOk = true;
    long lastBgsaveSeconds = -1;
    long saves;
    long lastLoadKeysLoaded;
    long lastLoadKeysExpired;
    /** Bytes copied for keys changed during the last BGSAVE: the snapshot's memory cost (INFO rdb_last_cow_size). */
    long lastCowBytes;
    /** The BGSAVE in progress, or null. */
    BackgroundSave bgsave;

    Persistence(ServerState s) {
        this.s = s;
        this.lastSaveMillis = s.startMillis;
    }

    /** The RDB file: {@code dir}/{@code dbfilename}. */
    Path rdbPath() {
        return s.live.resolve(s.live.text(PersistenceDirectives.DBFILENAME));
    }

    /** Counts {@code n} changes toward the save rules (Redis's server.dirty++). */
    void changed(long n) {
        dirty += n;
    }

    /** SAVE: the whole data set written on the loop thread; the server serves nobody meanwhile. */
    void save() throws IOException {
        long started = System.nanoTime();
        RdbFile.save(s, rdbPath());
        saved(s.now());
        LOG.log(System.Logger.Level.INFO, "DB saved on disk in {0} ms", (System.nanoTime() - started) / 1_000_000);
    }

    private void saved(long now) {
        dirty = 0;
        lastSaveMillis = now;
        lastBgsaveOk = true;
        saves++;
    }

    /** Starts a BGSAVE; false (and nothing started) when one is already running. */
    boolean startBgsave() {
        if (bgsave != null || s.cow != null) {
            return false;
        }
        lastBgsaveTryMillis = s.now();
        dirtyBeforeBgsave = dirty;
        bgsave = BackgroundSave.start(s, rdbPath(), this::bgsaveDone);
        return true;
    }

    private void bgsaveDone(BackgroundSave done, Throwable failure) {
        bgsave = null;
        lastCowBytes = done.cowBytes();
        lastBgsaveSeconds = done.elapsedSeconds();
        if (failure == null) {
            dirty -= dirtyBeforeBgsave;
            lastSaveMillis = done.startedMillis();
            lastBgsaveOk = true;
            saves++;
            LOG.log(System.Logger.Level.INFO, "Background saving terminated with success");
        } else {
            lastBgsaveOk = false;
            LOG.log(System.Logger.Level.WARNING, "Background saving error: {0}", failure.getMessage());
        }
    }

    /** Redis's serverCron part: a BGSAVE when a {@code save} rule's changes and seconds are both reached. */
    void cron() {
        s.migrateSockets.expire(System.currentTimeMillis());
        AppendOnlyFile aof = s.aof;
        if (aof != null) {
            aof.flushTouched();
            long now = s.now();
            if (now - lastAofSecondMillis >= 1000) {
                lastAofSecondMillis = now;
                aof.everySecond();
            }
            if (aof.rewriteScheduled && s.cow == null && bgsave == null && !aof.rewriting()) {
                aof.rewriteScheduled = false;
                try {
                    aof.startRewrite();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "Background AOF rewrite failed: {0}", e.getMessage());
                }
            }
        }
        if (bgsave != null || s.cow != null) {
            return;
        }
        long now = s.now();
        List<SpecialTypes.SaveRule> rules = SpecialTypes.Save.rules(s.live.get(PersistenceDirectives.SAVE));
        for (SpecialTypes.SaveRule rule : rules) {
            if (dirty >= rule.changes() && now - lastSaveMillis > rule.seconds() * 1000
                    && (now - lastBgsaveTryMillis > BGSAVE_RETRY_DELAY_MILLIS || lastBgsaveOk)) {
                LOG.log(System.Logger.Level.INFO, "{0} changes in {1} seconds. Saving...", rule.changes(),
                        rule.seconds());
                startBgsave();
                return;
            }
        }
    }

    /** The final save of a shutdown: a running BGSAVE is abandoned, then SAVE. */
    void saveForShutdown() throws IOException {
        if (bgsave != null) {
            bgsave.abort();
            bgsave = null;
        }
        save();
    }

    /** Set once the data set is loaded: from then on {@code appendonly} changes open or close the AOF. */
    private boolean started;

    /**
     * Loads the data set (Redis's loadDataFromDisk): with {@code appendonly
     * yes} the AOF (created from nothing when there is none yet), else the
     * RDB file if there is one; a server with neither starts empty.
     */
    void loadOnStart() throws IOException, RdbException, AofLoader.AofException {
        started = true;
        if (s.live.bool(PersistenceDirectives.APPENDONLY)) {
            AppendOnlyFile aof = new AppendOnlyFile(s);
            if (aof.exists()) {
                long t0 = System.nanoTime();
                AofManifest m = AofLoader.load(s, aof);
                aof.openAfterLoad(m);
                LOG.log(System.Logger.Level.INFO, "DB loaded from append only file: {0} seconds",
                        String.format("%.3f", (System.nanoTime() - t0) / 1e9));
            } else {
                aof.create();
            }
            s.aof = aof;
            return;
        }
        Path file = rdbPath();
        if (!Files.exists(file)) {
            return;
        }
        long started = System.nanoTime();
        RdbFile.Loaded loaded = RdbFile.load(s, file);
        lastLoadKeysLoaded = loaded.keysLoaded;
        lastLoadKeysExpired = loaded.expiredSkipped;
        LOG.log(System.Logger.Level.INFO, "DB loaded from disk: {0} seconds ({1} keys, {2} expired skipped)",
                String.format("%.3f", (System.nanoTime() - started) / 1e9), loaded.keysLoaded,
                loaded.expiredSkipped);
    }

    /** CONFIG SET appendonly: yes creates the AOF from the data set now, no closes it (Redis's startAppendOnly). */
    void appendonlyChanged() {
        if (!started) {
            return;
        }
        boolean on = s.live.bool(PersistenceDirectives.APPENDONLY);
        if (on && s.aof == null) {
            AppendOnlyFile aof = new AppendOnlyFile(s);
            try {
                aof.create();
                s.aof = aof;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "Can''t create the append only file: {0}", e.getMessage());
            }
        } else if (!on && s.aof != null) {
            s.aof.close();
            s.aof = null;
        }
    }

    /** BGREWRITEAOF now, or once the running BGSAVE is done (the reply says which). */
    String bgrewriteaof() throws IOException {
        AppendOnlyFile aof = s.aof;
        if (aof == null) {
            return "-ERR BGREWRITEAOF needs appendonly yes in aioj-server";
        }
        if (aof.rewriting()) {
            return "-ERR Background append only file rewriting already in progress";
        }
        if (s.cow != null || bgsave != null) {
            aof.rewriteScheduled = true;
            return "+Background append only file rewriting scheduled";
        }
        aof.startRewrite();
        return "+Background append only file rewriting started";
    }

    /** DEBUG RELOAD: save (unless NOSAVE), then empty the data set and load the file back. */
    void reload(boolean save) throws IOException, RdbException {
        if (bgsave != null) {
            bgsave.finishNow();
        }
        if (save) {
            save();
        }
        RdbFile.Loaded loaded = RdbFile.load(s, rdbPath());
        lastLoadKeysLoaded = loaded.keysLoaded;
        lastLoadKeysExpired = loaded.expiredSkipped;
    }

    /** INFO persistence, Redis 7.0's fields in its order. */
    void info(StringBuilder b) {
        long now = s.now();
        BackgroundSave running = bgsave;
        line(b, "loading", 0);
        line(b, "async_loading", 0);
        line(b, "current_cow_peak", running == null ? 0 : running.cowBytes());
        line(b, "current_cow_size", running == null ? 0 : running.cowBytes());
        line(b, "current_cow_size_age", 0);
        line(b, "current_fork_perc", "0.00");
        line(b, "current_save_keys_processed", running == null ? 0 : running.keysWritten());
        line(b, "current_save_keys_total", running == null ? 0 : running.keysTotal());
        line(b, "rdb_changes_since_last_save", dirty);
        line(b, "rdb_bgsave_in_progress", running == null ? 0 : 1);
        line(b, "rdb_last_save_time", lastSaveMillis / 1000);
        line(b, "rdb_last_bgsave_status", lastBgsaveOk ? "ok" : "err");
        line(b, "rdb_last_bgsave_time_sec", lastBgsaveSeconds);
        line(b, "rdb_current_bgsave_time_sec", running == null ? -1 : (now - running.startedMillis()) / 1000);
        line(b, "rdb_saves", saves);
        line(b, "rdb_last_cow_size", lastCowBytes);
        line(b, "rdb_last_load_keys_expired", lastLoadKeysExpired);
        line(b, "rdb_last_load_keys_loaded", lastLoadKeysLoaded);
    }

    private static void line(StringBuilder b, String name, Object value) {
        b.append(name).append(':').append(value).append("\r\n");
    }
}

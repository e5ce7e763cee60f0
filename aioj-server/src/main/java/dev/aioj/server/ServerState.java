package dev.aioj.server;

import dev.aioj.loop.EventLoop;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Everything the engine shares, Redis's {@code struct redisServer}: the
 * databases, connected clients, pub/sub and blocking registries, WATCH
 * tables, statistics, the command table, and the settings CONFIG SET may
 * change at run time. Commands reach it through {@link Client#server}.
 *
 * <p>Thread contract: the server's loop thread only. Nothing here is static:
 * several servers run side by side in one JVM (tests do).
 */
final class ServerState {

    final ServerConfig config;
    /** Every directive's value now: the config's, as CONFIG SET changed them since. */
    final ConfigValues live;
    final EventLoop loop;
    final Clock clock;
    final SplittableRandom random;
    final ServerStats stats = new ServerStats();
    final Database[] dbs;
    final Watches watches;
    /** CLIENT TRACKING: the tracking table, BCAST prefixes, invalidation messages. */
    final Tracking tracking = new Tracking(this);
    final BlockedClients blocking;
    final PubSub pubsub = new PubSub();
    /** Stored strings bit commands may change in place. */
    final OwnedStrings ownedStrings = new OwnedStrings();
    final KeyspaceEvents events = new KeyspaceEvents(pubsub);
    /** Thresholds of the small encodings (CONFIG SET hash-max-listpack-entries, ...). */
    final EncodingLimits limits = new EncodingLimits();
    /** LRU clock and LFU counters of keys (OBJECT IDLETIME, OBJECT FREQ), by maxmemory-policy. */
    final KeyAccess access;
    /** SLOWLOG. */
    final SlowLog slowlog = new SlowLog();
    /** LATENCY: spikes by event class. */
    final LatencyMonitor latency = new LatencyMonitor(this);
    /** Clients in MONITOR mode. */
    final Monitors monitors = new Monitors();
    /** commandstats, latencystats, slow log, latency and MONITOR after each command. */
    final CommandObservers observers = new CommandObservers(this);
    /** DEBUG PAUSE-CRON: whether the cron is stopped (no active expiry, no ops/sec samples). */
    boolean cronPaused;
    /** DEBUG SET-ACTIVE-EXPIRE: whether the cron deletes expired keys nobody reads. */
    boolean activeExpireEnabled = true;
    /** DEBUG SLEEP: no client runs a command until it ends. */
    final ServerPause pause = new ServerPause(this);
    final CommandTable commands;
    final Dispatcher dispatcher;
    /** EVAL and FUNCTION: the scripts, libraries and the one running now. */
    final ScriptEngine scripts;
    /** Connected clients by id, in connection order (CLIENT LIST). */
    final Map<Long, Client> clients = new LinkedHashMap<>();
    final String runId;
    final long startMillis;
    final long startNanos = System.nanoTime();
    long nextClientId = 1;
    /** The listening port once bound (INFO, CONFIG GET port). */
    int port;
    /** Stops the server once {@link ShutdownSequence} allows it; set by {@link RedisServer}. */
    Runnable shutdown = () -> {};
    /** Saves the data set before a shutdown: an RDB save ({@link Persistence#saveForShutdown}). */
    ShutdownSequence.FinalSave finalSave = server -> server.persistence.saveForShutdown();
    /** RDB persistence: changes since the last save, SAVE, BGSAVE, loading. */
    final Persistence persistence;
    /** MIGRATE's cached connections to targets. */
    final MigrateCommand.SocketCache migrateSockets = new MigrateCommand.SocketCache();
    /** The append-only file while {@code appendonly yes}, else null. */
    AppendOnlyFile aof;
    /** The BGSAVE walking the keyspace, told of every change before it is made; null when none is. */
    BackgroundSave cow;

    // Settings CONFIG SET may change, kept here by the directives' hooks for the code that reads them often.
    String requirePass;
    int maxClients;
    boolean protectedMode;
    long protoMaxBulkLen;
    /** Redis's hll-sparse-max-bytes: a sparse HyperLogLog longer than this becomes dense. */
    int hllSparseMaxBytes;
    long clientQueryBufferLimit;
    ServerConfig.OutputBufferLimit normalOutputLimit;
    ServerConfig.OutputBufferLimit pubsubOutputLimit;
    int hz;
    /** The TLS listener's setup, or null without TLS; {@link TlsSetup#reload} replaces it. */
    TlsSetup tls;
    /** Told the loglevel when CONFIG SET changes it; {@code aioj server} points it at its log. */
    java.util.function.Consumer<String> logLevelListener = level -> { };

    /**
     * The engine for {@code config}.
     *
     * @throws ConfigException when a directive's hook refuses its value (unreadable TLS files, ...)
     */
    ServerState(ServerConfig config, EventLoop loop) {
        this.config = config;
        this.live = config.values();
        this.loop = loop;
        this.clock = config.clock();
        SecureRandom seedSource = new SecureRandom();
        this.random = new SplittableRandom(seedSource.nextLong());
        byte[] id = new byte[20];
        seedSource.nextBytes(id);
        this.runId = HexFormat.of().formatHex(id);
        this.startMillis = clock.millis();
        this.persistence = new Persistence(this);
        this.access = new KeyAccess(random, startMillis);
        this.watches = new Watches(config.databases());
        this.blocking = new BlockedClients(this, config.databases());
        this.dbs = new Database[config.databases()];
        for (int i = 0; i < dbs.length; i++) {
            dbs[i] = new Database(i, this);
        }
        this.commands = Commands.table().withRenames(config.renamedCommands());
        this.dispatcher = new Dispatcher(this);
        this.scripts = new ScriptEngine(this);
        applyAllDirectives();
    }

    /** Runs every directive's hook once, so the engine follows the configuration from the start. */
    private void applyAllDirectives() {
        java.util.Set<Directive.Hook> done = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Directive d : DirectiveTable.all()) {
            if (d.hook() != null && done.add(d.hook())) {
                try {
                    d.hook().apply(this);
                } catch (DirectiveException e) {
                    throw ConfigException.general(e.detail());
                }
            }
        }
    }

    /** Now, in epoch milliseconds, from the configured clock. */
    long now() {
        return clock.millis();
    }

    /** Commands running now: 1 for a client's command, more inside EXEC or a script ({@link Dispatcher#call}). */
    int callDepth;
    /** {@link #now} when the outermost running command started. */
    long commandStartMillis;

    /**
     * The time keys are expired against: inside a command, the time it
     * started (Redis 7's commandTimeSnapshot), so a key is expired or not
     * throughout one command, EXEC or script, however long it runs; outside
     * (the cron's active expiry), now.
     */
    long expiryNow() {
        return callDepth > 0 ? commandStartMillis : clock.millis();
    }

    /** A seed for a new hash table. */
    long newSeed() {
        return random.nextLong();
    }

    /** A new, empty hash, small until {@link #limits} say otherwise. */
    HashValue newHash() {
        return new HashValue(limits, newSeed());
    }

    /** A new, empty set: an intset until a member or {@link #limits} say otherwise. */
    SetValue newSet() {
        return new SetValue(limits, newSeed());
    }

    /** A new, empty sorted set: a listpack until {@link #limits} say otherwise. */
    SortedSet newSortedSet() {
        return new SortedSet(limits, newSeed(), random);
    }

    /** Seconds since start, for INFO. */
    long uptimeSeconds() {
        return (System.nanoTime() - startNanos) / 1_000_000_000L;
    }
}

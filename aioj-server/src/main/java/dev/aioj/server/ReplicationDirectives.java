package dev.aioj.server;

import java.util.List;

/**
 * redis.conf's REPLICATION section. aioj-server is always a master without
 * replicas: each directive is accepted, shown and rewritten, and has no
 * effect ({@code replicaof} included: the server serves its own data).
 */
final class ReplicationDirectives {

    private ReplicationDirectives() {}

    private static final String NO_REPLICATION = "aioj-server has no replication";

    static final Directive REPLICAOF = Directive.special("replicaof", new SpecialTypes.ReplicaOf()).alias("slaveof")
            .immutable().flags(Directive.MULTI_ARG).ignored(NO_REPLICATION);

    static final Directive MASTERAUTH = Directive.optionalText("masterauth").flags(Directive.SENSITIVE)
            .ignored(NO_REPLICATION);

    static final Directive MASTERUSER = Directive.optionalText("masteruser").flags(Directive.SENSITIVE)
            .ignored(NO_REPLICATION);

    static final Directive REPLICA_SERVE_STALE_DATA = Directive.bool("replica-serve-stale-data", true)
            .alias("slave-serve-stale-data").ignored(NO_REPLICATION);

    static final Directive REPLICA_READ_ONLY = Directive.bool("replica-read-only", true).alias("slave-read-only")
            .ignored(NO_REPLICATION);

    static final Directive REPL_DISKLESS_SYNC = Directive.bool("repl-diskless-sync", true).ignored(NO_REPLICATION);

    static final Directive REPL_DISKLESS_SYNC_DELAY =
            Directive.integer("repl-diskless-sync-delay", 0, Integer.MAX_VALUE, 5)
            .ignored(NO_REPLICATION);

    static final Directive REPL_DISKLESS_SYNC_MAX_REPLICAS =
            Directive.integer("repl-diskless-sync-max-replicas", 0, Integer.MAX_VALUE, 0)
            .ignored(NO_REPLICATION);

    static final Directive REPL_DISKLESS_LOAD =
            Directive.choice("repl-diskless-load",
                    DirectiveType.Choice.of("disabled", "disabled", "on-empty-db", "swapdb"))
            .ignored(NO_REPLICATION);

    static final Directive REPL_PING_REPLICA_PERIOD =
            Directive.integer("repl-ping-replica-period", 1, Integer.MAX_VALUE, 10)
            .alias("repl-ping-slave-period").ignored(NO_REPLICATION);

    static final Directive REPL_TIMEOUT = Directive.integer("repl-timeout", 1, Integer.MAX_VALUE, 60)
            .ignored(NO_REPLICATION);

    static final Directive REPL_DISABLE_TCP_NODELAY = Directive.bool("repl-disable-tcp-nodelay", false)
            .ignored(NO_REPLICATION);

    static final Directive REPL_BACKLOG_SIZE = Directive.memory("repl-backlog-size", 1, Long.MAX_VALUE, 1024 * 1024)
            .ignored(NO_REPLICATION);

    static final Directive REPL_BACKLOG_TTL = Directive.integer("repl-backlog-ttl", 0, Long.MAX_VALUE, 60 * 60)
            .ignored(NO_REPLICATION);

    static final Directive REPLICA_PRIORITY = Directive.integer("replica-priority", 0, Integer.MAX_VALUE, 100)
            .alias("slave-priority").ignored(NO_REPLICATION);

    static final Directive PROPAGATION_ERROR_BEHAVIOR =
            Directive.choice("propagation-error-behavior",
                    DirectiveType.Choice.of("ignore", "ignore", "panic", "panic-on-replicas"))
            .ignored(NO_REPLICATION);

    static final Directive REPLICA_IGNORE_DISK_WRITE_ERRORS = Directive.bool("replica-ignore-disk-write-errors", false)
            .ignored(NO_REPLICATION);

    static final Directive REPLICA_ANNOUNCED = Directive.bool("replica-announced", true).ignored(NO_REPLICATION);

    static final Directive MIN_REPLICAS_TO_WRITE = Directive.integer("min-replicas-to-write", 0, Integer.MAX_VALUE, 0)
            .alias("min-slaves-to-write").ignored(NO_REPLICATION);

    static final Directive MIN_REPLICAS_MAX_LAG = Directive.integer("min-replicas-max-lag", 0, Integer.MAX_VALUE, 10)
            .alias("min-slaves-max-lag").ignored(NO_REPLICATION);

    static final Directive REPLICA_ANNOUNCE_IP = Directive.optionalText("replica-announce-ip")
            .alias("slave-announce-ip").ignored(NO_REPLICATION);

    static final Directive REPLICA_ANNOUNCE_PORT = Directive.integer("replica-announce-port", 0, 65535, 0)
            .alias("slave-announce-port").ignored(NO_REPLICATION);

    static final Directive REPLICA_LAZY_FLUSH = Directive.bool("replica-lazy-flush", false).alias("slave-lazy-flush")
            .ignored(NO_REPLICATION);

    static final Directive REPLICA_IGNORE_MAXMEMORY = Directive.bool("replica-ignore-maxmemory", true)
            .alias("slave-ignore-maxmemory").ignored(NO_REPLICATION);

    static List<Directive> all() {
        return List.of(REPLICAOF, MASTERAUTH, MASTERUSER, REPLICA_SERVE_STALE_DATA, REPLICA_READ_ONLY,
                REPL_DISKLESS_SYNC, REPL_DISKLESS_SYNC_DELAY, REPL_DISKLESS_SYNC_MAX_REPLICAS, REPL_DISKLESS_LOAD,
                REPL_PING_REPLICA_PERIOD, REPL_TIMEOUT, REPL_DISABLE_TCP_NODELAY, REPL_BACKLOG_SIZE, REPL_BACKLOG_TTL,
                REPLICA_PRIORITY, PROPAGATION_ERROR_BEHAVIOR, REPLICA_IGNORE_DISK_WRITE_ERRORS, REPLICA_ANNOUNCED,
                MIN_REPLICAS_TO_WRITE, MIN_REPLICAS_MAX_LAG, REPLICA_ANNOUNCE_IP, REPLICA_ANNOUNCE_PORT,
                REPLICA_LAZY_FLUSH, REPLICA_IGNORE_MAXMEMORY);
    }
}

package dev.aioj.server;

import java.util.List;

/**
 * redis.conf's REDIS CLUSTER section. aioj-server runs standalone only: each
 * directive is accepted, shown and rewritten, and has no effect ({@code
 * cluster-enabled yes} included, which is logged at start).
 */
final class ClusterDirectives {

    private ClusterDirectives() {}

    private static final String NO_CLUSTER = "aioj-server has no cluster mode";

    static final Directive CLUSTER_REQUIRE_FULL_COVERAGE = Directive.bool("cluster-require-full-coverage", true)
            .ignored(NO_CLUSTER);

    static final Directive CLUSTER_REPLICA_NO_FAILOVER = Directive.bool("cluster-replica-no-failover", false)
            .alias("cluster-slave-no-failover").ignored(NO_CLUSTER);

    static final Directive CLUSTER_ENABLED = Directive.bool("cluster-enabled", false).immutable().ignored(NO_CLUSTER);

    static final Directive CLUSTER_ALLOW_READS_WHEN_DOWN = Directive.bool("cluster-allow-reads-when-down", false)
            .ignored(NO_CLUSTER);

    static final Directive CLUSTER_ALLOW_PUBSUBSHARD_WHEN_DOWN =
            Directive.bool("cluster-allow-pubsubshard-when-down", true)
            .ignored(NO_CLUSTER);

    static final Directive CLUSTER_ALLOW_REPLICA_MIGRATION = Directive.bool("cluster-allow-replica-migration", true)
            .ignored(NO_CLUSTER);

    static final Directive CLUSTER_ANNOUNCE_IP = Directive.optionalText("cluster-announce-ip").ignored(NO_CLUSTER);

    static final Directive CLUSTER_CONFIG_FILE = Directive.text("cluster-config-file", "nodes.conf").immutable()
            .ignored(NO_CLUSTER);

    static final Directive CLUSTER_ANNOUNCE_HOSTNAME = Directive.optionalText("cluster-announce-hostname")
            .validate(ClusterDirectives::hostnameProblem).ignored(NO_CLUSTER);

    static final Directive CLUSTER_PREFERRED_ENDPOINT_TYPE =
            Directive.choice("cluster-preferred-endpoint-type",
                    DirectiveType.Choice.of("ip", "ip", "hostname", "unknown-endpoint"))
            .ignored(NO_CLUSTER);

    static final Directive CLUSTER_REPLICA_VALIDITY_FACTOR =
            Directive.integer("cluster-replica-validity-factor", 0, Integer.MAX_VALUE, 10)
            .alias("cluster-slave-validity-factor").ignored(NO_CLUSTER);

    static final Directive CLUSTER_MIGRATION_BARRIER =
            Directive.integer("cluster-migration-barrier", 0, Integer.MAX_VALUE, 1)
            .ignored(NO_CLUSTER);

    static final Directive CLUSTER_PORT = Directive.integer("cluster-port", 0, 65535, 0).immutable()
            .ignored(NO_CLUSTER);

    static final Directive CLUSTER_ANNOUNCE_BUS_PORT = Directive.integer("cluster-announce-bus-port", 0, 65535, 0)
            .ignored(NO_CLUSTER);

    static final Directive CLUSTER_ANNOUNCE_PORT = Directive.integer("cluster-announce-port", 0, 65535, 0)
            .ignored(NO_CLUSTER);

    static final Directive CLUSTER_ANNOUNCE_TLS_PORT = Directive.integer("cluster-announce-tls-port", 0, 65535, 0)
            .ignored(NO_CLUSTER);

    static final Directive CLUSTER_NODE_TIMEOUT = Directive.integer("cluster-node-timeout", 0, Long.MAX_VALUE, 15000)
            .ignored(NO_CLUSTER);

    static final Directive CLUSTER_LINK_SENDBUF_LIMIT =
            Directive.unsignedMemory("cluster-link-sendbuf-limit", 0, -1L, 0)
            .ignored(NO_CLUSTER);

    /** Redis's isValidAnnouncedHostname: under 256 characters of letters, digits, '-' and '.'. */
    private static String hostnameProblem(Object value) {
        String v = (String) value;
        if (v == null) {
            return null;
        }
        if (v.length() >= 256) {
            return "Hostnames must be less than 256 characters";
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
                return "Hostnames may only contain alphanumeric characters, hyphens or dots";
            }
        }
        return null;
    }

    static List<Directive> all() {
        return List.of(CLUSTER_REQUIRE_FULL_COVERAGE, CLUSTER_REPLICA_NO_FAILOVER, CLUSTER_ENABLED,
                CLUSTER_ALLOW_READS_WHEN_DOWN, CLUSTER_ALLOW_PUBSUBSHARD_WHEN_DOWN, CLUSTER_ALLOW_REPLICA_MIGRATION,
                CLUSTER_ANNOUNCE_IP, CLUSTER_CONFIG_FILE, CLUSTER_ANNOUNCE_HOSTNAME, CLUSTER_PREFERRED_ENDPOINT_TYPE,
                CLUSTER_REPLICA_VALIDITY_FACTOR, CLUSTER_MIGRATION_BARRIER, CLUSTER_PORT, CLUSTER_ANNOUNCE_BUS_PORT,
                CLUSTER_ANNOUNCE_PORT, CLUSTER_ANNOUNCE_TLS_PORT, CLUSTER_NODE_TIMEOUT, CLUSTER_LINK_SENDBUF_LIMIT);
    }
}

package dev.aioj.server;

import java.util.List;

/**
 * redis.conf's SECURITY and CLIENTS sections and the client limits of
 * ADVANCED CONFIG: the password, how many clients, and how much each may
 * send and leave unread. All honoured and changeable at run time.
 */
final class ClientDirectives {

    private ClientDirectives() {}

    static final Directive REQUIREPASS = Directive.optionalText("requirepass").flags(Directive.SENSITIVE)
            .honoured("the password of the default user (AUTH, HELLO AUTH); \"\": none",
                    s -> s.requirePass = s.live.text(ClientDirectives.REQUIREPASS));

    static final Directive ACLFILE = Directive.text("aclfile", "").immutable()
            .validate(v -> ((String) v).isEmpty() ? null
                    : "ACL files are not supported by aioj-server, which has only the default user (use requirepass)")
            .ignored("refused when set: aioj-server has only the default user, so a file of users cannot be honoured");

    static final Directive ACLLOG_MAX_LEN = Directive.integer("acllog-max-len", 0, Long.MAX_VALUE, 128)
            .ignored("no ACL LOG");

    static final Directive ACL_PUBSUB_DEFAULT = Directive.choice("acl-pubsub-default",
            DirectiveType.Choice.of("resetchannels", "allchannels", "resetchannels"))
            .ignored("the default user may use every channel");

    static final Directive MAXCLIENTS = Directive.unsignedInteger("maxclients", 1, 0xFFFF_FFFFL, 10_000)
            .honoured("more connections get `-ERR max number of clients reached` and are closed",
                    s -> s.maxClients = s.live.intValue(ClientDirectives.MAXCLIENTS));

    static final Directive CLIENT_OUTPUT_BUFFER_LIMIT = Directive.special("client-output-buffer-limit",
            new SpecialTypes.ClientOutputBufferLimit()).flags(Directive.MULTI_ARG)
            .honoured("normal and pubsub classes: a client whose unread replies pass the hard limit, or stay over "
                    + "the soft one that long, is disconnected. Default normal class 256mb hard (Redis: none)",
                    s -> {
                        SpecialTypes.OutputLimits limits = (SpecialTypes.OutputLimits)
                                s.live.get(ClientDirectives.CLIENT_OUTPUT_BUFFER_LIMIT);
                        s.normalOutputLimit = limits.normal();
                        s.pubsubOutputLimit = limits.pubsub();
                    });

    static final Directive CLIENT_QUERY_BUFFER_LIMIT = Directive.unsignedMemory("client-query-buffer-limit",
            1024 * 1024, Long.MAX_VALUE, 1024L * 1024 * 1024)
            .honoured("a client whose unprocessed input passes it is disconnected",
                    s -> s.clientQueryBufferLimit = s.live.number(ClientDirectives.CLIENT_QUERY_BUFFER_LIMIT));

    static final Directive PROTO_MAX_BULK_LEN = Directive.memory("proto-max-bulk-len", 1024 * 1024,
            Long.MAX_VALUE, 512L * 1024 * 1024)
            .validate(v -> (Long) v > ServerConfig.MAX_BULK_LIMIT
                    ? "argument must be at most " + ServerConfig.MAX_BULK_LIMIT + " in aioj-server (a Java array)" : null)
            .honoured("the longest bulk string a client may send, and the longest APPEND/SETRANGE may build; at "
                    + "most 2147483639 (a Java array)", ClientDirectives::applyProtoMaxBulkLen);

    static final Directive MAXMEMORY_CLIENTS = Directive.number("maxmemory-clients",
            new DirectiveType.Number(-100, Long.MAX_VALUE, 0, false, DirectiveType.NumberFormat.MEMORY_PERCENT))
            .ignored("clients are not evicted for their total memory; output buffer limits bound each one");

    static final Directive TRACKING_TABLE_MAX_KEYS = Directive.unsignedInteger("tracking-table-max-keys", 0,
            Long.MAX_VALUE, 1_000_000)
            .honoured("keys remembered for CLIENT TRACKING beyond it are invalidated before the next command (the "
                    + "oldest first); 0: no limit", s -> s.tracking.maxKeys = s.live.number(ClientDirectives.TRACKING_TABLE_MAX_KEYS));

    private static void applyProtoMaxBulkLen(ServerState s) {
        s.protoMaxBulkLen = s.live.number(PROTO_MAX_BULK_LEN);
        for (Client c : s.clients.values()) {
            c.parser.maxBulkLength(s.protoMaxBulkLen);
        }
    }

    static List<Directive> all() {
        return List.of(REQUIREPASS, ACLFILE, ACLLOG_MAX_LEN, ACL_PUBSUB_DEFAULT, MAXCLIENTS,
                CLIENT_OUTPUT_BUFFER_LIMIT, CLIENT_QUERY_BUFFER_LIMIT, PROTO_MAX_BULK_LEN, MAXMEMORY_CLIENTS,
                TRACKING_TABLE_MAX_KEYS);
    }
}

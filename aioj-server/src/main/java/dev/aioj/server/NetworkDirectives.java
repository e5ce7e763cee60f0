package dev.aioj.server;

import java.util.List;

/**
 * redis.conf's NETWORK section: where the server listens (TCP addresses and
 * port, a unix socket) and who may talk to it (protected mode, idle
 * timeout). TLS has {@link TlsDirectives}.
 *
 * <p>aioj-server cannot move its listeners while running, so {@code bind},
 * {@code port} (and {@code tls-port}) are immutable at run time here, where
 * Redis rebinds.
 */
final class NetworkDirectives {

    private NetworkDirectives() {}

    /** Redis's protected_action_enum: enable-protected-configs, enable-debug-command, enable-module-command. */
    static final DirectiveType.Choice PROTECTED_ACTION = DirectiveType.Choice.of("no", "no", "yes", "local");

    static final Directive BIND = Directive.special("bind", new SpecialTypes.Bind())
            .flags(Directive.MULTI_ARG).immutable()
            .honoured("TCP (and TLS) listeners on each address; `*` is every IPv4 address, `::*` every IPv6 one, "
                    + "a `-` prefix skips an address the machine lacks, `\"\"` none. Default 127.0.0.1 (Redis: "
                    + "`* -::*`). Fixed while running.");

    static final Directive BIND_SOURCE_ADDR = Directive.optionalText("bind-source-addr")
            .ignored("used by replication, which aioj-server does not have");

    static final Directive PROTECTED_MODE = Directive.bool("protected-mode", true)
            .honoured("with no password set, clients from outside loopback get Redis's DENIED error",
                    s -> s.protectedMode = s.live.bool(NetworkDirectives.PROTECTED_MODE));

    static final Directive ENABLE_PROTECTED_CONFIGS = Directive.choice("enable-protected-configs", PROTECTED_ACTION)
            .immutable()
            .honoured("whether CONFIG SET may change `dir` and `dbfilename` (`local`: from loopback clients)");

    static final Directive ENABLE_DEBUG_COMMAND = Directive.choice("enable-debug-command", PROTECTED_ACTION)
            .immutable()
            .honoured("who may run DEBUG (`yes`, or `local`: loopback clients), as in Redis");

    static final Directive ENABLE_MODULE_COMMAND = Directive.choice("enable-module-command", PROTECTED_ACTION)
            .immutable()
            .ignored("aioj-server has no modules");

    static final Directive PORT = Directive.integer("port", 0, 65535, 6379).immutable()
            .honoured("the TCP port; 0 disables TCP. Fixed while running. (`ServerConfig.Builder.port(0)` instead "
                    + "asks for any free port.)");

    static final Directive TCP_BACKLOG = Directive.integer("tcp-backlog", 0, Integer.MAX_VALUE, 511).immutable()
            .ignored("aioj-core listens with a backlog of 1024 (Linux caps it at somaxconn)");

    static final Directive UNIXSOCKET = Directive.optionalText("unixsocket").immutable()
            .honoured("also listen on this unix domain socket (relative to `dir`); removed on shutdown");

    static final Directive UNIXSOCKETPERM = Directive.number("unixsocketperm",
            new DirectiveType.Number(0, 0777, 0, true, DirectiveType.NumberFormat.OCTAL)).immutable()
            .honoured("the unix socket file's permissions, in octal (0: the umask's)");

    static final Directive TIMEOUT = Directive.integer("timeout", 0, Integer.MAX_VALUE, 0)
            .honoured("close a client idle for this many seconds (0: never); blocked and subscribed clients are "
                    + "exempt, as in Redis");

    static final Directive TCP_KEEPALIVE = Directive.integer("tcp-keepalive", 0, Integer.MAX_VALUE, 300)
            .ignored("aioj-core leaves SO_KEEPALIVE to the system's defaults");

    static final Directive SOCKET_MARK_ID = Directive.unsignedInteger("socket-mark-id", 0, 0xFFFF_FFFFL, 0)
            .immutable()
            .ignored("Java cannot set SO_MARK");

    static List<Directive> all() {
        return List.of(BIND, BIND_SOURCE_ADDR, PROTECTED_MODE, ENABLE_PROTECTED_CONFIGS, ENABLE_DEBUG_COMMAND,
                ENABLE_MODULE_COMMAND, PORT, TCP_BACKLOG, UNIXSOCKET, UNIXSOCKETPERM, TIMEOUT, TCP_KEEPALIVE,
                SOCKET_MARK_ID);
    }
}

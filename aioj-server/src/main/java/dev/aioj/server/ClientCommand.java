package dev.aioj.server;

import static dev.aioj.server.Command.ADMIN;
import static dev.aioj.server.Command.LOADING;
import static dev.aioj.server.Command.NOSCRIPT;
import static dev.aioj.server.Command.SENTINEL;
import static dev.aioj.server.Command.STALE;

import java.util.ArrayList;
import java.util.List;

/**
 * CLIENT and its subcommands: ID, GETNAME, SETNAME, LIST (with TYPE and ID
 * filters), INFO, KILL (old addr form and the ID/ADDR/LADDR/TYPE/SKIPME
 * filters), UNBLOCK, NO-EVICT (accepted, nothing to evict here), HELP; TRACKING, CACHING,
 * GETREDIR and TRACKINGINFO are in {@link ClientTracking}.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ClientCommand {

    private ClientCommand() {}

    static void register(CommandTable.Builder t) {
        String g = "connection";
        int flags = NOSCRIPT | LOADING | STALE | SENTINEL;
        t.addContainer("client", -2, SENTINEL, g, "2.4.0", "A container for client connection commands.", sub -> sub
                .add("id", 2, flags, 0, 0, 0, g, "5.0.0", "Returns the unique client ID of the connection.",
                        (c, a) -> c.reply.integer(c.id))
                .add("getname", 2, flags, 0, 0, 0, g, "2.6.9", "Returns the name of the connection.",
                        (c, a) -> c.reply.bulkOrNull(c.name))
                .add("setname", 3, flags, 0, 0, 0, g, "2.6.9", "Sets the connection name.",
                        (c, a) -> {
                            if (setName(c, a[2])) {
                                c.reply.ok();
                            }
                        })
                .add("list", -2, flags | ADMIN, 0, 0, 0, g, "2.4.0", "Lists open connections.", ClientCommand::list)
                .add("info", 2, flags, 0, 0, 0, g, "6.2.0", "Returns information about the connection.",
                        (c, a) -> c.reply.verbatim(ClientInfo.describe(c) + "\n"))
                .add("kill", -3, flags | ADMIN, 0, 0, 0, g, "2.4.0", "Terminates open connections.",
                        ClientCommand::kill)
                .add("unblock", -3, flags | ADMIN, 0, 0, 0, g, "5.0.0",
                        "Unblocks a client blocked by a blocking command from a different connection.",
                        ClientCommand::unblock)
                .add("no-evict", 3, flags | ADMIN, 0, 0, 0, g, "7.0.0",
                        "Sets the client eviction mode of the connection.", ClientCommand::noEvict)
                .add("reply", 3, flags, 0, 0, 0, g, "3.2.0", "Instructs the server whether to reply to commands.",
                        ClientCommand::reply)
                .add("tracking", -3, flags, 0, 0, 0, g, "6.0.0",
                        "Controls server-assisted client-side caching for the connection.", ClientTracking::tracking)
                .add("caching", 3, flags, 0, 0, 0, g, "6.0.0",
                        "Instructs the server whether to track the keys in the next request.", ClientTracking::caching)
                .add("getredir", 2, flags, 0, 0, 0, g, "6.0.0",
                        "Returns the client ID to which the connection's tracking notifications are redirected.",
                        ClientTracking::getredir)
                .add("trackinginfo", 2, flags, 0, 0, 0, g, "6.2.0",
                        "Returns information about server-assisted client-side caching for the connection.",
                        ClientTracking::trackinginfo)
                .add("help", 2, LOADING | STALE | SENTINEL, 0, 0, 0, g, "5.0.0", "Returns helpful text about the "
                        + "different subcommands.", ClientCommand::help));
    }

    /** Redis's clientSetNameOrReply: false after an error reply. */
    static boolean setName(Client c, byte[] name) {
        if (name.length == 0) {
            c.name = null;
            return true;
        }
        for (byte b : name) {
            if (b < '!' || b > '~') {
                c.reply.error("ERR Client names cannot contain spaces, newlines or special characters.");
                return false;
            }
        }
        c.name = name;
        return true;
    }

    static void list(Client c, byte[][] argv) {
        List<Client> selected = new ArrayList<>();
        if (argv.length == 4 && Args.is(argv[2], "type")) {
            String type = Errors.latin1(argv[3], argv[3].length).toLowerCase(java.util.Locale.ROOT);
            if (!type.equals("normal") && !type.equals("pubsub") && !type.equals("master") && !type.equals("replica")
                    && !type.equals("slave")) {
                c.reply.error("ERR Unknown client type '" + Errors.latin1(argv[3], argv[3].length) + "'");
                return;
            }
            for (Client other : c.server.clients.values()) {
                if (type.equals("pubsub") ? other.isSubscribed() : type.equals("normal") && !other.isSubscribed()) {
                    selected.add(other);
                }
            }
        } else if (argv.length > 3 && Args.is(argv[2], "id")) {
            for (int j = 3; j < argv.length; j++) {
                if (!Numbers.isLong(argv[j]) || Numbers.toLong(argv[j]) <= 0) {
                    c.reply.error("ERR Invalid client ID");
                    return;
                }
                Client other = c.server.clients.get(Numbers.toLong(argv[j]));
                if (other != null) {
                    selected.add(other);
                }
            }
        } else if (argv.length != 2) {
            c.reply.error(Errors.SYNTAX);
            return;
        } else {
            selected.addAll(c.server.clients.values());
        }
        StringBuilder out = new StringBuilder();
        for (Client other : selected) {
            out.append(ClientInfo.describe(other)).append('\n');
        }
        c.reply.verbatim(out.toString());
    }

    static void kill(Client c, byte[][] argv) {
        if (argv.length == 3) {
            String addr = Errors.latin1(argv[2], argv[2].length);
            for (Client other : new ArrayList<>(c.server.clients.values())) {
                if (ClientInfo.address(other.transport.remoteAddress()).equals(addr)) {
                    kill(c, other);
                    c.reply.ok();
                    return;
                }
            }
            c.reply.error("ERR No such client");
            return;
        }
        Long id = null;
        String addr = null;
        String laddr = null;
        String type = null;
        boolean skipMe = true;
        for (int j = 2; j < argv.length; j += 2) {
            if (j + 1 >= argv.length) {
                c.reply.error(Errors.SYNTAX);
                return;
            }
            byte[] value = argv[j + 1];
            if (Args.is(argv[j], "id")) {
                if (!Numbers.isLong(value) || Numbers.toLong(value) <= 0) {
                    c.reply.error("ERR client-id should be greater than 0");
                    return;
                }
                id = Numbers.toLong(value);
            } else if (Args.is(argv[j], "addr")) {
                addr = Errors.latin1(value, value.length);
            } else if (Args.is(argv[j], "laddr")) {
                laddr = Errors.latin1(value, value.length);
            } else if (Args.is(argv[j], "type")) {
                type = Errors.latin1(value, value.length).toLowerCase(java.util.Locale.ROOT);
                if (!List.of("normal", "pubsub", "master", "replica", "slave").contains(type)) {
                    c.reply.error("ERR Unknown client type '" + Errors.latin1(value, value.length) + "'");
                    return;
                }
            } else if (Args.is(argv[j], "skipme")) {
                if (Args.is(value, "yes")) {
                    skipMe = true;
                } else if (Args.is(value, "no")) {
                    skipMe = false;
                } else {
                    c.reply.error(Errors.SYNTAX);
                    return;
                }
            } else if (Args.is(argv[j], "user") || Args.is(argv[j], "maxage")) {
                continue; // one user only; no age filter: accepted, no effect
            } else {
                c.reply.error(Errors.SYNTAX);
                return;
            }
        }
        long killed = 0;
        for (Client other : new ArrayList<>(c.server.clients.values())) {
            if ((id != null && other.id != id)
                    || (addr != null && !ClientInfo.address(other.transport.remoteAddress()).equals(addr))
                    || (laddr != null && !ClientInfo.address(other.transport.localAddress()).equals(laddr))
                    || (type != null && !(type.equals("pubsub") ? other.isSubscribed()
                            : type.equals("normal") && !other.isSubscribed()))
                    || (skipMe && other == c)) {
                continue;
            }
            kill(c, other);
            killed++;
        }
        c.reply.integer(killed);
    }

    /** Closes {@code other}; the calling client itself goes after this reply. */
    private static void kill(Client self, Client other) {
        if (other == self) {
            self.closeAfterReply();
        } else {
            other.disconnect();
        }
    }

    static void unblock(Client c, byte[][] argv) {
        if (!Numbers.isLong(argv[2])) {
            c.reply.error(Errors.NOT_INTEGER);
            return;
        }
        boolean error = false;
        if (argv.length == 4) {
            if (Args.is(argv[3], "error")) {
                error = true;
            } else if (!Args.is(argv[3], "timeout")) {
                c.reply.error("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
                return;
            }
        } else if (argv.length > 4) {
            c.reply.error(Errors.subcommandSyntax(argv[0], argv[1]));
            return;
        }
        Client target = c.server.clients.get(Numbers.toLong(argv[2]));
        if (target == null || target.blocked == null) {
            c.reply.raw(ReplyWriter.ZERO);
            return;
        }
        c.server.blocking.unblock(target);
        if (error) {
            target.reply.error("UNBLOCKED client unblocked via CLIENT UNBLOCK");
        } else {
            target.reply.nullArray();
        }
        target.resumeSoon();
        c.reply.raw(ReplyWriter.ONE);
    }

    /** CLIENT NO-EVICT ON|OFF: kept and shown in CLIENT LIST (flag e); there is no client eviction here. */
    static void noEvict(Client c, byte[][] argv) {
        if (Args.is(argv[2], "on")) {
            c.noEvict = true;
            c.reply.ok();
        } else if (Args.is(argv[2], "off")) {
            c.noEvict = false;
            c.reply.ok();
        } else {
            c.reply.error(Errors.SYNTAX);
        }
    }

    /**
     * CLIENT REPLY ON|OFF|SKIP (Redis's clientCommand): OFF drops every reply
     * until ON, SKIP the next command's; pub/sub messages still arrive. ON
     * answers +OK; OFF and SKIP answer nothing.
     */
    static void reply(Client c, byte[][] argv) {
        if (Args.is(argv[2], "on")) {
            c.replyOff = false;
            c.replySkipNext = false;
            c.reply.unmute();
            c.reply.ok();
        } else if (Args.is(argv[2], "off")) {
            c.replyOff = true;
            c.reply.mute();
        } else if (Args.is(argv[2], "skip")) {
            if (!c.replyOff) {
                c.replySkipNext = true;
            }
        } else {
            c.reply.error(Errors.SYNTAX);
        }
    }

    /** Redis 7.0's CLIENT HELP text, for the subcommands this server has. */
    static void help(Client c, byte[][] argv) {
        HelpReply.send(c, "client",
                "CACHING (YES|NO)",
                "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
                "GETREDIR",
                "    Return the client ID we are redirecting to when tracking is enabled.",
                "GETNAME",
                "    Return the name of the current connection.",
                "ID",
                "    Return the ID of the current connection.",
                "INFO",
                "    Return information about the current client connection.",
                "KILL <ip:port>",
                "    Kill connection made from <ip:port>.",
                "KILL <option> <value> [<option> <value> [...]]",
                "    Kill connections. Options are:",
                "    * ADDR (<ip:port>|<unixsocket>:0)",
                "      Kill connections made from the specified address",
                "    * LADDR (<ip:port>|<unixsocket>:0)",
                "      Kill connections made to specified local address",
                "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
                "      Kill connections by type.",
                "    * USER <username>",
                "      Kill connections authenticated by <username>.",
                "    * SKIPME (YES|NO)",
                "      Skip killing current connection (default: yes).",
                "LIST [options ...]",
                "    Return information about client connections. Options:",
                "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
                "      Return clients of specified type.",
                "REPLY (ON|OFF|SKIP)",
                "    Control the replies sent to the current connection.",
                "SETNAME <name>",
                "    Assign the name <name> to the current connection.",
                "UNBLOCK <clientid> [TIMEOUT|ERROR]",
                "    Unblock the specified blocked client.",
                "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
                "         [OPTIN] [OPTOUT] [NOLOOP]",
                "    Control server assisted client side caching.",
                "TRACKINGINFO",
                "    Report tracking status for the current connection.",
                "NO-EVICT (ON|OFF)",
                "    Protect current client connection from eviction.");
    }
}

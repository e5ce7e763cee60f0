package dev.aioj.server;

import java.util.ArrayList;
import java.util.List;

/**
 * CLIENT TRACKING, CACHING, GETREDIR and TRACKINGINFO: the options and
 * errors of Redis 7.0's clientCommand, in its order of checks; the
 * bookkeeping is {@link Tracking}'s.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ClientTracking {

    private ClientTracking() {}

    /** CLIENT TRACKING (ON|OFF) [REDIRECT id] [BCAST] [PREFIX p]... [OPTIN] [OPTOUT] [NOLOOP]. */
    static void tracking(Client c, byte[][] argv) {
        long redirect = 0;
        boolean bcast = false;
        boolean optin = false;
        boolean optout = false;
        boolean noloop = false;
        List<byte[]> prefixes = new ArrayList<>();
        for (int j = 3; j < argv.length; j++) {
            boolean more = argv.length - 1 - j > 0;
            if (Args.is(argv[j], "redirect") && more) {
                j++;
                if (redirect != 0) {
                    c.reply.error("ERR A client can only redirect to a single other client");
                    return;
                }
                if (!Args.isInt(c, argv[j])) {
                    return;
                }
                redirect = Numbers.toLong(argv[j]);
                if (!c.server.clients.containsKey(redirect)) {
                    c.reply.error("ERR The client ID you want redirect to does not exist");
                    return;
                }
            } else if (Args.is(argv[j], "bcast")) {
                bcast = true;
            } else if (Args.is(argv[j], "optin")) {
                optin = true;
            } else if (Args.is(argv[j], "optout")) {
                optout = true;
            } else if (Args.is(argv[j], "noloop")) {
                noloop = true;
            } else if (Args.is(argv[j], "prefix") && more) {
                prefixes.add(argv[++j]);
            } else {
                c.reply.error(Errors.SYNTAX);
                return;
            }
        }
        Tracking.ClientState t = c.tracking;
        boolean on = t != null && t.on;
        if (Args.is(argv[2], "on")) {
            if (!bcast && !prefixes.isEmpty()) {
                c.reply.error("ERR PREFIX option requires BCAST mode to be enabled");
                return;
            }
            if (on && t.bcast != bcast) {
                c.reply.error("ERR You can't switch BCAST mode on/off before disabling tracking for this client, "
                        + "and then re-enabling it with a different mode.");
                return;
            }
            if (bcast && (optin || optout)) {
                c.reply.error("ERR OPTIN and OPTOUT are not compatible with BCAST");
                return;
            }
            if (optin && optout) {
                c.reply.error("ERR You can't specify both OPTIN mode and OPTOUT mode");
                return;
            }
            if (on && ((optin && t.optout) || (optout && t.optin))) {
                c.reply.error("ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, "
                        + "and then re-enabling it with a different mode.");
                return;
            }
            if (bcast) {
                boolean[] goesOn = {false};
                String collision = TrackingPrefixes.prefixCollision(t, prefixes, goesOn);
                if (collision != null) {
                    c.reply.error(collision);
                    if (!goesOn[0]) {
                        return;
                    }
                }
            }
            c.server.tracking.enable(c, redirect, bcast, optin, optout, noloop, prefixes);
        } else if (Args.is(argv[2], "off")) {
            c.server.tracking.disable(c);
        } else {
            c.reply.error(Errors.SYNTAX);
            return;
        }
        c.reply.ok();
    }

    /** CLIENT CACHING (YES|NO): whether the next command's keys are tracked, in OPTIN or OPTOUT mode. */
    static void caching(Client c, byte[][] argv) {
        Tracking.ClientState t = c.tracking;
        if (t == null || !t.on) {
            c.reply.error("ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or "
                    + "OPTOUT mode enabled");
            return;
        }
        if (Args.is(argv[2], "yes")) {
            if (!t.optin) {
                c.reply.error("ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.");
                return;
            }
        } else if (Args.is(argv[2], "no")) {
            if (!t.optout) {
                c.reply.error("ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.");
                return;
            }
        } else {
            c.reply.error(Errors.SYNTAX);
            return;
        }
        t.caching = true;
        c.reply.ok();
    }

    /** CLIENT GETREDIR: the redirect client's id, 0 without redirection, -1 when not tracking. */
    static void getredir(Client c, byte[][] argv) {
        Tracking.ClientState t = c.tracking;
        c.reply.integer(t != null && t.on ? t.redirect : -1);
    }

    /** CLIENT TRACKINGINFO: flags (a set), redirect, prefixes. */
    static void trackinginfo(Client c, byte[][] argv) {
        Tracking.ClientState t = c.tracking;
        boolean on = t != null && t.on;
        List<String> flags = new ArrayList<>();
        flags.add(on ? "on" : "off");
        if (t != null) {
            if (t.bcast) {
                flags.add("bcast");
            }
            if (t.optin) {
                flags.add("optin");
                if (t.caching) {
                    flags.add("caching-yes");
                }
            }
            if (t.optout) {
                flags.add("optout");
                if (t.caching) {
                    flags.add("caching-no");
                }
            }
            if (t.noloop) {
                flags.add("noloop");
            }
            if (t.brokenRedirect) {
                flags.add("broken_redirect");
            }
        }
        c.reply.map(3);
        c.reply.bulk("flags");
        c.reply.set(flags.size());
        for (String f : flags) {
            c.reply.bulk(f);
        }
        c.reply.bulk("redirect");
        c.reply.integer(on ? t.redirect : -1);
        c.reply.bulk("prefixes");
        int n = t == null ? 0 : t.prefixes.size();
        c.reply.array(n);
        if (n > 0) {
            for (Bytes p : t.prefixes) {
                c.reply.bulk(p.bytes());
            }
        }
    }
}

package dev.aioj.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code timeout} directive: closes clients idle for longer than that
 * many seconds, as Redis's {@code clientsCronHandleTimeout} does. Blocked
 * clients (BLPOP) and subscribers are exempt, since waiting is what they
 * do. Run by the server cron; the work is one pass over the clients at most
 * once a second.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class IdleClients {

    private static final System.Logger LOG = System.getLogger(IdleClients.class.getName());

    private final ServerState server;
    private long lastCheckMillis;

    IdleClients(ServerState server) {
        this.server = server;
    }

    /** Closes the idle clients, at most once a second; returns how many. */
    int closeIdle() {
        long timeoutSeconds = server.live.number(NetworkDirectives.TIMEOUT);
        long now = server.now();
        if (timeoutSeconds <= 0 || now - lastCheckMillis < 1000) {
            return 0;
        }
        lastCheckMillis = now;
        List<Client> idle = new ArrayList<>();
        for (Client c : server.clients.values()) {
            if (c.blocked == null && c.subscriptionCount() == 0
                    && (now - c.lastInteractionMillis) / 1000 > timeoutSeconds) {
                idle.add(c);
            }
        }
        for (Client c : idle) {
            LOG.log(System.Logger.Level.DEBUG, "Closing idle client");
            c.disconnect();
        }
        return idle.size();
    }
}

package dev.aioj.redis.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Opening a connection's socket (TCP or unix, with TLS), from dialing to
 * connected or failed; the greeting that follows is a {@link HandshakeEvent}.
 * Begun when the dial starts, committed by the connection's loop thread.
 */
@Name("dev.aioj.redis.Connect")
@Label("Redis Connect")
@Category({"aioj", "Redis"})
@Description("Opening a socket to a Redis server (before the greeting)")
@StackTrace(false)
public final class ConnectEvent extends Event {

    @Label("Endpoint")
    public String endpoint;

    @Label("Attempt")
    @Description("0 for the first connection, n for the n-th try of a reconnect")
    public int attempt;

    @Label("Error")
    @Description("Why the connection could not be made; null when it was")
    public String error;
}

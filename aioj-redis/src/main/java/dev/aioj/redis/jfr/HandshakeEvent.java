package dev.aioj.redis.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A connection's greeting: HELLO (with AUTH and SETNAME) or AUTH, SELECT,
 * CLIENT SETNAME, until the connection is ready or refused. Begun when the
 * socket is open, committed by the connection's loop thread.
 */
@Name("dev.aioj.redis.Handshake")
@Label("Redis Handshake")
@Category({"aioj", "Redis"})
@Description("The greeting of a new Redis connection: HELLO/AUTH, SELECT, CLIENT SETNAME")
@StackTrace(false)
public final class HandshakeEvent extends Event {

    @Label("Endpoint")
    public String endpoint;

    @Label("Database")
    public int database;

    @Label("Protocol")
    @Description("The RESP version agreed: 2 or 3 (0 if the greeting failed)")
    public int protocol;

    @Label("Attempt")
    @Description("0 for the first connection, n for the n-th try of a reconnect")
    public int attempt;

    @Label("Error")
    @Description("Why the server refused the greeting; null when it accepted it")
    public String error;
}

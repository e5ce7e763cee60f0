package dev.aioj.redis.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The server sent bytes that are not RESP, or a reply over the parser's
 * limits: the connection is dropped and every pending command fails.
 * Committed by the connection's loop thread.
 */
@Name("dev.aioj.redis.ProtocolError")
@Label("Redis Protocol Error")
@Category({"aioj", "Redis"})
@Description("A Redis server sent a reply the client could not parse; the connection was dropped")
@StackTrace(false)
public final class ProtocolErrorEvent extends Event {

    @Label("Endpoint")
    public String endpoint;

    @Label("Message")
    public String message;

    @Label("Position")
    @Description("Offset of the offending byte in the reply stream, -1 if unknown")
    public long position;
}

package dev.aioj.redis.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A reconnect was scheduled after a connection was lost or a reconnect try
 * failed: which try, after what delay, and why. Committed by the
 * connection's loop thread.
 */
@Name("dev.aioj.redis.Reconnect")
@Label("Redis Reconnect")
@Category({"aioj", "Redis"})
@Description("A reconnect to a Redis server was scheduled")
@StackTrace(false)
public final class ReconnectEvent extends Event {

    @Label("Endpoint")
    public String endpoint;

    @Label("Attempt")
    @Description("The try this reconnect will be, from 1")
    public int attempt;

    @Label("Delay")
    @Timespan(Timespan.NANOSECONDS)
    public long delay;

    @Label("Cause")
    @Description("Why the connection went away, or why the last try failed")
    public String cause;
}

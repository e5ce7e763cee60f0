package dev.aioj.redis.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A command got no reply within its deadline (it then fails with
 * RedisTimeoutException). The command's name only, never its arguments.
 * Committed by the connection's loop thread.
 */
@Name("dev.aioj.redis.CommandTimeout")
@Label("Redis Command Timeout")
@Category({"aioj", "Redis"})
@Description("A Redis command got no reply within its deadline")
@StackTrace(false)
public final class CommandTimeoutEvent extends Event {

    @Label("Endpoint")
    public String endpoint;

    @Label("Command")
    public String command;

    @Label("Timeout")
    @Timespan(Timespan.NANOSECONDS)
    public long timeout;

    @Label("Written")
    @Description("Whether the command had been written (the server may have run it)")
    public boolean written;
}

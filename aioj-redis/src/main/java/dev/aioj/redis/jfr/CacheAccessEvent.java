package dev.aioj.redis.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One read through the client-side cache: a hit (answered locally) or a
 * miss (sent to the server). One per read, so off by default even in a
 * recording; {@link CacheStatisticsEvent} gives the counters every second.
 * Committed by the thread that read.
 */
@Name("dev.aioj.redis.CacheAccess")
@Label("Redis Client Cache Access")
@Category({"aioj", "Redis", "Client Cache"})
@Description("A read through the client-side cache: hit or miss")
@StackTrace(false)
@Enabled(false)
public final class CacheAccessEvent extends Event {

    @Label("Endpoint")
    public String endpoint;

    @Label("Command")
    public String command;

    @Label("Hit")
    public boolean hit;
}

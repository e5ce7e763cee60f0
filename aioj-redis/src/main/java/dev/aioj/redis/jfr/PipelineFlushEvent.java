package dev.aioj.redis.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One pipelined batch written by the connection's loop: how many commands
 * went out in one write, and their bytes. The distribution of {@link
 * #commands} is automatic pipelining at work ({@code ./aioj bench --jfr}
 * prints it). Committed by the connection's loop thread, once per batch.
 */
@Name("dev.aioj.redis.PipelineFlush")
@Label("Redis Pipeline Flush")
@Category({"aioj", "Redis"})
@Description("A batch of pipelined Redis commands written to the socket in one write")
@StackTrace(false)
public final class PipelineFlushEvent extends Event {

    @Label("Endpoint")
    public String endpoint;

    @Label("Commands")
    public int commands;

    @Label("Bytes")
    @DataAmount
    public long bytes;
}

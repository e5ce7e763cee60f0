package dev.aioj.redis.jfr;

import java.util.Objects;
import java.util.function.Supplier;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * The client-side cache's counters, emitted every period (1 s by default)
 * while a recording enables the event: hits, misses, evictions,
 * invalidations (totals since the cache was made), and its size now. A cache
 * calls {@link #register} once when made and runs the returned action when
 * closed; JFR then asks it for its {@link Counts} on JFR's own periodic thread.
 */
@Name("dev.aioj.redis.CacheStatistics")
@Label("Redis Client Cache Statistics")
@Category({"aioj", "Redis", "Client Cache"})
@Description("Counters of a Redis client-side cache")
@StackTrace(false)
@Period("1 s")
public final class CacheStatisticsEvent extends Event {

    @Label("Endpoint")
    public String endpoint;

    @Label("Hits")
    public long hits;

    @Label("Misses")
    public long misses;

    @Label("Evictions")
    public long evictions;

    @Label("Invalidations")
    public long invalidations;

    @Label("Entries")
    public long entries;

    @Label("Size")
    @DataAmount
    public long bytes;

    /** What a cache reports each period; the first four are totals since it was made. */
    public record Counts(long hits, long misses, long evictions, long invalidations, long entries, long bytes) {}

    /**
     * Emits this event for the cache of {@code endpoint} every period while a
     * recording enables it, with what {@code counts} says then (called on
     * JFR's thread: it must be thread-safe). Returns the action that stops it.
     */
    public static Runnable register(String endpoint, Supplier<Counts> counts) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(counts, "counts");
        Runnable hook = () -> {
            Counts c = counts.get();
            CacheStatisticsEvent event = new CacheStatisticsEvent();
            event.endpoint = endpoint;
            event.hits = c.hits();
            event.misses = c.misses();
            event.evictions = c.evictions();
            event.invalidations = c.invalidations();
            event.entries = c.entries();
            event.bytes = c.bytes();
            event.commit();
        };
        FlightRecorder.addPeriodicEvent(CacheStatisticsEvent.class, hook);
        return () -> FlightRecorder.removePeriodicEvent(hook);
    }
}

package dev.aioj.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ObjLongConsumer;

/**
 * The CONFIG parameters of the engine's tunable features, changeable at run
 * time with Redis 7.0's names, aliases, types, bounds and error texts: the
 * encoding thresholds ({@link EncodingLimits}), key access tracking ({@link
 * KeyAccess}: maxmemory-policy, lfu-log-factor, lfu-decay-time), SLOWLOG
 * and the latency monitor. {@link ConfigCommand} lists them in CONFIG GET and
 * hands CONFIG SET of their names here.
 *
 * <p>Numbers parse as Redis's numericParseString does: strict integers, or
 * for memory parameters an unsigned number with an optional unit (k, kb, m,
 * mb, g, gb).
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class TunableConfig {

    private TunableConfig() {}

    /** What CONFIG SET of one parameter would do: apply a change, or refuse with Redis's reason. */
    sealed interface Change {
        /** The value is valid; {@code apply} sets it (after every pair of the command was checked). */
        record Apply(Runnable apply) implements Change {}

        /** The value is refused; {@code reason} follows "CONFIG SET failed (...) - ". */
        record Refuse(String reason) implements Change {}
    }

    private enum Kind { INTEGER, MEMORY }

    /** A numeric parameter: names, Redis's bounds, how to read and write it. */
    private record Numeric(String name, String alias, Kind kind, long min, long max, boolean unsigned,
            Function<ServerState, Long> get, ObjLongConsumer<ServerState> set) {}

    private static final List<Numeric> NUMERIC = List.of(
            new Numeric("hash-max-listpack-entries", "hash-max-ziplist-entries", Kind.INTEGER, 0, Long.MAX_VALUE, true,
                    s -> s.limits.hashMaxListpackEntries, (s, v) -> s.limits.hashMaxListpackEntries = v),
            new Numeric("hash-max-listpack-value", "hash-max-ziplist-value", Kind.MEMORY, 0, Long.MAX_VALUE, true,
                    s -> s.limits.hashMaxListpackValue, (s, v) -> s.limits.hashMaxListpackValue = v),
            new Numeric("set-max-intset-entries", null, Kind.INTEGER, 0, Long.MAX_VALUE, true,
                    s -> s.limits.setMaxIntsetEntries, (s, v) -> s.limits.setMaxIntsetEntries = v),
            new Numeric("zset-max-listpack-entries", "zset-max-ziplist-entries", Kind.INTEGER, 0, Long.MAX_VALUE, true,
                    s -> s.limits.zsetMaxListpackEntries, (s, v) -> s.limits.zsetMaxListpackEntries = v),
            new Numeric("zset-max-listpack-value", "zset-max-ziplist-value", Kind.MEMORY, 0, Long.MAX_VALUE, true,
                    s -> s.limits.zsetMaxListpackValue, (s, v) -> s.limits.zsetMaxListpackValue = v),
            new Numeric("list-max-listpack-size", "list-max-ziplist-size", Kind.INTEGER, Integer.MIN_VALUE,
                    Integer.MAX_VALUE, false, s -> (long) s.limits.listMaxListpackSize,
                    (s, v) -> s.limits.listMaxListpackSize = (int) v),
            new Numeric("list-compress-depth", null, Kind.INTEGER, 0, Integer.MAX_VALUE, false,
                    s -> (long) s.limits.listCompressDepth, (s, v) -> s.limits.listCompressDepth = (int) v),
            new Numeric("lfu-log-factor", null, Kind.INTEGER, 0, Integer.MAX_VALUE, false,
                    s -> (long) s.access.lfuLogFactor, (s, v) -> s.access.lfuLogFactor = (int) v),
            new Numeric("lfu-decay-time", null, Kind.INTEGER, 0, Integer.MAX_VALUE, false,
                    s -> (long) s.access.lfuDecayTime, (s, v) -> s.access.lfuDecayTime = (int) v),
            new Numeric("slowlog-log-slower-than", null, Kind.INTEGER, -1, Long.MAX_VALUE, false,
                    s -> s.slowlog.slowerThanMicros, (s, v) -> s.slowlog.slowerThanMicros = v),
            new Numeric("slowlog-max-len", null, Kind.INTEGER, 0, Long.MAX_VALUE, true,
                    s -> s.slowlog.maxLen, (s, v) -> s.slowlog.maxLen = v),
            new Numeric("latency-monitor-threshold", null, Kind.INTEGER, 0, Long.MAX_VALUE, false,
                    s -> s.latency.thresholdMillis, (s, v) -> s.latency.thresholdMillis = v));

    /** Adds every parameter (and alias) with its current value, for CONFIG GET. */
    static void describe(ServerState s, Map<String, String> out) {
        for (Numeric n : NUMERIC) {
            String value = Long.toString(n.get().apply(s));
            out.put(n.name(), value);
            if (n.alias() != null) {
                out.put(n.alias(), value);
            }
        }
        out.put("maxmemory-policy", s.access.policy());
        out.put("latency-tracking", s.observers.latencyTracking ? "yes" : "no");
        StringBuilder percentiles = new StringBuilder();
        for (double p : s.observers.percentiles) {
            percentiles.append(percentiles.isEmpty() ? "" : " ").append(LatencyCommand.trimmed(p));
        }
        out.put("latency-tracking-info-percentiles", percentiles.toString());
    }

    /** CONFIG SET of {@code name} (lower case) to {@code value}; null when the name is not one of these. */
    static Change change(ServerState s, String name, String value) {
        if (name.equals("maxmemory-policy")) {
            String policy = value.toLowerCase(Locale.ROOT);
            if (!List.of(KeyAccess.POLICIES).contains(policy)) {
                return new Change.Refuse("argument(s) must be one of the following: "
                        + String.join(", ", KeyAccess.POLICIES));
            }
            return new Change.Apply(() -> s.access.policy(policy));
        }
        if (name.equals("latency-tracking")) {
            String v = value.toLowerCase(Locale.ROOT);
            if (!v.equals("yes") && !v.equals("no")) {
                return new Change.Refuse("argument must be 'yes' or 'no'");
            }
            return new Change.Apply(() -> s.observers.latencyTracking = v.equals("yes"));
        }
        if (name.equals("latency-tracking-info-percentiles")) {
            return percentiles(s, value);
        }
        for (Numeric n : NUMERIC) {
            if (name.equals(n.name()) || name.equals(n.alias())) {
                return numeric(s, n, value);
            }
        }
        return null;
    }

    private static Change numeric(ServerState s, Numeric n, String value) {
        Long parsed = n.kind() == Kind.MEMORY ? memory(value) : null;
        if (parsed == null) {
            byte[] digits = value.getBytes(StandardCharsets.ISO_8859_1);
            if (n.kind() == Kind.INTEGER && Numbers.isLong(digits)) {
                parsed = Numbers.toLong(digits);
            }
        }
        if (parsed == null) {
            return new Change.Refuse(n.kind() == Kind.MEMORY ? "argument must be a memory value"
                    : "argument couldn't be parsed into an integer");
        }
        long v = parsed;
        boolean outside = n.unsigned()
                ? Long.compareUnsigned(v, n.max()) > 0 || Long.compareUnsigned(v, n.min()) < 0
                : v > n.max() || v < n.min();
        if (outside) {
            return new Change.Refuse("argument must be between " + n.min() + " and " + n.max() + " inclusive");
        }
        return new Change.Apply(() -> n.set().accept(s, v));
    }

    /** Space-separated percentiles in [0, 100]; "" for none. */
    private static Change percentiles(ServerState s, String value) {
        String[] parts = value.isEmpty() ? new String[0] : value.split(" ", -1);
        double[] parsed = new double[parts.length];
        for (int j = 0; j < parts.length; j++) {
            Double d = strictDouble(parts[j]);
            if (d == null) {
                return new Change.Refuse("Invalid latency-tracking-info-percentiles parameters");
            }
            if (d > 100.0 || d < 0.0) {
                return new Change.Refuse("latency-tracking-info-percentiles parameters should sit between [0.0,100.0]");
            }
            parsed[j] = d;
        }
        return new Change.Apply(() -> s.observers.percentiles = parsed);
    }

    /** Redis's string2d: a whole number in C's strtod syntax, no spaces, not NaN. */
    private static Double strictDouble(String s) {
        if (s.isEmpty() || Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))
                || !s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(inf|infinity)")) {
            return null;
        }
        String t = s.toLowerCase(Locale.ROOT).replace("infinity", "inf");
        return t.endsWith("inf") ? (t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                : Double.parseDouble(s);
    }

    /** Redis's memtoull: digits and an optional unit; null when malformed. An empty value is 0, as in Redis. */
    static Long memory(String value) {
        int i = 0;
        while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
            i++;
        }
        long unit = switch (value.substring(i).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1;
            case "k" -> 1000;
            case "kb" -> 1024;
            case "m" -> 1000 * 1000;
            case "mb" -> 1024 * 1024;
            case "g" -> 1000L * 1000 * 1000;
            case "gb" -> 1024L * 1024 * 1024;
            default -> -1;
        };
        if (unit < 0 || i > 127) {
            return null;
        }
        long n;
        try {
            n = i == 0 ? 0 : Long.parseUnsignedLong(value.substring(0, i));
        } catch (NumberFormatException e) {
            n = -1; // strtoull saturates at ULLONG_MAX
        }
        return n * unit;
    }
}

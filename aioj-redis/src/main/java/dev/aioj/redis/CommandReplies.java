package dev.aioj.redis;

import dev.aioj.redis.resp.RespValue;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The reply converters of the typed commands whose reply is more than one
 * value, and whose shape often differs between RESP2 and RESP3: scored
 * members (flat {@code member, "score"} pairs in RESP2, nested
 * {@code [member, double]} pairs in RESP3, flat again for a single ZPOPMIN),
 * scan pages, key/value pairs, lists of flags and of scores, INFO text,
 * CONFIG maps and TIME. Every converter takes both shapes, so a typed command
 * returns the same Java value whatever protocol the connection speaks.
 *
 * <p>A typed command converts its whole reply here, on the loop thread, in
 * the {@link Reply} it is sent with, never in a {@code thenApply} after it:
 * the future a caller gets is the command itself (no extra object), and a
 * command queued in a transaction is converted the same way when EXEC
 * answers.
 *
 * <p>Thread contract: stateless; runs on the loop thread.
 */
final class CommandReplies {

    private CommandReplies() {}

    /** Integers (RESP2) or booleans (RESP3) as flags: SMISMEMBER, SCRIPT EXISTS. */
    static final Reply<List<Boolean>> BOOLEANS = (value, codec) -> {
        List<RespValue> elements = elements(value, "an array of flags");
        List<Boolean> flags = new ArrayList<>(elements.size());
        for (RespValue element : elements) {
            flags.add(Reply.BOOLEAN.convert(unwrap(element), codec));
        }
        return flags;
    };

    /** Scores or nulls: ZMSCORE (bulk strings in RESP2, doubles in RESP3). */
    static final Reply<List<Double>> DOUBLES = (value, codec) -> {
        List<RespValue> elements = elements(value, "an array of scores");
        List<Double> scores = new ArrayList<>(elements.size());
        for (RespValue element : elements) {
            scores.add(Reply.DOUBLE.convert(unwrap(element), codec));
        }
        return scores;
    };

    /** {@code [key, value]} or null: BLPOP, BRPOP. */
    private static final Reply<KeyValue<Object>> KEY_VALUE = (value, codec) -> {
        value = unwrap(value);
        if (value instanceof RespValue.Null) {
            return null;
        }
        List<RespValue> pair = elements(value, "a [key, value] pair");
        if (pair.size() != 2) {
            throw new IllegalStateException("expected a [key, value] pair, got " + pair.size() + " elements");
        }
        return new KeyValue<>(element(pair.get(0), codec), element(pair.get(1), codec));
    };

    /** Members with scores, flat or nested: ZRANGE WITHSCORES, ZPOPMIN/ZPOPMAX with a count, ZSCAN. */
    private static final Reply<List<ScoredValue<Object>>> SCORED = (value, codec) -> {
        value = unwrap(value);
        if (value instanceof RespValue.Null) {
            return new ArrayList<>();
        }
        List<RespValue> elements = elements(value, "members with scores");
        List<ScoredValue<Object>> scored = new ArrayList<>(elements.size());
        if (!elements.isEmpty() && unwrap(elements.get(0)) instanceof RespValue.Array) {
            for (RespValue pair : elements) { // RESP3: [[member, score], ...]
                List<RespValue> two = elements(pair, "a [member, score] pair");
                if (two.size() != 2) {
                    throw new IllegalStateException("expected a [member, score] pair, got " + two.size() + " elements");
                }
                scored.add(scoredValue(two.get(0), two.get(1), codec));
            }
        } else { // RESP2, ZSCAN: [member, score, member, score, ...]
            requireEven(elements, "member/score pairs");
            for (int i = 0; i < elements.size(); i += 2) {
                scored.add(scoredValue(elements.get(i), elements.get(i + 1), codec));
            }
        }
        return scored;
    };

    /** One member with its score, or null when the set was empty: ZPOPMIN/ZPOPMAX without a count. */
    private static final Reply<ScoredValue<Object>> SCORED_ONE = (value, codec) -> {
        List<ScoredValue<Object>> scored = SCORED.convert(value, codec);
        return scored.isEmpty() ? null : scored.get(0);
    };

    /** Flat {@code field, value} pairs as entries: HSCAN pages. */
    private static final Reply<List<Map.Entry<Object, Object>>> ENTRIES = (value, codec) -> {
        List<RespValue> elements = elements(value, "field/value pairs");
        requireEven(elements, "field/value pairs");
        List<Map.Entry<Object, Object>> entries = new ArrayList<>(elements.size() / 2);
        for (int i = 0; i < elements.size(); i += 2) {
            entries.add(new AbstractMap.SimpleImmutableEntry<>(element(elements.get(i), codec),
                    element(elements.get(i + 1), codec)));
        }
        return entries;
    };

    /** A map of text whatever the codec: CONFIG GET (a RESP3 map or a RESP2 flat array). */
    @SuppressWarnings("unchecked")
    static final Reply<Map<String, String>> TEXT_MAP =
            (value, codec) -> (Map<String, String>) (Map<?, ?>) ReplyConversions.MAP.convert(unwrap(value),
                    Codec.STRING);

    /**
     * INFO text ({@code # Section} headers, {@code field:value} lines) as
     * sections by lower-case name ({@code "server"}, {@code "memory"}, ...),
     * each its fields in the server's order.
     */
    static final Reply<Map<String, Map<String, String>>> INFO_SECTIONS = (value, codec) -> {
        String text = Reply.STATUS.convert(unwrap(value), codec);
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> section = null;
        for (String line : text.split("\r?\n")) {
            if (line.startsWith("#")) {
                section = new LinkedHashMap<>();
                sections.put(line.substring(1).strip().toLowerCase(Locale.ROOT), section);
            } else if (!line.isBlank()) {
                int colon = line.indexOf(':');
                if (section == null) {
                    section = new LinkedHashMap<>();
                    sections.put("", section); // fields before any header: not sent by Redis, kept anyway
                }
                if (colon < 0) {
                    section.put(line.strip(), "");
                } else {
                    section.put(line.substring(0, colon), line.substring(colon + 1).strip());
                }
            }
        }
        return sections;
    };

    /** {@code [unix-seconds, microseconds]}: TIME. */
    static final Reply<Instant> TIME = (value, codec) -> {
        List<RespValue> pair = elements(value, "[seconds, microseconds]");
        if (pair.size() != 2) {
            throw new IllegalStateException("expected [seconds, microseconds], got " + pair.size() + " elements");
        }
        long seconds = Reply.LONG.convert(unwrap(pair.get(0)), codec);
        long micros = Reply.LONG.convert(unwrap(pair.get(1)), codec);
        return Instant.ofEpochSecond(seconds, micros * 1000);
    };

    /** An integer of unix seconds: LASTSAVE. */
    static final Reply<Instant> EPOCH_SECONDS = (value, codec) -> {
        Long seconds = Reply.LONG.convert(unwrap(value), codec);
        return seconds == null ? null : Instant.ofEpochSecond(seconds);
    };

    @SuppressWarnings("unchecked")
    static <V> Reply<KeyValue<V>> keyValue() {
        return (Reply<KeyValue<V>>) (Reply<?>) KEY_VALUE;
    }

    @SuppressWarnings("unchecked")
    static <V> Reply<List<ScoredValue<V>>> scored() {
        return (Reply<List<ScoredValue<V>>>) (Reply<?>) SCORED;
    }

    @SuppressWarnings("unchecked")
    static <V> Reply<ScoredValue<V>> scoredOne() {
        return (Reply<ScoredValue<V>>) (Reply<?>) SCORED_ONE;
    }

    @SuppressWarnings("unchecked")
    static <V> Reply<List<Map.Entry<V, V>>> entries() {
        return (Reply<List<Map.Entry<V, V>>>) (Reply<?>) ENTRIES;
    }

    /** A list whose null reply (LPOP with a count on a missing key) is an empty list: collections are never null. */
    static <V> Reply<List<V>> listOrEmpty() {
        Reply<List<V>> list = Reply.list();
        return (value, codec) -> {
            List<V> result = list.convert(unwrap(value), codec);
            return result != null ? result : new ArrayList<>();
        };
    }

    /** A set whose null reply is an empty set. */
    static <V> Reply<Set<V>> setOrEmpty() {
        Reply<Set<V>> set = Reply.set();
        return (value, codec) -> {
            Set<V> result = set.convert(unwrap(value), codec);
            return result != null ? result : new LinkedHashSet<>();
        };
    }

    /** {@code [cursor, [items...]]}: a page of SCAN, HSCAN, SSCAN or ZSCAN, its items read by {@code items}. */
    static <T> Reply<ScanCursor<T>> scanPage(Reply<List<T>> items) {
        return (value, codec) -> {
            List<RespValue> pair = elements(value, "a [cursor, items] scan page");
            if (pair.size() != 2) {
                throw new IllegalStateException("expected a [cursor, items] scan page, got " + pair.size()
                        + " elements");
            }
            String cursor = Reply.STATUS.convert(unwrap(pair.get(0)), codec);
            return new ScanCursor<>(cursor, items.convert(unwrap(pair.get(1)), codec));
        };
    }

    private static ScoredValue<Object> scoredValue(RespValue member, RespValue score, Codec<?> codec) {
        Double value = Reply.DOUBLE.convert(unwrap(score), codec);
        if (value == null) {
            throw new IllegalStateException("expected a score, got null for member " + member);
        }
        return new ScoredValue<>(element(member, codec), value);
    }

    private static Object element(RespValue value, Codec<?> codec) {
        return ReplyConversions.VALUE.convert(unwrap(value), codec);
    }

    private static List<RespValue> elements(RespValue value, String expected) {
        return switch (unwrap(value)) {
            case RespValue.Array a -> a.elements();
            case RespValue.SetReply s -> s.elements();
            case RespValue other -> throw ReplyConversions.unexpected(expected, other);
        };
    }

    private static void requireEven(List<RespValue> elements, String what) {
        if (elements.size() % 2 != 0) {
            throw new IllegalStateException("expected " + what + ", got " + elements.size() + " elements");
        }
    }

    /** A RESP3 attribute carries data about a reply, not the reply: look through it. */
    private static RespValue unwrap(RespValue value) {
        return value instanceof RespValue.Attributed attributed ? attributed.value() : value;
    }
}

package dev.aioj.redis;

import dev.aioj.redis.resp.RespValue;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one reply into the Java value a command's future completes with. An
 * error reply never reaches a {@code Reply}: the command's future fails with
 * {@link RedisReplyException} first. A {@code Reply} that meets a reply of an
 * unexpected shape throws {@link IllegalStateException}, which fails only that
 * command: the connection goes on.
 *
 * <p>Use with {@link RedisCommands#command} for commands aioj has no typed
 * method for: {@code conn.command(Reply.LONG, "OBJECT", "FREQ", key)}.
 *
 * <p>Thread contract: implementations are stateless; they run on the loop thread.
 *
 * @param <T> the Java type of the result
 */
@FunctionalInterface
public interface Reply<T> {

    /** Converts {@code value}; bulk strings are decoded with {@code codec}. */
    T convert(RespValue value, Codec<?> codec);

    /**
     * Any reply, as plain Java values: simple string → String, integer → Long,
     * bulk → the codec's type, null → null, array/push → List, map → Map,
     * set → Set, double → Double, big number → BigInteger, boolean → Boolean,
     * verbatim → the codec's type of its text; an error inside an aggregate
     * (from EXEC) → a {@link RedisReplyException} object in its place.
     */
    Reply<Object> OBJECT = new BulkAsValue<>(Reply::toJava);

    /** A status reply such as {@code OK} or {@code PONG} (a bulk string is read as UTF-8); null stays null. */
    Reply<String> STATUS = (value, codec) -> switch (value) {
        case RespValue.Simple s -> s.text();
        case RespValue.Bulk b -> new String(b.bytes(), StandardCharsets.UTF_8);
        case RespValue.Verbatim v -> v.text();
        case RespValue.Null n -> null;
        default -> throw ReplyConversions.unexpected("a status", value);
    };

    /**
     * The {@code OK} of a command that either succeeds or fails (MSET,
     * RENAME, LSET, FLUSHDB, ...): completes with null; anything but OK is an
     * unexpected reply.
     */
    Reply<Void> OK = (value, codec) -> switch (value) {
        case RespValue.Simple s when s.text().equals("OK") -> null;
        default -> throw ReplyConversions.unexpected("an OK", value);
    };

    /** An integer reply; null stays null; a numeric bulk string is parsed. */
    Reply<Long> LONG = (value, codec) -> switch (value) {
        case RespValue.Int i -> i.value();
        case RespValue.Null n -> null;
        case RespValue.Bulk b -> parseLong(b);
        default -> throw ReplyConversions.unexpected("an integer", value);
    };

    /** 1/0 integers, RESP3 booleans, and OK are true/false; null is false. */
    Reply<Boolean> BOOLEAN = (value, codec) -> switch (value) {
        case RespValue.Int i -> i.value() != 0;
        case RespValue.Bool b -> b.value();
        case RespValue.Simple s -> s.text().equals("OK");
        case RespValue.Null n -> false;
        default -> throw ReplyConversions.unexpected("a boolean", value);
    };

    /** A double (RESP3) or a bulk string holding one (RESP2: {@code "1.5"}, {@code "inf"}); null stays null. */
    Reply<Double> DOUBLE = (value, codec) -> switch (value) {
        case RespValue.DoubleReply d -> d.value();
        case RespValue.Bulk b -> parseDouble(new String(b.bytes(), StandardCharsets.US_ASCII));
        case RespValue.Int i -> (double) i.value();
        case RespValue.Null n -> null;
        default -> throw ReplyConversions.unexpected("a double", value);
    };

    /** One bulk string decoded by the codec; null stays null. */
    @SuppressWarnings("unchecked")
    static <V> Reply<V> value() {
        return (Reply<V>) ReplyConversions.VALUE;
    }

    /** An array of bulk strings (or nulls) as a list. */
    @SuppressWarnings("unchecked")
    static <V> Reply<List<V>> list() {
        return (Reply<List<V>>) (Reply<?>) ReplyConversions.LIST;
    }

    /** An array or RESP3 set of bulk strings as an insertion-ordered set. */
    @SuppressWarnings("unchecked")
    static <V> Reply<Set<V>> set() {
        return (Reply<Set<V>>) (Reply<?>) ReplyConversions.SET;
    }

    /** A RESP3 map, or a RESP2 array of alternating keys and values, as an insertion-ordered map. */
    @SuppressWarnings("unchecked")
    static <V> Reply<Map<V, V>> map() {
        return (Reply<Map<V, V>>) (Reply<?>) ReplyConversions.MAP;
    }

    private static Object toJava(RespValue value, Codec<?> codec) {
        return switch (value) {
            case RespValue.Simple s -> s.text();
            case RespValue.ErrorReply e -> new RedisReplyException(e.kind(), e.message());
            case RespValue.Int i -> i.value();
            case RespValue.Bulk b -> codec.decode(b.bytes());
            case RespValue.Null n -> null;
            case RespValue.Array a -> toJavaList(a.elements(), codec);
            case RespValue.Push p -> toJavaList(p.elements(), codec);
            case RespValue.MapReply m -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                m.entries().forEach((k, v) -> map.put(toJava(k, codec), toJava(v, codec)));
                yield Collections.unmodifiableMap(map);
            }
            case RespValue.SetReply s -> {
                Set<Object> set = new LinkedHashSet<>();
                s.elements().forEach(e -> set.add(toJava(e, codec)));
                yield Collections.unmodifiableSet(set);
            }
            case RespValue.DoubleReply d -> d.value();
            case RespValue.BigNumber b -> b.value();
            case RespValue.Bool b -> b.value();
            case RespValue.Verbatim v -> codec.decode(v.text().getBytes(StandardCharsets.UTF_8));
            case RespValue.Attributed a -> toJava(a.value(), codec);
        };
    }

    private static List<Object> toJavaList(List<RespValue> elements, Codec<?> codec) {
        List<Object> list = new ArrayList<>(elements.size());
        for (RespValue element : elements) {
            list.add(toJava(element, codec));
        }
        return Collections.unmodifiableList(list);
    }

    private static long parseLong(RespValue.Bulk bulk) {
        String text = new String(bulk.bytes(), StandardCharsets.US_ASCII);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("expected an integer, got bulk string '" + text + "'");
        }
    }

    private static double parseDouble(String text) {
        return switch (text) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("expected a double, got bulk string '" + text + "'");
                }
            }
        };
    }
}

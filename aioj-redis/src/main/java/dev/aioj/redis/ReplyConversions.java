package dev.aioj.redis;

import dev.aioj.redis.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The shared instances behind {@link Reply}'s generic factories (value, list, set, map). */
final class ReplyConversions {

    private ReplyConversions() {}


    /** A bulk string decoded by the codec (scalars too, as their text): GET's reply. */
    static final Reply<Object> VALUE = new BulkAsValue<>((value, codec) -> switch (value) {
        case RespValue.Bulk b -> codec.decode(b.bytes());
        case RespValue.Null n -> null;
        case RespValue.Simple s -> codec.decode(s.text().getBytes(StandardCharsets.UTF_8));
        case RespValue.Verbatim v -> codec.decode(v.text().getBytes(StandardCharsets.UTF_8));
        case RespValue.Int i -> codec.decode(Long.toString(i.value()).getBytes(StandardCharsets.US_ASCII));
        case RespValue.DoubleReply d -> codec.decode(Double.toString(d.value()).getBytes(StandardCharsets.US_ASCII));
        default -> throw unexpected("a bulk string", value);
    });

    static final Reply<List<Object>> LIST = (value, codec) -> switch (value) {
        case RespValue.Array a -> values(a.elements(), codec, new ArrayList<>(a.elements().size()));
        case RespValue.SetReply s -> values(s.elements(), codec, new ArrayList<>(s.elements().size()));
        case RespValue.Null n -> null;
        default -> throw unexpected("an array", value);
    };

    static final Reply<Set<Object>> SET = (value, codec) -> switch (value) {
        case RespValue.Array a -> values(a.elements(), codec, new LinkedHashSet<>());
        case RespValue.SetReply s -> values(s.elements(), codec, new LinkedHashSet<>());
        case RespValue.Null n -> null;
        default -> throw unexpected("a set", value);
    };

    static final Reply<Map<Object, Object>> MAP = (value, codec) -> switch (value) {
        case RespValue.MapReply m -> {
            Map<Object, Object> map = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> map.put(VALUE.convert(k, codec), VALUE.convert(v, codec)));
            yield map;
        }
        case RespValue.Array a -> {
            List<RespValue> e = a.elements();
            if (e.size() % 2 != 0) {
                throw new IllegalStateException("expected key/value pairs, got " + e.size() + " elements");
            }
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < e.size(); i += 2) {
                map.put(VALUE.convert(e.get(i), codec), VALUE.convert(e.get(i + 1), codec));
            }
            yield map;
        }
        case RespValue.Null n -> null;
        default -> throw unexpected("a map", value);
    };

    private static <C extends java.util.Collection<Object>> C values(List<RespValue> elements, Codec<?> codec,
            C into) {
        for (RespValue element : elements) {
            into.add(VALUE.convert(element, codec));
        }
        return into;
    }

    static IllegalStateException unexpected(String expected, RespValue value) {
        return new IllegalStateException("expected " + expected + " reply, got " + value);
    }
}

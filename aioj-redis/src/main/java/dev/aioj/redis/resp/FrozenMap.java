package dev.aioj.redis.resp;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The immutable, insertion-ordered map inside {@link RespValue.MapReply} and
 * {@link RespValue.Attributed}: RESP3 maps keep the server's order (HELLO's
 * fields, XINFO's), which {@code Map.of} would lose. Like {@link FrozenList},
 * the parser hands over a map it built and {@link #copyOf} trusts only this
 * class, so user-built values are copied and parsed ones are not.
 */
final class FrozenMap<K, V> extends AbstractMap<K, V> {

    private static final FrozenMap<?, ?> EMPTY = new FrozenMap<>(new LinkedHashMap<>());

    private final Map<K, V> view;

    private FrozenMap(LinkedHashMap<K, V> entries) {
        this.view = Collections.unmodifiableMap(entries);
    }

    /** Wraps {@code entries}, which the caller hands over and never touches again. */
    @SuppressWarnings("unchecked")
    static <K, V> FrozenMap<K, V> adopt(LinkedHashMap<K, V> entries) {
        return entries.isEmpty() ? (FrozenMap<K, V>) EMPTY : new FrozenMap<>(entries);
    }

    /** {@code map} itself if it is frozen, else an ordered immutable copy; null keys and values are rejected. */
    static <K, V> Map<K, V> copyOf(Map<? extends K, ? extends V> map) {
        if (map instanceof FrozenMap<?, ?>) {
            @SuppressWarnings("unchecked")
            Map<K, V> frozen = (Map<K, V>) map;
            return frozen;
        }
        LinkedHashMap<K, V> copy = LinkedHashMap.newLinkedHashMap(map.size());
        map.forEach((k, v) -> {
            if (k == null || v == null) throw new NullPointerException("null key or value in " + map);
            copy.put(k, v);
        });
        return adopt(copy);
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return view.entrySet();
    }

    @Override
    public V get(Object key) {
        return view.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return view.containsKey(key);
    }

    @Override
    public int size() {
        return view.size();
    }
}

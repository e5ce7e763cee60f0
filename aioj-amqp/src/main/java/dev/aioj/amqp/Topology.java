package dev.aioj.amqp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * What this connection declared (exchanges, queues, bindings), in order,
 * for recovery to declare again on a new socket; deletions drop them. A
 * queue the broker named gets a new name on recovery: {@link #currentName}
 * maps the old one, for bindings and consumers. Loop thread only.
 */
final class Topology {

    enum Kind { EXCHANGE, QUEUE, BINDING }

    /** One declaration: encodes its method frame for a channel, names mapped by the topology. */
    record Declaration(Kind kind, String name, BiFunction<Integer, Topology, byte[]> encoder) {}

    private final Map<String, Declaration> exchanges = new LinkedHashMap<>();
    private final Map<String, Declaration> queues = new LinkedHashMap<>();
    private final List<Declaration> bindings = new ArrayList<>();
    private final Map<String, String> renamed = new HashMap<>();

    void exchangeDeclared(Declaration d) {
        exchanges.put(d.name(), d);
    }

    void exchangeDeleted(String name) {
        exchanges.remove(name);
    }

    /** {@code actual}: the name in declare-ok (the broker's choice for ""). */
    void queueDeclared(Declaration d, String actual) {
        queues.put(actual, d);
    }

    void queueDeleted(String name) {
        queues.remove(name);
        bindings.removeIf(b -> b.name().equals(name));
    }

    void bound(Declaration d) {
        bindings.add(d);
    }

    String currentName(String queue) {
        return renamed.getOrDefault(queue, queue);
    }

    void renamed(String old, String now) {
        if (!old.equals(now)) renamed.put(old, now);
    }

    /** Everything to declare again, exchanges first, then queues (with their recorded names), then bindings. */
    List<Map.Entry<String, Declaration>> replayOrder() {
        List<Map.Entry<String, Declaration>> all = new ArrayList<>();
        exchanges.forEach((n, d) -> all.add(Map.entry(n, d)));
        queues.forEach((n, d) -> all.add(Map.entry(n, d)));
        for (Declaration b : bindings) {
            all.add(Map.entry(b.name(), b));
        }
        return all;
    }

    boolean isEmpty() {
        return exchanges.isEmpty() && queues.isEmpty() && bindings.isEmpty();
    }
}

package dev.aioj.redis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One view of a Redis Cluster: which primary serves which slots, and its
 * replicas, read from {@code CLUSTER SHARDS} (Redis 7) or, on older servers,
 * {@code CLUSTER SLOTS}. Immutable; a {@link ClusterNodes} holds the newest
 * one and swaps it whole on a refresh.
 *
 * <p>Thread contract: any thread (immutable).
 *
 * @param shards the shards that own slots, in the order the server listed them
 */
record ClusterTopology(List<Shard> shards) {

    /** A node as the cluster announces it; {@code id} may be empty from old servers. */
    record Node(String id, String host, int port, boolean primary, boolean healthy) {
        String endpoint() {
            return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
        }
    }

    /**
     * A primary, its replicas, and its slot ranges as {@code [start, end]}
     * pairs (inclusive).
     */
    record Shard(Node primary, List<Node> replicas, List<int[]> ranges) {}

    ClusterTopology {
        shards = List.copyOf(shards);
    }

    /** The owner of each of the 16384 slots (null where none), one array lookup per command. */
    Node[] slotOwners() {
        Node[] owners = new Node[SlotHash.SLOTS];
        for (Shard shard : shards) {
            for (int[] range : shard.ranges()) {
                for (int slot = range[0]; slot <= range[1] && slot < SlotHash.SLOTS; slot++) {
                    owners[slot] = shard.primary();
                }
            }
        }
        return owners;
    }

    /** Every primary that owns at least one slot. */
    List<Node> primaries() {
        List<Node> primaries = new ArrayList<>(shards.size());
        for (Shard shard : shards) primaries.add(shard.primary());
        return primaries;
    }

    /** How many slots have an owner (16384 in a healthy cluster). */
    int coveredSlots() {
        int covered = 0;
        for (Node owner : slotOwners()) if (owner != null) covered++;
        return covered;
    }

    /**
     * Parses a {@code CLUSTER SHARDS} reply as {@link Reply#OBJECT} gives it:
     * a list of shards, each a map (RESP3) or a flat key/value list (RESP2)
     * of {@code slots} (start/end pairs) and {@code nodes} (each with {@code
     * id}, {@code ip}, {@code endpoint}, {@code port}, {@code role}, {@code
     * health}, and {@code tls-port} where the node listens for TLS). {@code
     * host} is where the reply came from, for nodes that announce no address.
     * A shard without slots (a primary that lost its slots in a failover) is
     * left out.
     *
     * <p>{@code tls}: the client speaks TLS ({@code rediss://}), so a node's
     * {@code tls-port} is the one to dial. Redis 7.0 announces it only with
     * {@code tls-cluster yes} (with {@code no}, the cluster knows its nodes'
     * plaintext ports alone): a TLS client then fails here, saying so,
     * rather than dialling TLS into plaintext ports.
     */
    static ClusterTopology fromShards(Object reply, String host, boolean tls) {
        List<Shard> shards = new ArrayList<>();
        for (Object shardObject : list(reply, "CLUSTER SHARDS reply")) {
            Map<String, Object> shard = fields(shardObject);
            List<Object> slots = list(shard.get("slots"), "slots of a shard");
            List<int[]> ranges = new ArrayList<>();
            for (int i = 0; i + 1 < slots.size(); i += 2) {
                ranges.add(new int[] {toInt(slots.get(i)), toInt(slots.get(i + 1))});
            }
            Node primary = null;
            List<Node> replicas = new ArrayList<>();
            for (Object nodeObject : list(shard.get("nodes"), "nodes of a shard")) {
                Map<String, Object> node = fields(nodeObject);
                String endpoint = string(node.get("endpoint"));
                String ip = string(node.get("ip"));
                String nodeHost = endpoint != null && !endpoint.isEmpty() && !endpoint.equals("?") ? endpoint
                        : ip != null && !ip.isEmpty() ? ip : host;
                Object portObject = tls ? node.get("tls-port")
                        : node.containsKey("port") ? node.get("port") : node.get("tls-port");
                if (portObject == null && tls) {
                    throw new IllegalStateException("the cluster announces no TLS port for node " + nodeHost + ":"
                            + node.get("port") + " (CLUSTER SHARDS has no tls-port): a rediss:// client needs the"
                            + " nodes started with tls-cluster yes");
                }
                boolean isPrimary = "master".equals(string(node.get("role")));
                boolean healthy = !"fail".equals(string(node.get("health")))
                        && !"failed".equals(string(node.get("health")));
                Node parsed = new Node(String.valueOf(string(node.get("id"))), nodeHost, toInt(portObject), isPrimary,
                        healthy);
                if (isPrimary && (primary == null || !primary.healthy() && healthy)) {
                    primary = parsed;
                } else {
                    replicas.add(parsed);
                }
            }
            if (primary != null && !ranges.isEmpty()) {
                shards.add(new Shard(primary, replicas, ranges));
            }
        }
        return new ClusterTopology(shards);
    }

    /**
     * Parses a {@code CLUSTER SLOTS} reply: a list of {@code [start, end,
     * [host, port, id, ...] primary, [host, port, id, ...] replicas...]};
     * ranges of the same primary are joined into one shard. Its ports are the
     * ones for the kind of connection that asked (TLS ports to a TLS client
     * when the cluster runs {@code tls-cluster yes}).
     */
    static ClusterTopology fromSlots(Object reply, String host) {
        Map<String, Shard> byPrimary = new LinkedHashMap<>();
        for (Object entryObject : list(reply, "CLUSTER SLOTS reply")) {
            List<Object> entry = list(entryObject, "CLUSTER SLOTS entry");
            int start = toInt(entry.get(0));
            int end = toInt(entry.get(1));
            List<Node> nodes = new ArrayList<>();
            for (int i = 2; i < entry.size(); i++) {
                List<Object> node = list(entry.get(i), "CLUSTER SLOTS node");
                String nodeHost = string(node.get(0));
                if (nodeHost == null || nodeHost.isEmpty() || nodeHost.equals("?")) nodeHost = host;
                String id = node.size() > 2 ? String.valueOf(string(node.get(2))) : "";
                nodes.add(new Node(id, nodeHost, toInt(node.get(1)), i == 2, true));
            }
            if (nodes.isEmpty()) continue;
            Node primary = nodes.get(0);
            Shard shard = byPrimary.computeIfAbsent(primary.endpoint(),
                    e -> new Shard(primary, new ArrayList<>(nodes.subList(1, nodes.size())), new ArrayList<>()));
            shard.ranges().add(new int[] {start, end});
        }
        return new ClusterTopology(new ArrayList<>(byPrimary.values()));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String what) {
        if (value instanceof List<?> list) return (List<Object>) list;
        if (value instanceof java.util.Set<?> set) return new ArrayList<>(set);
        throw new IllegalStateException("expected a list for " + what + ", got " + value);
    }

    /** A RESP3 map as it is, a RESP2 flat list as a map of its pairs. */
    private static Map<String, Object> fields(Object value) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> fields.put(String.valueOf(k), v));
            return fields;
        }
        List<Object> list = list(value, "a map");
        for (int i = 0; i + 1 < list.size(); i += 2) {
            fields.put(String.valueOf(list.get(i)), list.get(i + 1));
        }
        return Collections.unmodifiableMap(fields);
    }

    private static String string(Object value) {
        return switch (value) {
            case null -> null;
            case byte[] bytes -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            default -> value.toString();
        };
    }

    private static int toInt(Object value) {
        return switch (value) {
            case Long l -> (int) (long) l;
            case Integer i -> i;
            case null -> throw new IllegalStateException("expected a number, got null");
            default -> Integer.parseInt(string(value));
        };
    }
}

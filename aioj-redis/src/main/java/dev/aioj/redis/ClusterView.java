package dev.aioj.redis;

import dev.aioj.loop.LoopFuture;
import dev.aioj.redis.resp.RespEncoder;
import dev.aioj.redis.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link RedisClusterClient} seen with one codec and deadline: decides for
 * each command where it goes, then hands it to the {@link ClusterRouter}.
 *
 * <ul>
 * <li>keys all in one slot: to that slot's primary;</li>
 * <li>MGET, MSET, DEL, EXISTS, UNLINK, TOUCH over several slots: one command
 *     per slot, sent in parallel, the replies joined in the caller's key order
 *     (MGET), summed (DEL, EXISTS, UNLINK, TOUCH) or checked all OK (MSET);
 *     not atomic across slots;</li>
 * <li>any other command whose keys span slots: fails before sending with
 *     Redis's own {@code CROSSSLOT} error;</li>
 * <li>no keys: KEYS (every primary, lists joined), DBSIZE (every primary,
 *     summed), FLUSHALL, FLUSHDB, SCRIPT LOAD/FLUSH (every primary, the first
 *     reply), SCRIPT EXISTS (every primary, true where all say so), SCAN (the
 *     primaries one after the other, the cursor naming the node: {@code
 *     "2:1536"}); anything else to a random primary;</li>
 * <li>blocking commands (BLPOP, ...) on a connection of the owner's borrowed
 *     for the one command; state-changing ones (MULTI, WATCH, SUBSCRIBE,
 *     SELECT, ...) refused, as on {@link RedisClient}.</li>
 * </ul>
 *
 * <p>Thread contract: any thread.
 */
final class ClusterView<V> implements RedisCommands<V> {

    /** Redis's text, so callers that match on it see the same error with or without a client-side check. */
    static final String CROSSSLOT = "CROSSSLOT Keys in request don't hash to the same slot";

    private static final Reply<RespValue> RAW = (value, codec) -> value;

    /**
     * How a command sent as {@code name key} or {@code name key value} routes,
     * per upper-case name, worked out once from {@link CommandKeys} and {@link
     * CommandRouting} so such a command needs one table look-up, not an
     * argument array and a walk of its key spec.
     *
     * @param keyAlone {@code name key}: the key is the one key (GET k, INCR k, ...)
     * @param keyAndValue {@code name key value}: the key is the one key (SET k v, HGET k f, ...)
     * @param readOnly a replica may serve it ({@link CommandKeys#isReadOnly})
     */
    private record Simple(boolean keyAlone, boolean keyAndValue, boolean readOnly) {}

    /**
     * Never changed after class initialisation. A {@link java.util.HashMap}, not
     * {@code Map.copyOf}: its look-up of a String constant (cached hash, then
     * the same reference) costs a few instructions, where the immutable map's
     * probe, with its {@code floorMod}, was 17% of the calling thread's samples
     * in the cluster benchmark's 128-in-flight pass (JFR).
     */
    private static final Map<String, Simple> SIMPLE = simpleCommands();

    private static Map<String, Simple> simpleCommands() {
        java.util.HashMap<String, Simple> simple = new java.util.HashMap<>();
        int[] justKey1 = {1};
        for (String name : CommandKeys.names()) {
            if (CommandRouting.route(new Object[] {name}) != CommandRouting.Route.SHARED) continue;
            boolean alone = java.util.Arrays.equals(CommandKeys.positions(new Object[] {name, "k"}), justKey1);
            boolean withValue = java.util.Arrays.equals(CommandKeys.positions(new Object[] {name, "k", "v"}),
                    justKey1);
            if (alone || withValue) simple.put(name, new Simple(alone, withValue, CommandKeys.isReadOnly(name)));
        }
        return simple;
    }

    private final ClusterRouter router;
    private final Codec<V> codec;
    private final Duration timeout;
    /** The codec and deadline every command of this view carries (one object, shared). */
    private final CommandSettings settings;
    private final boolean readFromReplicas;

    ClusterView(ClusterRouter router, Codec<V> codec, Duration timeout) {
        this.readFromReplicas = router.nodes().readFrom() != ReadFrom.PRIMARY;
        this.router = router;
        this.codec = codec;
        this.timeout = CommandView.checkTimeout(timeout);
        this.settings = CommandSettings.of(codec, timeout);
    }

    @Override
    public <T> CompletableFuture<T> command(Reply<T> reply, Object... args) {
        Objects.requireNonNull(reply, "reply");
        RespEncoder.checkCommand(args);
        CommandRouting.Route route = CommandRouting.route(args);
        if (route == CommandRouting.Route.REFUSED) {
            throw new IllegalArgumentException(CommandRouting.refusal(args).replace("client.dedicated()",
                    "RedisConnection.connect(node) on the node that owns the keys"));
        }
        String name = CommandKeys.name(args[0]);
        int[] positions = CommandKeys.positions(args);
        if (positions.length == 0) {
            return keyless(name, reply, args);
        }
        int slot = SlotHash.slot(args[positions[0]]);
        for (int i = 1; i < positions.length; i++) {
            if (SlotHash.slot(args[positions[i]]) != slot) {
                return split(name, reply, args, positions);
            }
        }
        if (route == CommandRouting.Route.DEDICATED) {
            return router.send(slot, args, reply, codec, timeout, ClusterRouter.Kind.BLOCKING);
        }
        ClusterRouter.Kind kind = readFromReplicas && CommandKeys.isReadOnly(name) ? ClusterRouter.Kind.READ
                : ClusterRouter.Kind.WRITE;
        return router.send(RoutedCommand.ofArgs(router, slot, kind, args, reply, settings), timeout);
    }

    @Override
    public <T> CompletableFuture<T> command(Reply<T> reply, String name, Object key) {
        Simple simple = name == null ? null : SIMPLE.get(name);
        if (simple != null && simple.keyAlone()) {
            Objects.requireNonNull(reply, "reply");
            RespEncoder.checkArgument(name, 1, key);
            return router.send(RoutedCommand.ofKey(router, SlotHash.slot(key), kind(simple), name, key, reply,
                    settings), timeout);
        }
        return command(reply, new Object[] {name, key});
    }

    @Override
    public <T> CompletableFuture<T> command(Reply<T> reply, String name, Object key, Object value) {
        Simple simple = name == null ? null : SIMPLE.get(name);
        if (simple != null && simple.keyAndValue()) {
            Objects.requireNonNull(reply, "reply");
            RespEncoder.checkArgument(name, 1, key);
            RespEncoder.checkArgument(name, 2, value);
            return router.send(RoutedCommand.ofKeyValue(router, SlotHash.slot(key), kind(simple), name, key, value,
                    reply, settings), timeout);
        }
        return command(reply, new Object[] {name, key, value});
    }

    private ClusterRouter.Kind kind(Simple simple) {
        return readFromReplicas && simple.readOnly() ? ClusterRouter.Kind.READ : ClusterRouter.Kind.WRITE;
    }

    // ---- keys in several slots -------------------------------------------------------------

    /** One command per slot for the commands that can be split, CROSSSLOT for the rest. */
    private <T> CompletableFuture<T> split(String name, Reply<T> reply, Object[] args, int[] positions) {
        int step = name.equals("MSET") ? 2 : 1;
        boolean splittable = switch (name) {
            case "MGET", "DEL", "EXISTS", "UNLINK", "TOUCH", "MSET" -> positions[0] == 1
                    && positions.length == (args.length - 1) / step;
            default -> false;
        };
        if (!splittable) {
            return CompletableFuture.failedFuture(new RedisReplyException("CROSSSLOT", CROSSSLOT));
        }
        // Group the key positions by slot, in the order each slot first appears.
        Map<Integer, List<Integer>> bySlot = new LinkedHashMap<>();
        for (int position : positions) {
            bySlot.computeIfAbsent(SlotHash.slot(args[position]), s -> new ArrayList<>()).add(position);
        }
        List<CompletableFuture<RespValue>> parts = new ArrayList<>(bySlot.size());
        List<List<Integer>> groups = new ArrayList<>(bySlot.size());
        bySlot.forEach((slot, group) -> {
            Object[] sub = new Object[1 + group.size() * step];
            sub[0] = args[0];
            int next = 1;
            for (int position : group) {
                for (int j = 0; j < step; j++) sub[next++] = args[position + j];
            }
            groups.add(group);
            parts.add(router.send(slot, sub, RAW, codec, timeout, readFromReplicas && CommandKeys.isReadOnly(name)
                    ? ClusterRouter.Kind.READ : ClusterRouter.Kind.WRITE));
        });
        CompletableFuture<T> result = new LoopFuture<>();
        CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
            if (error != null) {
                result.completeExceptionally(ClusterNodes.unwrap(error));
                return;
            }
            try {
                result.complete(reply.convert(join(name, args.length, parts, groups, step), codec));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static RespValue join(String name, int argCount, List<CompletableFuture<RespValue>> parts,
            List<List<Integer>> groups, int step) {
        switch (name) {
            case "MGET" -> {
                RespValue[] values = new RespValue[argCount - 1];
                for (int g = 0; g < parts.size(); g++) {
                    List<RespValue> elements = elements(parts.get(g).getNow(null));
                    List<Integer> group = groups.get(g);
                    for (int i = 0; i < group.size(); i++) values[group.get(i) - 1] = elements.get(i);
                }
                return new RespValue.Array(List.of(values));
            }
            case "MSET" -> {
                for (CompletableFuture<RespValue> part : parts) {
                    if (!(part.getNow(null) instanceof RespValue.Simple s && s.text().equals("OK"))) return part.getNow(null);
                }
                return new RespValue.Simple("OK");
            }
            default -> { // DEL, EXISTS, UNLINK, TOUCH: counts
                long sum = 0;
                for (CompletableFuture<RespValue> part : parts) {
                    if (part.getNow(null) instanceof RespValue.Int n) sum += n.value();
                }
                return new RespValue.Int(sum);
            }
        }
    }

    private static List<RespValue> elements(RespValue value) {
        return switch (value) {
            case RespValue.Array a -> a.elements();
            case RespValue.SetReply s -> s.elements();
            case RespValue.Push p -> p.elements();
            default -> throw ReplyConversions.unexpected("an array", value);
        };
    }

    // ---- no keys --------------------------------------------------------------------------

    private <T> CompletableFuture<T> keyless(String name, Reply<T> reply, Object[] args) {
        String sub = args.length > 1 && args[1] instanceof String s ? s.toUpperCase(java.util.Locale.ROOT) : "";
        return switch (name) {
            case "KEYS" -> everyPrimary(reply, args, Merge.CONCAT);
            case "DBSIZE" -> everyPrimary(reply, args, Merge.SUM);
            case "FLUSHALL", "FLUSHDB" -> everyPrimary(reply, args, Merge.FIRST);
            case "SCRIPT" -> switch (sub) {
                case "LOAD", "FLUSH" -> everyPrimary(reply, args, Merge.FIRST);
                case "EXISTS" -> everyPrimary(reply, args, Merge.AND);
                default -> router.send(-1, args, reply, codec, timeout);
            };
            case "SCAN" -> scan(reply, args);
            default -> router.send(-1, args, reply, codec, timeout);
        };
    }

    private enum Merge { CONCAT, SUM, FIRST, AND }

    private <T> CompletableFuture<T> everyPrimary(Reply<T> reply, Object[] args, Merge merge) {
        List<NodeConnection> primaries = router.nodes().allPrimaries();
        if (primaries.isEmpty()) {
            return router.send(-1, args, reply, codec, timeout);
        }
        List<CompletableFuture<RespValue>> parts = new ArrayList<>();
        for (NodeConnection node : primaries) parts.add(router.sendTo(node, args, RAW, codec, timeout));
        CompletableFuture<T> result = new LoopFuture<>();
        CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
            if (error != null) {
                result.completeExceptionally(ClusterNodes.unwrap(error));
                return;
            }
            try {
                RespValue merged = switch (merge) {
                    case FIRST -> parts.get(0).getNow(null);
                    case SUM -> {
                        long sum = 0;
                        for (CompletableFuture<RespValue> part : parts) {
                            if (part.getNow(null) instanceof RespValue.Int n) sum += n.value();
                        }
                        yield new RespValue.Int(sum);
                    }
                    case CONCAT -> {
                        List<RespValue> all = new ArrayList<>();
                        for (CompletableFuture<RespValue> part : parts) all.addAll(elements(part.getNow(null)));
                        yield new RespValue.Array(all);
                    }
                    case AND -> {
                        List<RespValue> first = elements(parts.get(0).getNow(null));
                        List<RespValue> all = new ArrayList<>(first.size());
                        for (int i = 0; i < first.size(); i++) {
                            boolean every = true;
                            for (CompletableFuture<RespValue> part : parts) {
                                RespValue v = elements(part.getNow(null)).get(i);
                                every &= v instanceof RespValue.Int n ? n.value() != 0
                                        : v instanceof RespValue.Bool b && b.value();
                            }
                            all.add(new RespValue.Int(every ? 1 : 0));
                        }
                        yield new RespValue.Array(all);
                    }
                };
                result.complete(reply.convert(merged, codec));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * SCAN over the whole cluster: the primaries (ordered by address) one after
     * the other. The cursor given back is {@code "node:cursor"}, or {@code "0"}
     * once the last primary is done; a primary's own cursor 0 moves on to the
     * next one. Like SCAN, keys may repeat if the topology changes meanwhile.
     */
    private <T> CompletableFuture<T> scan(Reply<T> reply, Object[] args) {
        List<NodeConnection> primaries = new ArrayList<>(router.nodes().allPrimaries());
        if (primaries.isEmpty() || args.length < 2) {
            return router.send(-1, args, reply, codec, timeout);
        }
        primaries.sort(java.util.Comparator.comparing(n -> n.endpoint));
        String cursor = args[1] instanceof byte[] b ? new String(b, StandardCharsets.US_ASCII) : args[1].toString();
        int node = 0;
        String nodeCursor = cursor;
        int colon = cursor.indexOf(':');
        if (colon > 0) {
            try {
                node = Integer.parseInt(cursor.substring(0, colon));
            } catch (NumberFormatException e) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("not a cluster SCAN cursor: "
                        + cursor));
            }
            nodeCursor = cursor.substring(colon + 1);
        }
        if (node < 0 || node >= primaries.size()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("cluster SCAN cursor " + cursor
                    + " names node " + node + " of " + primaries.size()));
        }
        Object[] sub = args.clone();
        sub[1] = nodeCursor;
        int at = node;
        int count = primaries.size();
        return router.sendTo(primaries.get(node), sub, RAW, codec, timeout).thenApply(page -> {
            List<RespValue> elements = elements(page);
            String next = elements.get(0) instanceof RespValue.Bulk bulk
                    ? new String(bulk.bytes(), StandardCharsets.US_ASCII) : String.valueOf(elements.get(0));
            String clusterNext = !next.equals("0") ? at + ":" + next : at + 1 < count ? (at + 1) + ":0" : "0";
            return reply.convert(new RespValue.Array(List.of(
                    new RespValue.Bulk(clusterNext.getBytes(StandardCharsets.US_ASCII)), elements.get(1))), codec);
        });
    }

    // ---- the view -------------------------------------------------------------------------

    @Override
    public Codec<V> codec() {
        return codec;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public <W> RedisCommands<W> withCodec(Codec<W> newCodec) {
        return new ClusterView<>(router, Objects.requireNonNull(newCodec, "codec"), timeout);
    }

    @Override
    public RedisCommands<V> withTimeout(Duration newTimeout) {
        return new ClusterView<>(router, codec, Objects.requireNonNull(newTimeout, "timeout"));
    }
}

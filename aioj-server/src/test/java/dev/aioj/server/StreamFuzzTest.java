package dev.aioj.server;

import dev.aioj.redis.testing.RedisServerExtension;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Differential fuzzing of streams ({@link Twin}: every reply the same bytes
 * from aioj-server and a real redis-server 7.0): seeded random XADD, XDEL,
 * XTRIM (exact and approximate, by length and by ID, with LIMIT) under random
 * node limits, read back with XRANGE, XREVRANGE and XINFO STREAM, whose node
 * counts (radix-tree-keys, radix-tree-nodes) show that entries fall into the
 * same nodes as in Redis's listpacks; then consumer groups (XREADGROUP, XACK,
 * XCLAIM, XAUTOCLAIM, XPENDING, XINFO GROUPS with entries-read and lag).
 * Only replies without clock times are compared.
 *
 * <p>The seed is fixed so CI is deterministic; {@code -Daioj.fuzz.seed=N}
 * tries another.
 */
class StreamFuzzTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().build();

    private static final long SEED = Long.getLong("aioj.fuzz.seed", 20261203L);

    private Twin twin;
    private Random random;
    private long ms;
    private long seq;

    @BeforeEach
    void connect() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(redis.version().startsWith("7.0."),
                () -> "compares with redis-server 7.0; this machine's is " + redis.version());
        twin = new Twin(server.port(), redis.port(), SEED);
        random = new Random(SEED);
        twin.both("FLUSHALL");
    }

    @AfterEach
    void close() throws IOException {
        if (twin != null) {
            twin.both("CONFIG", "SET", "stream-node-max-bytes", "4096");
            twin.both("CONFIG", "SET", "stream-node-max-entries", "100");
            twin.close();
        }
    }

    private static final String[] FIELDS = {"a", "b", "name", "12", "-7", "field-with-a-longer-name"};

    /** A value: small and large integers (stored as integers in a listpack), short and long strings. */
    private String value() {
        return switch (random.nextInt(6)) {
            case 0 -> Integer.toString(random.nextInt(128));
            case 1 -> Long.toString(random.nextLong() >> random.nextInt(64));
            case 2 -> "v" + random.nextInt(1000);
            case 3 -> "x".repeat(random.nextInt(200));
            case 4 -> "y".repeat(60 + random.nextInt(10));
            default -> "0" + random.nextInt(100); // leading zero: a string, not an integer
        };
    }

    /** IDs XADD was given, so that deletes, trims and claims often hit an entry. */
    private final List<String> added = new ArrayList<>();

    private String nextId() {
        if (random.nextInt(3) == 0) {
            ms += 1 + random.nextInt(random.nextBoolean() ? 3 : 100_000);
            seq = random.nextInt(4);
        } else {
            seq += 1 + random.nextInt(3);
        }
        String id = ms + "-" + seq;
        added.add(id);
        return id;
    }

    private String someId() {
        if (!added.isEmpty() && random.nextBoolean()) {
            return added.get(added.size() - 1 - random.nextInt(Math.min(added.size(), 300)));
        }
        return random.nextInt(ms + 2 > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) ms + 2) + "-"
                + random.nextInt(4);
    }

    private void xadd(String key) throws IOException {
        List<String> args = new ArrayList<>(List.of("XADD", key));
        if (random.nextInt(6) == 0) {
            args.addAll(random.nextBoolean() ? List.of("MAXLEN", random.nextBoolean() ? "~" : "=",
                    Integer.toString(random.nextInt(300))) : List.of("MINID", "~", someId()));
        }
        args.add(nextId());
        boolean sameFields = random.nextInt(3) != 0;
        int n = sameFields ? 2 : 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            args.add(sameFields ? FIELDS[i] : FIELDS[random.nextInt(FIELDS.length)]);
            args.add(value());
        }
        twin.both(args.toArray(new String[0]));
    }

    @Test
    void entriesNodesAndTrimsMatchRedis() throws IOException {
        for (int round = 0; round < 6; round++) {
            twin.both("CONFIG", "SET", "stream-node-max-entries", Integer.toString(random.nextInt(12)));
            twin.both("CONFIG", "SET", "stream-node-max-bytes",
                    Integer.toString(random.nextBoolean() ? 0 : 100 + random.nextInt(2000)));
            for (int i = 0; i < 400; i++) {
                int op = random.nextInt(20);
                if (op < 12) {
                    xadd("s");
                } else if (op < 15) {
                    twin.both("XDEL", "s", someId(), someId());
                } else if (op == 15) {
                    List<String> args = new ArrayList<>(List.of("XTRIM", "s"));
                    boolean approx = random.nextBoolean();
                    if (random.nextBoolean()) {
                        args.addAll(List.of("MAXLEN", approx ? "~" : "=", Integer.toString(random.nextInt(400))));
                    } else {
                        args.addAll(List.of("MINID", approx ? "~" : "=", someId()));
                    }
                    if (approx && random.nextBoolean()) {
                        args.addAll(List.of("LIMIT", Integer.toString(random.nextInt(50))));
                    }
                    twin.both(args.toArray(new String[0]));
                } else if (op == 16) {
                    twin.both("XRANGE", "s", random.nextBoolean() ? "-" : "(" + someId(), "+", "COUNT",
                            Integer.toString(random.nextInt(20)));
                } else if (op == 17) {
                    twin.both("XREVRANGE", "s", "+", someId(), "COUNT", Integer.toString(1 + random.nextInt(5)));
                } else {
                    twin.both("XINFO", "STREAM", "s");
                }
            }
            twin.both("XRANGE", "s", "-", "+");
            twin.both("XINFO", "STREAM", "s");
            twin.both("XLEN", "s");
        }
    }

    @Test
    void consumerGroupsMatchRedis() throws IOException {
        twin.both("CONFIG", "SET", "stream-node-max-entries", "5");
        for (int i = 0; i < 50; i++) {
            xadd("s");
        }
        twin.both("XGROUP", "CREATE", "s", "g", "0");
        twin.both("XGROUP", "CREATE", "s", "h", "$", "ENTRIESREAD", "10");
        String[] consumers = {"alice", "bob", "carol"};
        for (int i = 0; i < 1500; i++) {
            String consumer = consumers[random.nextInt(consumers.length)];
            String group = random.nextInt(4) == 0 ? "h" : "g";
            switch (random.nextInt(12)) {
                case 0, 1 -> xadd("s");
                case 2, 3 -> twin.both("XREADGROUP", "GROUP", group, consumer, "COUNT",
                        Integer.toString(1 + random.nextInt(4)), "STREAMS", "s", ">");
                case 4 -> twin.both("XREADGROUP", "GROUP", group, consumer, "NOACK", "COUNT", "2", "STREAMS", "s",
                        ">");
                case 5 -> twin.both("XACK", "s", group, someId(), someId(), someId());
                case 6 -> twin.both("XDEL", "s", someId());
                case 7 -> twin.both("XCLAIM", "s", group, consumer, "0", someId(), someId(), "JUSTID");
                case 8 -> twin.both("XAUTOCLAIM", "s", group, consumer, "0", someId(), "COUNT",
                        Integer.toString(1 + random.nextInt(5)), "JUSTID");
                case 9 -> twin.both("XPENDING", "s", group);
                case 10 -> twin.both("XINFO", "GROUPS", "s");
                default -> {
                    if (random.nextInt(10) == 0) {
                        twin.both("XTRIM", "s", "MAXLEN", Integer.toString(20 + random.nextInt(30)));
                    } else {
                        twin.both("XREADGROUP", "GROUP", group, consumer, "STREAMS", "s", someId());
                    }
                }
            }
        }
        twin.both("XINFO", "GROUPS", "s");
        twin.both("XPENDING", "s", "g");
        twin.both("XINFO", "STREAM", "s");
    }
}

package dev.aioj.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays a {@link CaseFile.Scenario} against a server (aioj-server in tests,
 * redis-server when recording): resets the server from a separate connection
 * ({@link #RESET}), then sends each request on the scenario's fresh
 * connection(s) and reads the replies the table announces. A {@code
 * <blocked N} step polls {@code INFO clients} until the server reports N
 * blocked clients, for at most {@link RespConnection#READ_TIMEOUT_MILLIS}.
 */
final class CaseRunner {

    private CaseRunner() {}

    /**
     * Run before every scenario, each answered without an error: what
     * scenarios may change on the shared server is put back to Redis's
     * defaults, and the statistics are zeroed, so one scenario's settings (even
     * after it failed half-way) never leak into the next.
     */
    static final List<String[]> RESET = List.of(
            new String[] {"FLUSHALL"},
            new String[] {"CONFIG", "SET", "notify-keyspace-events", "", "maxmemory-policy", "noeviction",
                "hash-max-listpack-entries", "512", "hash-max-listpack-value", "64", "set-max-intset-entries", "512",
                "zset-max-listpack-entries", "128", "zset-max-listpack-value", "64", "list-max-listpack-size", "-2",
                "list-compress-depth", "0", "lfu-log-factor", "10", "lfu-decay-time", "1",
                "slowlog-log-slower-than", "10000", "slowlog-max-len", "128", "latency-monitor-threshold", "0",
                "latency-tracking", "yes", "latency-tracking-info-percentiles", "50 99 99.9",
                "stream-node-max-bytes", "4096", "stream-node-max-entries", "100",
                "tracking-table-max-keys", "1000000"},
            new String[] {"DEBUG", "SET-ACTIVE-EXPIRE", "1"},
            new String[] {"SLOWLOG", "RESET"},
            new String[] {"LATENCY", "RESET"},
            new String[] {"CONFIG", "RESETSTAT"});

    /**
     * The reply read for one expectation step, and the client ids of the
     * scenario's connections (for {@code {id@N}}).
     */
    record Observed(CaseFile.Step step, String reply, java.util.Map<Integer, Long> ids) {
        Observed(CaseFile.Step step, String reply) {
            this(step, reply, java.util.Map.of());
        }

        /** The step's text with each {@code {id@N}} replaced by connection N's client id. */
        String expected() {
            return withIds(step.text(), ids);
        }

        /** The reply escaped, each integer equal to connection N's id written {@code {id@N}} (recording). */
        String recorded() {
            String escaped = CaseFile.escape(reply);
            for (java.util.Map.Entry<Integer, Long> e : ids.entrySet()) {
                escaped = escaped.replace(":" + e.getValue() + "\\r\\n", ":{id@" + e.getKey() + "}\\r\\n");
            }
            return escaped;
        }
    }

    /** {@code text} with each {@code {id@N}} replaced by connection N's id. */
    static String withIds(String text, java.util.Map<Integer, Long> ids) {
        for (java.util.Map.Entry<Integer, Long> e : ids.entrySet()) {
            text = text.replace("{id@" + e.getKey() + "}", Long.toString(e.getValue()));
        }
        return text;
    }

    /** Whether the scenario names client ids ({@code {id@N}}): its connections then learn theirs when opened. */
    private static boolean namesIds(CaseFile.Scenario scenario) {
        for (CaseFile.Step s : scenario.steps()) {
            if (s.text().contains("{id@")) {
                return true;
            }
        }
        return false;
    }

    /** Runs the scenario and returns what each expectation step received (EOF as "<eof>"). */
    static List<Observed> play(CaseFile.Scenario scenario, String host, int port) throws IOException {
        try (RespConnection admin = new RespConnection(host, port)) {
            for (String[] command : RESET) {
                String reply = admin.call(command);
                if (reply.startsWith("-")) {
                    throw new IllegalStateException(String.join(" ", command) + " answered " + reply);
                }
            }
        }
        List<Observed> observed = new ArrayList<>();
        java.util.Map<Integer, RespConnection> connections = new java.util.TreeMap<>();
        java.util.Map<Integer, Long> ids = new java.util.TreeMap<>();
        boolean namesIds = namesIds(scenario);
        try {
            for (CaseFile.Step step : scenario.steps()) {
                if (namesIds) {
                    // open every connection the step names, and learn its id, before the step runs
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{id@(\\d+)}").matcher(step.text());
                    while (m.find()) {
                        open(Integer.parseInt(m.group(1)), host, port, connections, ids);
                    }
                }
                RespConnection c = open(step.connection(), host, port, connections, namesIds ? ids : null);
                switch (step.kind()) {
                    case SEND, SEND_RAW -> c.sendRaw(CaseFile.request(namesIds
                            ? new CaseFile.Step(step.kind(), withIds(step.text(), ids), step.line(), step.connection())
                            : step));
                    case WAIT_BLOCKED -> awaitBlockedClients(host, port, Integer.parseInt(step.text()));
                    case EXPECT, EXPECT_UNORDERED, EXPECT_ANY, EXPECT_MATCH -> {
                        try {
                            observed.add(new Observed(step, c.readReply(), ids));
                        } catch (IOException e) {
                            observed.add(new Observed(step, "<" + e.getClass().getSimpleName() + ": " + e.getMessage()
                                    + ">", ids));
                            return observed;
                        }
                    }
                    case EXPECT_EOF -> observed.add(new Observed(step, c.isClosedByServer() ? "<eof>" : "<open>"));
                }
            }
        } finally {
            for (RespConnection c : connections.values()) {
                c.close();
            }
        }
        return observed;
    }

    /** Connection {@code n} of the scenario, opened (and its id learnt, when {@code ids} is given) on first use. */
    private static RespConnection open(int n, String host, int port, java.util.Map<Integer, RespConnection> connections,
            java.util.Map<Integer, Long> ids) throws IOException {
        RespConnection c = connections.get(n);
        if (c == null) {
            c = new RespConnection(host, port);
            connections.put(n, c);
            if (ids != null) {
                String reply = c.call("CLIENT", "ID");
                ids.put(n, Long.parseLong(reply.substring(1, reply.length() - 2)));
            }
        }
        return c;
    }

    /** Polls INFO clients until it reports {@code n} blocked clients; fails after the read timeout. */
    static void awaitBlockedClients(String host, int port, int n) throws IOException {
        long deadline = System.nanoTime() + RespConnection.READ_TIMEOUT_MILLIS * 1_000_000L;
        try (RespConnection info = new RespConnection(host, port)) {
            while (true) {
                String reply = info.call("INFO", "clients");
                if (reply.contains("\r\nblocked_clients:" + n + "\r\n")) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("the server did not report " + n + " blocked clients: " + reply);
                }
                try {
                    Thread.sleep(1); // the state is polled, as Redis's own tests wait_for_blocked_client
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for blocked clients", e);
                }
            }
        }
    }

    /**
     * An aggregate reply (escaped) as its header and its top-level elements
     * sorted, so that two replies listing the same elements in different
     * orders compare equal.
     */
    static List<String> sortedElements(String escaped) {
        String raw = new String(CaseFile.unescape(escaped), java.nio.charset.StandardCharsets.ISO_8859_1);
        int[] pos = {raw.indexOf("\r\n") + 2};
        List<String> elements = new ArrayList<>();
        while (pos[0] < raw.length()) {
            int start = pos[0];
            skipValue(raw, pos);
            elements.add(raw.substring(start, pos[0]));
        }
        java.util.Collections.sort(elements);
        elements.add(0, raw.substring(0, raw.indexOf("\r\n")));
        return elements;
    }

    private static void skipValue(String raw, int[] pos) {
        char type = raw.charAt(pos[0]);
        int eol = raw.indexOf("\r\n", pos[0]);
        String line = raw.substring(pos[0] + 1, eol);
        pos[0] = eol + 2;
        switch (type) {
            case '$', '=' -> {
                long n = Long.parseLong(line);
                if (n >= 0) {
                    pos[0] += (int) n + 2;
                }
            }
            case '*', '~', '>', '%' -> {
                long n = Long.parseLong(line) * (type == '%' ? 2 : 1);
                for (long i = 0; i < n; i++) {
                    skipValue(raw, pos);
                }
            }
            default -> {
                // one line
            }
        }
    }

    /** Runs the scenario and fails with a readable diff on the first mismatch. */
    static void verify(CaseFile.Scenario scenario, String host, int port) throws IOException {
        for (Observed o : play(scenario, host, port)) {
            CaseFile.Step step = o.step();
            String where = scenario.file() + ":" + step.line() + " (" + scenario.name() + ")";
            switch (step.kind()) {
                case EXPECT -> {
                    String actual = CaseFile.escape(o.reply());
                    if (!actual.equals(o.expected())) {
                        throw new AssertionError(where + "\nexpected: " + o.expected() + "\nactual:   " + actual);
                    }
                }
                case EXPECT_UNORDERED -> {
                    String actual = CaseFile.escape(o.reply());
                    String expected = o.expected();
                    if (!sortedElements(actual).equals(sortedElements(expected))) {
                        throw new AssertionError(where + " (in any order)\nexpected: " + expected + "\nactual:   "
                                + actual);
                    }
                }
                case EXPECT_ANY -> {
                    if (o.reply().startsWith("<")) {
                        throw new AssertionError(where + ": no reply: " + o.reply());
                    }
                }
                case EXPECT_MATCH -> {
                    String actual = CaseFile.escape(o.reply());
                    if (!java.util.regex.Pattern.compile(o.expected()).matcher(actual).matches()) {
                        throw new AssertionError(where + " (a regular expression)\nexpected: " + o.expected()
                                + "\nactual:   " + actual);
                    }
                }
                case EXPECT_EOF -> {
                    if (!o.reply().equals("<eof>")) {
                        throw new AssertionError(where + ": expected the server to close the connection");
                    }
                }
                default -> throw new IllegalStateException("not an expectation: " + step);
            }
        }
    }
}

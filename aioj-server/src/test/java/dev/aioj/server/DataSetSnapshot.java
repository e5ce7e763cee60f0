package dev.aioj.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every key of a server as text, read through commands alone, so the data
 * sets of aioj-server and redis-server can be compared key by key: per
 * database, each key's type, encoding, value (members sorted where order is
 * not part of the value) and whether and roughly how long it has to live.
 * Also a populate step that makes keys of every type in the encodings Redis
 * 7.0 has, used by the persistence tests on both servers alike.
 */
final class DataSetSnapshot {

    private DataSetSnapshot() {}

    /** Sends a command of binary-safe arguments (String as UTF-8, byte[] as is) and returns the raw reply. */
    static String call(RespConnection c, Object... args) throws IOException {
        byte[][] b = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            b[i] = args[i] instanceof byte[] bytes ? bytes : String.valueOf(args[i]).getBytes(StandardCharsets.UTF_8);
        }
        c.sendRaw(RespConnection.encode(b));
        return c.readReply();
    }

    /** Keys of every type and encoding in databases 0 and 3, some with a deadline, and a function library. */
    static void populate(RespConnection c) throws IOException {
        ok(call(c, "FLUSHALL"));
        call(c, "FUNCTION", "FLUSH");
        call(c, "SELECT", "0");
        call(c, "SET", "s:small-int", "7");
        call(c, "SET", "s:neg", "-120");
        call(c, "SET", "s:16", "-30000");
        call(c, "SET", "s:32", "2000000000");
        call(c, "SET", "s:64", "9223372036854775807");
        call(c, "SET", "s:min", "-9223372036854775808");
        call(c, "SET", "s:leading-zero", "007");
        call(c, "SET", "s:empty", "");
        call(c, "SET", "s:text", "hello world");
        call(c, "SET", "s:long-compressible", "abc".repeat(300));
        call(c, "SET", "s:float", "3.14");
        byte[] binary = new byte[300];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 7);
        }
        call(c, "SET", "s:binary", binary);
        call(c, "SET", "s:ttl", "lives", "PX", "3600000");
        call(c, "APPEND", "s:appended", "raw");
        call(c, "PFADD", "hll:sparse", "a", "b", "c");
        for (int i = 0; i < 40; i++) {
            Object[] args = new Object[102];
            args[0] = "PFADD";
            args[1] = "hll:dense";
            for (int j = 0; j < 100; j++) {
                args[2 + j] = "e" + i + ":" + j;
            }
            call(c, args);
        }
        call(c, "RPUSH", "l:small", "a", "1", "-5", "300", "70000", "5000000000", "x".repeat(100));
        for (int i = 0; i < 20; i++) {
            Object[] args = new Object[102];
            args[0] = "RPUSH";
            args[1] = "l:big";
            for (int j = 0; j < 100; j++) {
                args[2 + j] = (i * 100 + j) % 3 == 0 ? Integer.toString(i * 100 + j) : "item-" + i + "-" + j;
            }
            call(c, args);
        }
        call(c, "RPUSH", "l:big", "y".repeat(10_000));
        call(c, "LPUSH", "l:ttl", "v");
        call(c, "PEXPIRE", "l:ttl", "7200000");
        call(c, "HSET", "h:small", "f1", "v1", "n", "42", "neg", "-4097", "empty", "");
        for (int i = 0; i < 600; i++) {
            call(c, "HSET", "h:big", "field" + i, "value" + i);
        }
        call(c, "HSET", "h:long-value", "f", "z".repeat(100));
        call(c, "SADD", "set:int16", "1", "2", "-3", "1000");
        call(c, "SADD", "set:int32", "1", "100000");
        call(c, "SADD", "set:int64", "1", "-5000000000");
        call(c, "SADD", "set:strings", "a", "b", "1");
        for (int i = 0; i < 600; i++) {
            call(c, "SADD", "set:big-ints", Integer.toString(i * 3));
        }
        call(c, "ZADD", "z:small", "1", "one", "2.5", "two-and-half", "-3", "neg", "inf", "top", "-inf", "bottom",
                "0.1", "tenth", "1e20", "huge", "12345678901", "int-score");
        for (int i = 0; i < 200; i++) {
            call(c, "ZADD", "z:big", Double.toString(i * 1.5 - 50), "member" + i);
        }
        call(c, "ZADD", "z:long-member", "1", "m".repeat(100));
        populateStreams(c);
        call(c, "SELECT", "3");
        call(c, "SET", "db3:key", "in db 3");
        call(c, "HSET", "db3:hash", "a", "b");
        call(c, "EXPIRE", "db3:hash", "100000");
        call(c, "SELECT", "0");
        call(c, "FUNCTION", "LOAD", "#!lua name=persisted\nredis.register_function('persisted_fn', "
                + "function(keys, args) return 'from the rdb' end)");
    }

    /** Streams: many nodes, deleted entries, other fields, groups with pending entries and consumers. */
    static void populateStreams(RespConnection c) throws IOException {
        for (int i = 1; i <= 250; i++) {
            call(c, "XADD", "x:big", i + "-" + (i % 3), "field", "v" + i, "n", Integer.toString(i));
        }
        call(c, "XADD", "x:big", "300-0", "other", "fields", "here", "too");
        call(c, "XDEL", "x:big", "5-2", "6-0", "100-1");
        call(c, "XADD", "x:small", "1-1", "a", "1");
        call(c, "XADD", "x:small", "2-1", "a", "2", "b", "3");
        call(c, "XGROUP", "CREATE", "x:big", "g1", "0");
        call(c, "XGROUP", "CREATE", "x:big", "g2", "$");
        call(c, "XREADGROUP", "GROUP", "g1", "alice", "COUNT", "10", "STREAMS", "x:big", ">");
        call(c, "XREADGROUP", "GROUP", "g1", "bob", "COUNT", "5", "STREAMS", "x:big", ">");
        call(c, "XACK", "x:big", "g1", "2-2", "3-0");
        call(c, "XGROUP", "CREATECONSUMER", "x:big", "g2", "idle-one");
        call(c, "XGROUP", "CREATE", "x:empty", "g", "$", "MKSTREAM");
        for (int i = 1; i <= 3; i++) {
            call(c, "XADD", "x:trimmed", "MAXLEN", "2", i + "-0", "k", "v");
        }
    }

    private static void ok(String reply) {
        if (!reply.equals("+OK\r\n")) {
            throw new AssertionError("expected +OK, got " + reply);
        }
    }

    /** db → key → description; PTTLs are rounded to minutes so two reads a few seconds apart agree. */
    static Map<String, String> of(RespConnection c) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (int db = 0; db < 16; db++) {
            call(c, "SELECT", Integer.toString(db));
            List<String> keys = new ArrayList<>(strings(call(c, "KEYS", "*")));
            Collections.sort(keys);
            for (String key : keys) {
                byte[] k = key.getBytes(StandardCharsets.ISO_8859_1);
                String type = call(c, "TYPE", k).trim();
                String encoding = call(c, "OBJECT", "ENCODING", k).trim();
                long pttl = Long.parseLong(call(c, "PTTL", k).trim().substring(1));
                String ttl = pttl < 0 ? Long.toString(pttl) : "~" + Math.round(pttl / 60_000.0) + "min";
                String value = switch (type) {
                    case "+string" -> call(c, "GET", k);
                    case "+list" -> call(c, "LRANGE", k, "0", "-1");
                    case "+hash" -> sorted(call(c, "HGETALL", k), 2);
                    case "+set" -> sorted(call(c, "SMEMBERS", k), 1);
                    case "+zset" -> call(c, "ZRANGE", k, "0", "-1", "WITHSCORES");
                    case "+stream" -> stream(c, k);
                    default -> type;
                };
                out.put(db + "/" + key, type + " " + encoding + " ttl=" + ttl + " " + value);
            }
        }
        call(c, "SELECT", "0");
        // library by library, by name: FUNCTION LIST's own order is a hash table's in Redis
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("library_name\r\n\\$\\d+\r\n([^\r]*)\r\n")
                .matcher(call(c, "FUNCTION", "LIST"));
        List<String> libraries = new ArrayList<>();
        while (m.find()) {
            libraries.add(m.group(1));
        }
        Collections.sort(libraries);
        StringBuilder functions = new StringBuilder();
        for (String library : libraries) {
            functions.append(call(c, "FUNCTION", "LIST", "WITHCODE", "LIBRARYNAME", library));
        }
        out.put("functions", functions.toString());
        return out;
    }

    /** Fails naming only the keys that differ (missing, extra, or another description). */
    static void assertEqual(Map<String, String> actual, Map<String, String> expected) {
        StringBuilder diff = new StringBuilder();
        java.util.Set<String> all = new java.util.TreeSet<>(expected.keySet());
        all.addAll(actual.keySet());
        for (String k : all) {
            String e = expected.get(k);
            String a = actual.get(k);
            if (!java.util.Objects.equals(e, a)) {
                diff.append(k).append("\n  expected: ").append(abbreviate(e)).append("\n  actual:   ")
                        .append(abbreviate(a)).append('\n');
            }
        }
        if (diff.length() > 0) {
            throw new AssertionError("keys differ:\n" + diff);
        }
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "(absent)";
        }
        String t = s.replace("\r\n", "\\r\\n").replace("\n", "\\n");
        return t.length() > 300 ? t.substring(0, 300) + "... (" + t.length() + " chars)" : t;
    }

    /** A stream's entries, counters (not its node layout), groups and their pending summaries. */
    private static String stream(RespConnection c, byte[] k) throws IOException {
        StringBuilder b = new StringBuilder(call(c, "XRANGE", k, "-", "+"));
        String info = call(c, "XINFO", "STREAM", k);
        // radix-tree-keys/-nodes describe the node layout, which a writer may choose: drop those pairs
        b.append(info.replaceAll("\\$15\\r\\nradix-tree-keys\\r\\n:\\d+\\r\\n", "")
                .replaceAll("\\$16\\r\\nradix-tree-nodes\\r\\n:\\d+\\r\\n", ""));
        b.append(call(c, "XINFO", "GROUPS", k));
        for (String line : strings2(call(c, "XINFO", "GROUPS", k))) {
            b.append(call(c, "XPENDING", k, line)).append(call(c, "XPENDING", k, line, "-", "+", "100")
                    .replaceAll(":\\d+\\r\\n:(\\d+)\\r\\n", ":idle\\r\\n:$1\\r\\n"));
        }
        return b.toString();
    }

    /** The group names in an XINFO GROUPS reply. */
    private static List<String> strings2(String reply) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$4\\r\\nname\\r\\n\\$\\d+\\r\\n([^\\r]*)\\r\\n")
                .matcher(reply);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The bulk strings of a flat array reply. */
    static List<String> strings(String reply) {
        List<String> out = new ArrayList<>();
        int p = reply.indexOf("\r\n") + 2;
        int n = Integer.parseInt(reply.substring(1, p - 2));
        for (int i = 0; i < n; i++) {
            int e = reply.indexOf("\r\n", p);
            int len = Integer.parseInt(reply.substring(p + 1, e));
            out.add(reply.substring(e + 2, e + 2 + len));
            p = e + 2 + len + 2;
        }
        return out;
    }

    /** An array reply's items in groups of {@code group}, the groups sorted: order-free comparison. */
    private static String sorted(String reply, int group) {
        List<String> items = strings(reply);
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < items.size(); i += group) {
            groups.add(String.join("\u0000", items.subList(i, i + group)));
        }
        Collections.sort(groups);
        return String.join("\n", groups);
    }
}

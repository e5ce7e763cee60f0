package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SCAN's guarantee through the server: a full iteration returns every key
 * present from start to end, while other clients add and remove keys between
 * calls; MATCH, TYPE and COUNT filter and pace it.
 */
class ScanTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    /** The elements of a SCAN reply: its cursor, then its items. */
    private static List<String> parse(String reply) {
        List<String> out = new ArrayList<>();
        String[] parts = reply.split("\r\n");
        // *2, $n, cursor, *m, then $len/item pairs
        out.add(parts[2]);
        for (int i = 5; i < parts.length; i += 2) {
            out.add(parts[i]);
        }
        return out;
    }

    private static void pipeline(RespConnection c, List<String[]> commands) throws Exception {
        for (String[] cmd : commands) {
            c.send(cmd);
        }
        for (int i = 0; i < commands.size(); i++) {
            c.readReply();
        }
    }

    @Test
    void aFullScanSeesEveryKeyPresentThroughoutWhileTheKeyspaceChurns() throws Exception {
        RespConnection c = server.connect();
        RespConnection writer = server.connect();
        List<String[]> setup = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            setup.add(new String[] {"SET", "stable:" + i, "v"});
        }
        pipeline(c, setup);
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        int call = 0;
        int added = 0;
        do {
            List<String> r = parse(c.call("SCAN", cursor, "COUNT", "50"));
            cursor = r.get(0);
            seen.addAll(r.subList(1, r.size()));
            List<String[]> churn = new ArrayList<>();
            if (call++ % 2 == 0) {
                for (int i = 0; i < 600; i++) {
                    churn.add(new String[] {"SET", "churn:" + added++, "v"});
                }
            } else {
                for (int i = 0; i < added; i++) {
                    churn.add(new String[] {"DEL", "churn:" + i});
                }
            }
            pipeline(writer, churn);
        } while (!cursor.equals("0"));
        for (int i = 0; i < 2000; i++) {
            assertThat(seen).contains("stable:" + i);
        }
    }

    @Test
    void matchAndTypeFilterAndCountPacesTheWork() throws Exception {
        RespConnection c = server.connect();
        List<String[]> setup = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            setup.add(new String[] {"SET", "s:" + i, "v"});
            setup.add(new String[] {"RPUSH", "l:" + i, "v"});
        }
        pipeline(c, setup);
        Set<String> lists = new HashSet<>();
        String cursor = "0";
        int calls = 0;
        do {
            List<String> r = parse(c.call("SCAN", cursor, "TYPE", "list", "COUNT", "20"));
            cursor = r.get(0);
            for (String k : r.subList(1, r.size())) {
                assertThat(k).startsWith("l:");
                lists.add(k);
            }
            calls++;
        } while (!cursor.equals("0"));
        assertThat(lists).hasSize(300);
        assertThat(calls).as("COUNT 20 over 600 keys takes several calls").isGreaterThan(5);
        List<String> matched = parse(c.call("SCAN", "0", "MATCH", "s:1?", "COUNT", "100000"));
        assertThat(matched.get(0)).isEqualTo("0");
        assertThat(matched.subList(1, matched.size())).hasSize(10);
    }

    @Test
    void largeHashesAndSetsScanWithCursors() throws Exception {
        RespConnection c = server.connect();
        List<String[]> setup = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            setup.add(new String[] {"HSET", "h", "f" + i, "v" + i});
            setup.add(new String[] {"SADD", "s", "m" + i});
            setup.add(new String[] {"ZADD", "z", String.valueOf(i), "m" + i});
        }
        pipeline(c, setup);
        for (String[] kind : new String[][] {{"HSCAN", "h"}, {"SSCAN", "s"}, {"ZSCAN", "z"}}) {
            Set<String> items = new HashSet<>();
            String cursor = "0";
            int calls = 0;
            do {
                List<String> r = parse(c.call(kind[0], kind[1], cursor));
                cursor = r.get(0);
                int step = kind[0].equals("SSCAN") ? 1 : 2;
                for (int i = 1; i < r.size(); i += step) {
                    items.add(r.get(i));
                }
                calls++;
            } while (!cursor.equals("0"));
            assertThat(items).as(kind[0]).hasSize(1000);
            assertThat(calls).as(kind[0] + " calls").isGreaterThan(10);
        }
        List<String> z = parse(c.call("ZSCAN", "z", "0", "MATCH", "m999", "COUNT", "5000"));
        assertThat(z).containsExactly("0", "m999", "999");
    }
}

package dev.aioj.memcached;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@link Ketama} against key -> server lists that the real libmemcached 1.1.4
 * computed (weighted ketama; src/test/ketama/ has the generator and how to
 * re-run it).
 */
class KetamaTest {

    /** One reference list: its servers and key -> server index, in file order. */
    record Reference(List<String> servers, Map<String, Integer> keys) {

        static Reference load(String name) {
            try (InputStream in = KetamaTest.class.getResourceAsStream("ketama/" + name)) {
                if (in == null) throw new IllegalArgumentException("no reference list " + name);
                String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
                List<String> servers = Arrays.asList(lines[0].substring("# servers: ".length()).split(","));
                Map<String, Integer> keys = new LinkedHashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    String[] kv = lines[i].split("\t");
                    keys.put(kv[0], Integer.parseInt(kv[1]));
                }
                return new Reference(servers, keys);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        Ketama ketama() {
            return new Ketama(servers.stream().map(s -> Endpoint.parse(s).ketamaName()).toList());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cache-ab.tsv", "cache-abc.tsv", "four-mixed.tsv", "loopback-41211-2.tsv",
            "loopback-41211-3.tsv", "loopback-42311-2.tsv", "loopback-42311-3.tsv", "loopback-43411-2.tsv",
            "loopback-43411-3.tsv"})
    void everyKeyGoesWhereLibmemcachedSendsIt(String list) {
        Reference reference = Reference.load(list);
        Ketama ketama = reference.ketama();
        assertThat(reference.keys()).hasSizeGreaterThanOrEqualTo(2000);
        reference.keys().forEach((key, server) -> assertThat(ketama.serverOf(key.getBytes(StandardCharsets.UTF_8)))
                .as("server of %s among %s", key, reference.servers()).isEqualTo(server));
    }

    @Test
    void aDownServersKeysGoToTheNextServerOnTheRingAndTheOthersStay() {
        Reference reference = Reference.load("cache-abc.tsv");
        Ketama ketama = reference.ketama();
        int moved = 0;
        for (Map.Entry<String, Integer> e : reference.keys().entrySet()) {
            byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
            int routed = ketama.route(key, server -> server != 1);
            if (e.getValue() == 1) {
                assertThat(routed).isNotEqualTo(1);
                moved++;
            } else {
                assertThat(routed).as("a key of a live server does not move").isEqualTo(e.getValue());
            }
        }
        assertThat(moved).isBetween(600, 1400); // about a third of 3000
        byte[] any = "k".getBytes(StandardCharsets.UTF_8);
        assertThat(ketama.route(any, server -> false)).as("none up: the key's own server")
                .isEqualTo(ketama.serverOf(any));
    }

    @Test
    void serversShareTheKeysAboutEvenly() {
        Reference reference = Reference.load("cache-abc.tsv");
        int[] counts = new int[3];
        reference.keys().values().forEach(s -> counts[s]++);
        for (int count : counts) assertThat(count).isBetween(700, 1300);
    }
}

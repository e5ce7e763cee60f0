package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stream value as a snapshot writer and loader use it: everything a
 * stream holds can be read through its accessors and rebuilt from those
 * parts ({@link StreamValue#appendLoaded}, {@link StreamValue#restoreCounters},
 * {@link StreamValue#createGroup}, {@link StreamGroup#createConsumer}, {@link
 * StreamGroup#addPending}), and COPY's deep copy shares no mutable state.
 * Command behaviour is pinned by streams.cases and {@link StreamFuzzTest}.
 */
class StreamValueTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> entries(StreamValue s) {
        List<String> out = new ArrayList<>();
        s.forEach((ms, seq, fv) -> {
            StringBuilder e = new StringBuilder(StreamId.bytes(ms, seq).length + "|" + new StreamId(ms, seq));
            for (byte[] f : fv) {
                e.append(' ').append(new String(f, StandardCharsets.UTF_8));
            }
            out.add(e.toString());
            return true;
        });
        return out;
    }

    private static String describe(StreamValue s) {
        StringBuilder d = new StringBuilder();
        d.append(entries(s)).append(" last=").append(s.lastId()).append(" first=").append(s.firstId())
                .append(" maxdel=").append(s.maxDeletedId()).append(" added=").append(s.entriesAdded())
                .append(" len=").append(s.length());
        for (StreamGroup g : s.groups()) {
            d.append(" group ").append(new String(g.name())).append(' ').append(g.lastId()).append(' ')
                    .append(g.entriesRead());
            for (StreamGroup.Consumer c : g.consumers()) {
                d.append(" consumer ").append(new String(c.name())).append('@').append(c.seenTime());
                for (StreamGroup.Pending p : c.pending()) {
                    d.append(' ').append(p.id());
                }
            }
            for (StreamGroup.Pending p : g.pending()) {
                d.append(" pel ").append(p.id()).append(' ').append(new String(p.consumer().name())).append(' ')
                        .append(p.deliveryTime()).append(' ').append(p.deliveryCount());
            }
        }
        return d.toString();
    }

    private static StreamValue sample(EncodingLimits limits) {
        StreamValue s = new StreamValue(limits);
        for (int i = 1; i <= 12; i++) {
            s.append(new StreamId(i, i % 3), new byte[][] {b("f"), b("v" + i), b("n"), b(Integer.toString(i))});
        }
        s.delete(new StreamId(3, 0));
        s.maxDeletedId = new StreamId(3, 0);
        StreamGroup g = s.createGroup(b("g"), new StreamId(8, 2), 8);
        StreamGroup.Consumer alice = g.createConsumer(b("alice"), 1000);
        g.createConsumer(b("bob"), 2000);
        g.addPending(new StreamId(5, 2), alice, 1500, 2);
        g.addPending(new StreamId(7, 1), alice, 1600, 1);
        s.createGroup(b("empty"), StreamId.MIN, StreamGroup.INVALID_ENTRIES_READ);
        return s;
    }

    @Test
    void aStreamRebuiltFromItsPartsIsTheSame() {
        EncodingLimits limits = new EncodingLimits();
        limits.streamNodeMaxEntries = 4;
        StreamValue original = sample(limits);

        StreamValue rebuilt = new StreamValue(limits);
        original.forEach((ms, seq, fv) -> {
            rebuilt.appendLoaded(new StreamId(ms, seq), fv);
            return true;
        });
        rebuilt.restoreCounters(original.lastId(), original.firstId(), original.maxDeletedId(),
                original.entriesAdded());
        for (StreamGroup g : original.groups()) {
            StreamGroup copy = rebuilt.createGroup(g.name(), g.lastId(), g.entriesRead());
            for (StreamGroup.Consumer c : g.consumers()) {
                copy.createConsumer(c.name(), c.seenTime());
            }
            for (StreamGroup.Pending p : g.pending()) {
                copy.addPending(p.id(), copy.consumer(p.consumer().name()), p.deliveryTime(), p.deliveryCount());
            }
        }

        assertThat(describe(rebuilt)).isEqualTo(describe(original));
        assertThat(original.length()).isEqualTo(11);
        assertThat(original.nodeCount()).isEqualTo(3);
        assertThat(rebuilt.nodeCount()).as("deleted entries are not loaded: 11 entries in nodes of 4").isEqualTo(3);
    }

    @Test
    void aCopySharesNothingThatChanges() {
        StreamValue original = sample(new EncodingLimits());
        String before = describe(original);
        StreamValue copy = (StreamValue) original.copy();
        assertThat(describe(copy)).isEqualTo(before);

        copy.append(new StreamId(100, 0), new byte[][] {b("x"), b("y")});
        copy.delete(new StreamId(1, 1));
        copy.group(b("g")).ack(new StreamId(5, 2));
        copy.group(b("g")).createConsumer(b("carol"), 1);
        copy.destroyGroup(b("empty"));

        assertThat(describe(original)).isEqualTo(before);
    }

    @Test
    void nodesSplitByEntriesAndByListpackBytesAsRedisDoes() {
        EncodingLimits limits = new EncodingLimits();
        limits.streamNodeMaxEntries = 0;
        limits.streamNodeMaxBytes = 100;
        StreamValue s = new StreamValue(limits);
        // listpack: 6 header + 1 end; master: count 2, deleted 2, num-fields 2, "f" 3, terminator 2: 18 bytes;
        // an entry with the master's fields: flags 2, ms 2, seq 2, a 10-byte value 12, lp-count 2: 20 bytes.
        // XADD starts a new node when bytes + the new fields' and values' lengths (11) reach the limit:
        // 98 + 11 >= 100 at the fifth entry (checked against redis-server 7.0.15: 1 node, then 2).
        for (int i = 1; i <= 4; i++) {
            s.append(new StreamId(i, 0), new byte[][] {b("f"), b("x".repeat(10))});
        }
        assertThat(s.nodeCount()).isEqualTo(1);
        s.append(new StreamId(5, 0), new byte[][] {b("f"), b("x".repeat(10))});
        assertThat(s.nodeCount()).isEqualTo(2);
    }
}

package dev.aioj.server;

import java.util.Collection;
import java.util.Collections;
import java.util.TreeMap;

/**
 * A consumer group of a stream (Redis's {@code streamCG}): the last ID
 * delivered, the logical read counter ({@code entries-read}, -1 when not
 * known), the pending entries list (PEL: entries delivered and not yet
 * acknowledged, each owned by one consumer) and the consumers, each with its
 * own view of the PEL. Groups, consumers and PELs are ordered as Redis's
 * radix trees order them: names and IDs by their bytes.
 *
 * <p>The accessors read the state; {@link #addPending} and {@link
 * #createConsumer} also rebuild a group from parts (loading a snapshot).
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class StreamGroup {

    /** Redis's SCG_INVALID_ENTRIES_READ. */
    static final long INVALID_ENTRIES_READ = -1;

    /** A pending entry (Redis's streamNACK): shared by the group's PEL and its consumer's. */
    static final class Pending {
        final StreamId id;
        Consumer consumer;
        long deliveryTime;
        long deliveryCount;

        Pending(StreamId id, Consumer consumer, long deliveryTime, long deliveryCount) {
            this.id = id;
            this.consumer = consumer;
            this.deliveryTime = deliveryTime;
            this.deliveryCount = deliveryCount;
        }

        StreamId id() {
            return id;
        }

        Consumer consumer() {
            return consumer;
        }

        /** When it was last delivered, in epoch milliseconds. */
        long deliveryTime() {
            return deliveryTime;
        }

        long deliveryCount() {
            return deliveryCount;
        }
    }

    /** A consumer of the group (Redis's streamConsumer). */
    static final class Consumer {
        final byte[] name;
        long seenTime;
        final TreeMap<StreamId, Pending> pel = new TreeMap<>();

        Consumer(byte[] name, long seenTime) {
            this.name = name;
            this.seenTime = seenTime;
        }

        byte[] name() {
            return name;
        }

        /** When it last read or claimed, in epoch milliseconds. */
        long seenTime() {
            return seenTime;
        }

        /** Its pending entries, by ID. */
        Collection<Pending> pending() {
            return Collections.unmodifiableCollection(pel.values());
        }
    }

    final byte[] name;
    StreamId lastId;
    long entriesRead;
    final TreeMap<StreamId, Pending> pel = new TreeMap<>();
    final TreeMap<byte[], Consumer> consumers = new TreeMap<>(java.util.Arrays::compareUnsigned);

    StreamGroup(byte[] name, StreamId lastId, long entriesRead) {
        this.name = name;
        this.lastId = lastId;
        this.entriesRead = entriesRead;
    }

    byte[] name() {
        return name;
    }

    StreamId lastId() {
        return lastId;
    }

    /** The logical read counter, or {@link #INVALID_ENTRIES_READ}. */
    long entriesRead() {
        return entriesRead;
    }

    /** The group's PEL, by ID. */
    Collection<Pending> pending() {
        return Collections.unmodifiableCollection(pel.values());
    }

    /** The consumers, by name. */
    Collection<Consumer> consumers() {
        return Collections.unmodifiableCollection(consumers.values());
    }

    Consumer consumer(byte[] name) {
        return consumers.get(name);
    }

    /** Adds a consumer; null if one of that name exists. */
    Consumer createConsumer(byte[] name, long seenTime) {
        if (consumers.containsKey(name)) {
            return null;
        }
        Consumer c = new Consumer(name, seenTime);
        consumers.put(name, c);
        return c;
    }

    /** Adds a pending entry owned by {@code consumer} (a consumer of this group). */
    Pending addPending(StreamId id, Consumer consumer, long deliveryTime, long deliveryCount) {
        Pending p = new Pending(id, consumer, deliveryTime, deliveryCount);
        pel.put(id, p);
        consumer.pel.put(id, p);
        return p;
    }

    /** Removes a pending entry from the group and its consumer; false if it was not pending. */
    boolean ack(StreamId id) {
        Pending p = pel.remove(id);
        if (p == null) {
            return false;
        }
        if (p.consumer != null) {
            p.consumer.pel.remove(id);
        }
        return true;
    }

    /** Removes a consumer and its pending entries (Redis's streamDelConsumer); returns how many it had. */
    int deleteConsumer(Consumer c) {
        int n = c.pel.size();
        for (StreamId id : c.pel.keySet()) {
            pel.remove(id);
        }
        consumers.remove(c.name);
        return n;
    }

    /** A deep copy for COPY. */
    StreamGroup copy() {
        StreamGroup g = new StreamGroup(name, lastId, entriesRead);
        for (Consumer c : consumers.values()) {
            g.createConsumer(c.name, c.seenTime);
        }
        for (Pending p : pel.values()) {
            Consumer owner = p.consumer == null ? null : g.consumers.get(p.consumer.name);
            Pending np = new Pending(p.id, owner, p.deliveryTime, p.deliveryCount);
            g.pel.put(p.id, np);
            if (owner != null) {
                owner.pel.put(p.id, np);
            }
        }
        return g;
    }
}

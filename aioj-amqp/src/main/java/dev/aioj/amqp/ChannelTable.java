package dev.aioj.amqp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The channels of one {@link AmqpConnection} by number, and the numbers
 * handed out: round robin over 1..channel_max, skipping those in use (a
 * number just released is not the next one handed out). Loop thread only.
 */
final class ChannelTable {

    private final Map<Integer, AmqpChannel> channels = new HashMap<>();
    private int next = 1;

    /** A free channel number within {@code channelMax}, or -1 if all are in use. */
    int allocate(int channelMax) {
        for (int i = 0; i < channelMax; i++) {
            int id = next;
            next = next >= channelMax ? 1 : next + 1;
            if (!channels.containsKey(id)) return id;
        }
        return -1;
    }

    void put(AmqpChannel channel) {
        channels.put(channel.id, channel);
    }

    /** The channel numbered {@code id}, or null (closed meanwhile: its late frames are dropped). */
    AmqpChannel get(int id) {
        return channels.get(id);
    }

    void release(AmqpChannel channel) {
        channels.remove(channel.id, channel);
    }

    /** A copy: callers close or recover channels while they walk it. */
    List<AmqpChannel> snapshot() {
        return new ArrayList<>(channels.values());
    }

    void clear() {
        channels.clear();
    }
}

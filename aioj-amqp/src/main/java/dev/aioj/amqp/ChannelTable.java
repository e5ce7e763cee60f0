package dev.aioj.amqp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The channels of one {@link AmqpConnection} by number, the numbers handed
 * out (round robin over 1..channel_max, skipping those in use: a number just
 * released is not the next one handed out), and the frames of channels other
 * than 0 routed to them. Loop thread only.
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

    /**
     * A method or content frame for channel {@code id} (not 0): to its
     * channel, or dropped if it closed meanwhile. basic.ack, the hot path of
     * confirms, is read in place without objects.
     */
    void route(int type, int id, ByteBuffer payload, long base) {
        if (type == FrameEncoder.FRAME_METHOD) {
            if (isBasicAck(payload)) {
                AmqpChannel ch = channels.get(id);
                int p = payload.position();
                if (ch != null) ch.ack(payload.getLong(p + 4), (payload.get(p + 12) & 1) != 0);
                return;
            }
            Method m = Method.decode(payload, base);
            AmqpChannel ch = channels.get(id);
            if (ch != null) ch.method(m);
        } else {
            AmqpChannel ch = channels.get(id);
            if (ch != null) ch.content(type, payload, base);
        }
    }

    /** basic.ack (60.80) of its exact size: class, method, delivery tag, multiple. */
    private static boolean isBasicAck(ByteBuffer payload) {
        int p = payload.position();
        return payload.remaining() == 13 && payload.getShort(p) == 60 && payload.getShort(p + 2) == 80;
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

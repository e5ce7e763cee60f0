package dev.aioj.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The channel and pattern registry behind SUBSCRIBE, PSUBSCRIBE and PUBLISH
 * (Redis's pubsub.c). Subscribers of a channel are kept in subscription order
 * and receive a message in that order; then the pattern subscribers, pattern
 * by pattern in the order the patterns were first subscribed.
 *
 * <p>A message is encoded once per protocol version, not once per
 * subscriber, then copied into each subscriber's output: fan-out to many
 * subscribers costs a copy each, and the subscriber's output buffer limit
 * (pubsub class) disconnects a subscriber that does not read.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class PubSub {

    private final Map<Bytes, Set<Client>> channels = new HashMap<>();
    private final Map<Bytes, Set<Client>> patterns = new LinkedHashMap<>();

    /** Channels with at least one subscriber. */
    int channelCount() {
        return channels.size();
    }

    /** Patterns with at least one subscriber. */
    int patternCount() {
        return patterns.size();
    }

    /** Whether anyone is subscribed to anything: publishing can be skipped when not. */
    boolean hasSubscribers() {
        return !channels.isEmpty() || !patterns.isEmpty();
    }

    /** Subscribes {@code client} to {@code channel}; false if it already was. */
    boolean subscribe(Client client, Bytes channel) {
        if (!client.channels().add(channel)) {
            return false;
        }
        channels.computeIfAbsent(channel, c -> new LinkedHashSet<>()).add(client);
        return true;
    }

    /** Unsubscribes {@code client} from {@code channel}; false if it was not subscribed. */
    boolean unsubscribe(Client client, Bytes channel) {
        if (client.channels == null || !client.channels.remove(channel)) {
            return false;
        }
        Set<Client> subscribers = channels.get(channel);
        if (subscribers != null) {
            subscribers.remove(client);
            if (subscribers.isEmpty()) {
                channels.remove(channel);
            }
        }
        return true;
    }

    boolean psubscribe(Client client, Bytes pattern) {
        if (!client.patterns().add(pattern)) {
            return false;
        }
        patterns.computeIfAbsent(pattern, p -> new LinkedHashSet<>()).add(client);
        return true;
    }

    boolean punsubscribe(Client client, Bytes pattern) {
        if (client.patterns == null || !client.patterns.remove(pattern)) {
            return false;
        }
        Set<Client> subscribers = patterns.get(pattern);
        if (subscribers != null) {
            subscribers.remove(client);
            if (subscribers.isEmpty()) {
                patterns.remove(pattern);
            }
        }
        return true;
    }

    /** Drops every subscription of a client that is going away; no replies. */
    void forget(Client client) {
        if (client.channels != null) {
            for (Bytes channel : new ArrayList<>(client.channels)) {
                unsubscribe(client, channel);
            }
        }
        if (client.patterns != null) {
            for (Bytes pattern : new ArrayList<>(client.patterns)) {
                punsubscribe(client, pattern);
            }
        }
    }

    /** Channels with subscribers whose names match {@code pattern} (PUBSUB CHANNELS); null for all. */
    List<Bytes> activeChannels(byte[] pattern) {
        List<Bytes> names = new ArrayList<>();
        for (Bytes channel : channels.keySet()) {
            if (pattern == null || Glob.matches(pattern, channel.bytes())) {
                names.add(channel);
            }
        }
        return names;
    }

    /** Subscribers of {@code channel} (PUBSUB NUMSUB). */
    int subscribers(Bytes channel) {
        Set<Client> s = channels.get(channel);
        return s == null ? 0 : s.size();
    }

    /**
     * Sends {@code message} to the subscribers of {@code channel} and of the
     * patterns matching it.
     *
     * @return the number of deliveries (a client matching twice counts twice)
     */
    int publish(byte[] channel, byte[] message) {
        int receivers = 0;
        Set<Client> direct = channels.get(new Bytes(channel));
        byte[][] frames = new byte[4][];
        if (direct != null) {
            for (Client c : new ArrayList<>(direct)) {
                int resp = c.reply.resp;
                if (frames[resp] == null) {
                    frames[resp] = frame(resp, "message", null, channel, message);
                }
                c.deliver(frames[resp]);
                receivers++;
            }
        }
        if (!patterns.isEmpty()) {
            for (Map.Entry<Bytes, Set<Client>> e : new ArrayList<>(patterns.entrySet())) {
                byte[] pattern = e.getKey().bytes();
                if (!Glob.matches(pattern, channel)) {
                    continue;
                }
                byte[][] patternFrames = new byte[4][];
                for (Client c : new ArrayList<>(e.getValue())) {
                    int resp = c.reply.resp;
                    if (patternFrames[resp] == null) {
                        patternFrames[resp] = frame(resp, "pmessage", pattern, channel, message);
                    }
                    c.deliver(patternFrames[resp]);
                    receivers++;
                }
            }
        }
        return receivers;
    }

    /** A message or pmessage as an array (RESP2) or push (RESP3). */
    private static byte[] frame(int resp, String kind, byte[] pattern, byte[] channel, byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + channel.length + message.length);
        int items = pattern == null ? 3 : 4;
        writeAscii(out, (resp == 2 ? "*" : ">") + items + "\r\n");
        writeBulk(out, kind.getBytes(StandardCharsets.ISO_8859_1));
        if (pattern != null) {
            writeBulk(out, pattern);
        }
        writeBulk(out, channel);
        writeBulk(out, message);
        return out.toByteArray();
    }

    private static void writeBulk(ByteArrayOutputStream out, byte[] b) {
        writeAscii(out, "$" + b.length + "\r\n");
        out.writeBytes(b);
        writeAscii(out, "\r\n");
    }

    private static void writeAscii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}

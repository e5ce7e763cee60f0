package dev.aioj.server;

import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.LOADING;
import static dev.aioj.server.Command.MAY_REPLICATE;
import static dev.aioj.server.Command.NOSCRIPT;
import static dev.aioj.server.Command.PUBSUB;
import static dev.aioj.server.Command.PUBSUB_CONTEXT;
import static dev.aioj.server.Command.SENTINEL;
import static dev.aioj.server.Command.STALE;

import java.util.ArrayList;
import java.util.List;

/**
 * SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, PUBLISH and PUBSUB
 * CHANNELS/NUMSUB/NUMPAT (Redis's pubsub.c). Confirmations are one
 * three-item message per channel, arrays in RESP2 and push frames in RESP3;
 * delivery is {@link PubSub}'s.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class PubSubCommands {

    private PubSubCommands() {}

    static void register(CommandTable.Builder t) {
        String g = "pubsub";
        int flags = PUBSUB | NOSCRIPT | LOADING | STALE | SENTINEL | PUBSUB_CONTEXT;
        t.add("subscribe", -2, flags, 0, 0, 0, g, "2.0.0", "Listens for messages published to channels.",
                PubSubCommands::subscribe);
        t.add("unsubscribe", -1, flags, 0, 0, 0, g, "2.0.0", "Stops listening to messages posted to channels.",
                PubSubCommands::unsubscribe);
        t.add("psubscribe", -2, flags, 0, 0, 0, g, "2.0.0",
                "Listens for messages published to channels that match one or more patterns.",
                PubSubCommands::psubscribe);
        t.add("punsubscribe", -1, flags, 0, 0, 0, g, "2.0.0",
                "Stops listening to messages published to channels that match one or more patterns.",
                PubSubCommands::punsubscribe);
        t.add("publish", 3, PUBSUB | LOADING | STALE | FAST | MAY_REPLICATE | SENTINEL, 0, 0, 0, g, "2.0.0",
                "Posts a message to a channel.",
                (c, a) -> c.reply.integer(c.server.pubsub.publish(a[1], a[2])));
        t.addContainer("pubsub", -2, 0, g, "2.8.0", "A container for Pub/Sub commands.", sub -> sub
                .add("channels", -2, PUBSUB | LOADING | STALE, 0, 0, 0, g, "2.8.0", "Returns the active channels.",
                        PubSubCommands::channels)
                .add("numsub", -2, PUBSUB | LOADING | STALE, 0, 0, 0, g, "2.8.0",
                        "Returns a count of subscribers to channels.", PubSubCommands::numsub)
                .add("numpat", 2, PUBSUB | LOADING | STALE, 0, 0, 0, g, "2.8.0",
                        "Returns a count of unique pattern subscriptions.",
                        (c, a) -> c.reply.integer(c.server.pubsub.patternCount())));
    }

    /** A (un)subscribe confirmation: a push, sent even under CLIENT REPLY OFF, as in Redis. */
    private static void confirm(Client c, String kind, byte[] channel) {
        c.reply.pushing(() -> {
            c.reply.push(3);
            c.reply.bulk(kind);
            c.reply.bulkOrNull(channel);
            c.reply.integer(c.subscriptionCount());
        });
    }

    static void subscribe(Client c, byte[][] argv) {
        for (int j = 1; j < argv.length; j++) {
            c.server.pubsub.subscribe(c, new Bytes(argv[j]));
            confirm(c, "subscribe", argv[j]);
        }
    }

    static void unsubscribe(Client c, byte[][] argv) {
        if (argv.length == 1) {
            List<Bytes> all = c.channels == null ? List.of() : new ArrayList<>(c.channels);
            for (Bytes channel : all) {
                c.server.pubsub.unsubscribe(c, channel);
                confirm(c, "unsubscribe", channel.bytes());
            }
            if (all.isEmpty()) {
                confirm(c, "unsubscribe", null);
            }
            return;
        }
        for (int j = 1; j < argv.length; j++) {
            c.server.pubsub.unsubscribe(c, new Bytes(argv[j]));
            confirm(c, "unsubscribe", argv[j]);
        }
    }

    static void psubscribe(Client c, byte[][] argv) {
        for (int j = 1; j < argv.length; j++) {
            c.server.pubsub.psubscribe(c, new Bytes(argv[j]));
            confirm(c, "psubscribe", argv[j]);
        }
    }

    static void punsubscribe(Client c, byte[][] argv) {
        if (argv.length == 1) {
            List<Bytes> all = c.patterns == null ? List.of() : new ArrayList<>(c.patterns);
            for (Bytes pattern : all) {
                c.server.pubsub.punsubscribe(c, pattern);
                confirm(c, "punsubscribe", pattern.bytes());
            }
            if (all.isEmpty()) {
                confirm(c, "punsubscribe", null);
            }
            return;
        }
        for (int j = 1; j < argv.length; j++) {
            c.server.pubsub.punsubscribe(c, new Bytes(argv[j]));
            confirm(c, "punsubscribe", argv[j]);
        }
    }

    static void channels(Client c, byte[][] argv) {
        if (argv.length > 3) {
            c.reply.error(Errors.subcommandSyntax(argv[0], argv[1]));
            return;
        }
        List<Bytes> names = c.server.pubsub.activeChannels(argv.length == 3 ? argv[2] : null);
        c.reply.array(names.size());
        for (Bytes name : names) {
            c.reply.bulk(name.bytes());
        }
    }

    static void numsub(Client c, byte[][] argv) {
        c.reply.array((argv.length - 2) * 2); // an array even in RESP3, as in Redis 7.0
        for (int j = 2; j < argv.length; j++) {
            c.reply.bulk(argv[j]);
            c.reply.integer(c.server.pubsub.subscribers(new Bytes(argv[j])));
        }
    }
}

package dev.aioj.amqp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client's side of the connection class (10): the bytes of start-ok,
 * tune-ok + open, close and close-ok, and the tune negotiation (the lower of
 * the broker's and the URI's value, 0 meaning "no limit" on either side).
 * Stateless; called by {@link AmqpConnection} on its loop thread.
 */
final class ConnectionMethods {

    /** "AMQP" 0-9-1: the first bytes on every socket. */
    static final byte[] PROTOCOL_HEADER = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};

    /** The capabilities the client announces in start-ok's client properties. */
    private static final List<String> CAPABILITIES = List.of("publisher_confirms", "exchange_exchange_bindings",
            "basic.nack", "consumer_cancel_notify", "connection.blocked", "authentication_failure_close");

    private ConnectionMethods() {}

    /**
     * start-ok with PLAIN credentials from {@code uri}; {@code offset} (the
     * parser's) is where the broker's start was, for the error if it offers no PLAIN.
     */
    static ByteBuffer startOk(Method.ConnectionStart start, AmqpUri uri, String connectionName, long offset) {
        if (!(" " + start.mechanisms() + " ").contains(" PLAIN ")) {
            throw new AmqpProtocolException("broker offers no PLAIN mechanism (" + start.mechanisms() + ")",
                    offset, 0);
        }
        Map<String, Object> capabilities = new LinkedHashMap<>();
        for (String c : CAPABILITIES) {
            capabilities.put(c, Boolean.TRUE);
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("product", "aioj-amqp");
        props.put("platform", "Java " + Runtime.version().feature());
        props.put("capabilities", capabilities);
        if (connectionName != null) props.put("connection_name", connectionName);
        byte[] response = ("\0" + uri.user() + "\0" + uri.password()).getBytes(StandardCharsets.UTF_8);
        FrameEncoder out = new FrameEncoder(512);
        out.startMethod(0, 10, 11).table(props).shortString("PLAIN").longString(response).shortString("en_US")
                .endFrame();
        return out.buffer();
    }

    /** What tune settled: each 0 means no limit (channelMax as sent in tune-ok, before 0 becomes 65535). */
    record Tuned(int channelMax, int frameMax, int heartbeat) {}

    static Tuned negotiate(Method.ConnectionTune tune, AmqpUri uri) {
        return new Tuned(lowerNonZero(tune.channelMax(), uri.channelMax()),
                lowerNonZero(tune.frameMax(), uri.frameMax()),
                lowerNonZero(tune.heartbeat(), uri.heartbeatSeconds()));
    }

    private static int lowerNonZero(int a, int b) {
        return a == 0 ? b : b == 0 ? a : Math.min(a, b);
    }

    /** tune-ok with what was settled, then connection.open of {@code vhost}, in one buffer. */
    static ByteBuffer tuneOkAndOpen(Tuned tuned, String vhost) {
        FrameEncoder out = new FrameEncoder(64);
        out.startMethod(0, 10, 31).shortInt(tuned.channelMax()).longInt(tuned.frameMax())
                .shortInt(tuned.heartbeat()).endFrame();
        out.startMethod(0, 10, 40).shortString(vhost).shortString("").octet(0).endFrame();
        return out.buffer();
    }

    /** connection.close with {@code replyCode} and text (at most 200 characters), no failing method. */
    static ByteBuffer close(int replyCode, String replyText) {
        FrameEncoder out = new FrameEncoder(64);
        out.startMethod(0, 10, 50).shortInt(replyCode).shortString(truncate(replyText)).shortInt(0).shortInt(0)
                .endFrame();
        return out.buffer();
    }

    static ByteBuffer closeOk() {
        FrameEncoder out = new FrameEncoder(16);
        out.startMethod(0, 10, 51).endFrame();
        return out.buffer();
    }

    private static String truncate(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}

package dev.aioj.server;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Redis's sendTrackingMessage (tracking.c): where an invalidation goes and
 * in which shape. A RESP3 client gets a push {@code >2 invalidate [keys]}; a
 * client with REDIRECT has it sent to the redirect client instead, as a push
 * if that one speaks RESP3, else as a {@code message} on {@code
 * __redis__:invalidate} if it is subscribed to anything; when the redirect
 * client is gone, the tracking client is flagged broken and (RESP3) told
 * {@code tracking-redir-broken}. Used by {@link Tracking} and {@link
 * TrackingPrefixes}.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class TrackingMessages {

    private static final byte[] INVALIDATE = ReplyWriter.ascii(">2\r\n$10\r\ninvalidate\r\n");
    private static final byte[] CHANNEL_MESSAGE =
            ReplyWriter.ascii("*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n");
    private static final byte[] NULL2 = ReplyWriter.ascii("$-1\r\n");
    private static final byte[] NULL3 = ReplyWriter.ascii("_\r\n");

    private final ServerState server;

    TrackingMessages(ServerState server) {
        this.server = server;
    }

    /**
     * Sends {@code payload}, the RESP array of keys, or with {@code flush}
     * (payload null) the null list in the tracking client's protocol, as
     * Redis's shared.null[c->resp].
     */
    void send(Client c, byte[] payload, boolean flush) {
        if (flush) {
            payload = c.reply.resp > 2 ? NULL3 : NULL2;
        }
        Tracking.ClientState t = c.tracking;
        Client target = c;
        boolean redirected = false;
        if (t != null && t.redirect != 0) {
            Client redir = server.clients.get(t.redirect);
            if (redir == null || redir.isClosed()) {
                t.brokenRedirect = true;
                if (c.reply.resp > 2) {
                    c.deliver(concat(ReplyWriter.ascii(">2\r\n$21\r\ntracking-redir-broken\r\n:" + t.redirect
                            + "\r\n")));
                }
                return;
            }
            target = redir;
            redirected = true;
        }
        byte[] header;
        if (target.reply.resp > 2) {
            header = INVALIDATE;
        } else if (redirected && target.isSubscribed()) {
            header = CHANNEL_MESSAGE;
        } else {
            return; // RESP2 without a subscribed redirect client: nowhere to say it
        }
        target.deliver(concat(header, payload));
    }

    /** The RESP array of {@code keys}: an invalidation's payload. */
    static byte[] keyArray(List<byte[]> keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ReplyWriter.ascii("*" + keys.size() + "\r\n"));
        for (byte[] k : keys) {
            out.writeBytes(ReplyWriter.ascii("$" + k.length + "\r\n"));
            out.writeBytes(k);
            out.writeBytes(ReplyWriter.CRLF);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}

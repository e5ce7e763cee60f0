package dev.aioj.amqp;

import java.nio.ByteBuffer;

/**
 * Assembles the message that follows a basic.deliver, basic.return or
 * basic.get-ok on one channel: the content header (its body size checked
 * against the client's limit before the body is allocated), then body
 * frames until that size. Frames of other channels may come in between;
 * on this channel anything else is a protocol error. Loop thread only.
 */
final class Incoming {

    private final AmqpChannel channel;
    private final long maxBytes;
    private Method method;
    private BasicProperties properties;
    private byte[] body;
    private int received;

    Incoming(AmqpChannel channel, long maxBytes) {
        this.channel = channel;
        this.maxBytes = maxBytes;
    }

    void start(Method m) {
        if (method != null) {
            throw new AmqpProtocolException("method " + m.getClass().getSimpleName() + " before the content of "
                    + method.getClass().getSimpleName() + " on channel " + channel.id, 0, 505);
        }
        method = m;
        properties = null;
        body = null;
        received = 0;
    }

    void frame(int type, ByteBuffer payload, long base) {
        if (method == null) {
            throw new AmqpProtocolException("content frame without a method on channel " + channel.id, base, type);
        }
        if (type == FrameEncoder.FRAME_HEADER) {
            if (properties != null) throw new AmqpProtocolException("second content header", base, type);
            FieldReader r = new FieldReader(payload, base);
            int classId = r.shortInt();
            r.shortInt(); // weight
            long size = r.longLong();
            if (classId != 60) throw new AmqpProtocolException("content header of class", base, classId);
            if (size < 0 || size > maxBytes) {
                throw new AmqpProtocolException("body size above the limit " + maxBytes, base + 4, size);
            }
            properties = BasicProperties.decode(r);
            body = new byte[(int) size];
            if (size == 0) complete();
        } else {
            if (properties == null) throw new AmqpProtocolException("body frame before the content header", base, type);
            int n = payload.remaining();
            if (n > body.length - received) {
                throw new AmqpProtocolException("body longer than its header said (" + body.length + ")", base,
                        received + (long) n);
            }
            payload.get(body, received, n);
            received += n;
            if (received == body.length) complete();
        }
    }

    private void complete() {
        Method m = method;
        BasicProperties p = properties;
        byte[] b = body;
        reset();
        channel.message(m, p, b);
    }

    void reset() {
        method = null;
        properties = null;
        body = null;
        received = 0;
    }
}

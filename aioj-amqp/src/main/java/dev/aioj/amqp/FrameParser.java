package dev.aioj.amqp;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Cuts the broker's byte stream into frames, in two steps as every aioj
 * parser: first check that a whole frame is buffered (7 header bytes, the
 * payload, the end byte), then hand its payload to the {@link Handler}.
 * Frames that arrived whole are handed straight from the loop's read buffer;
 * only the tail of a frame split across reads is copied, into a buffer that
 * never grows past the negotiated frame_max. The header is checked before
 * anything is allocated: an unknown type or a size above the limit fails
 * with {@link AmqpProtocolException} naming the stream offset and the value.
 * Loop thread only.
 */
final class FrameParser {

    /**
     * Receives each frame: its payload is {@code payload}'s bytes from its
     * position to its limit, valid only during the call (not a slice: the
     * parser's buffer itself, so no object per frame). {@code base} plus a
     * position in {@code payload} is that byte's offset in the stream.
     */
    interface Handler {
        void frame(int type, int channel, ByteBuffer payload, long base);
    }

    private static final int HEADER = 7;

    private int maxFrame;
    private long offset;
    private byte[] partial = new byte[0];
    private int partialLength;
    private int partialNeeded; // total bytes of the frame being assembled, or 0 while its header is incomplete

    /** @param maxFrame the largest frame accepted (header and end byte included); 0: 128 KiB before tune */
    FrameParser(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    void maxFrame(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    /** Bytes of the stream parsed so far. */
    long offset() {
        return offset;
    }

    void feed(ByteBuffer in, Handler handler) {
        while (true) {
            if (partialLength > 0) {
                if (!fillPartial(in)) return;
                ByteBuffer frame = ByteBuffer.wrap(partial, 0, partialNeeded);
                int total = partialNeeded;
                partialLength = 0;
                partialNeeded = 0;
                dispatch(frame, 0, total, handler);
                continue;
            }
            int remaining = in.remaining();
            if (remaining == 0) return;
            if (remaining < HEADER) {
                startPartial(in);
                return;
            }
            int p = in.position();
            int total = checkHeader(in, p);
            if (remaining < total) {
                startPartial(in);
                return;
            }
            dispatch(in, p, total, handler);
            in.position(p + total);
        }
    }

    /** Validates the header at {@code p}; returns the frame's whole length. */
    private int checkHeader(ByteBuffer b, int p) {
        int type = b.get(p) & 0xFF;
        if (type != FrameEncoder.FRAME_METHOD && type != FrameEncoder.FRAME_HEADER
                && type != FrameEncoder.FRAME_BODY && type != FrameEncoder.FRAME_HEARTBEAT) {
            throw new AmqpProtocolException("unknown frame type", offset, type);
        }
        long size = b.getInt(p + 3) & 0xFFFFFFFFL;
        if (size + FrameEncoder.FRAME_OVERHEAD > maxFrame) {
            throw new AmqpProtocolException("frame size above frame_max " + maxFrame + " - 8", offset + 3, size);
        }
        return (int) size + FrameEncoder.FRAME_OVERHEAD;
    }

    private void dispatch(ByteBuffer b, int p, int total, Handler handler) {
        int end = b.get(p + total - 1) & 0xFF;
        if (end != FrameEncoder.FRAME_END) {
            throw new AmqpProtocolException("bad frame end byte (expected 206)", offset + total - 1, end);
        }
        int type = b.get(p) & 0xFF;
        int channel = b.getShort(p + 1) & 0xFFFF;
        long base = offset - p;
        offset += total;
        int limit = b.limit();
        b.limit(p + total - 1).position(p + HEADER);
        try {
            handler.frame(type, channel, b, base);
        } finally {
            b.limit(limit).position(p);
        }
    }

    private void startPartial(ByteBuffer in) {
        partialLength = 0;
        partialNeeded = 0;
        fillPartial(in);
    }

    /** Moves bytes of the frame being assembled from {@code in}; true once it is whole. */
    private boolean fillPartial(ByteBuffer in) {
        if (partialNeeded == 0) {
            ensurePartial(HEADER);
            int n = Math.min(HEADER - partialLength, in.remaining());
            in.get(partial, partialLength, n);
            partialLength += n;
            if (partialLength < HEADER) return false;
            partialNeeded = checkHeader(ByteBuffer.wrap(partial), 0);
            ensurePartial(partialNeeded);
        }
        int n = Math.min(partialNeeded - partialLength, in.remaining());
        in.get(partial, partialLength, n);
        partialLength += n;
        return partialLength == partialNeeded;
    }

    private void ensurePartial(int size) {
        if (partial.length < size) {
            partial = Arrays.copyOf(partial, Math.max(size, Math.min(maxFrame, partial.length * 2)));
        }
    }
}

package dev.aioj.redis.resp;

import dev.aioj.redis.resp.RespLimitException.Limit;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Turns bytes from the socket into RESP2/RESP3 values, one complete value at a
 * time. A connection {@link #feed}s every read into it and then takes
 * values until there are no more complete ones, either returned ({@link
 * #next()}, {@code null} means "need more bytes") or handed to a {@link
 * FrameHandler} ({@link #next(FrameHandler)}, {@code false} means the same):
 *
 * <pre>
 * public void dataReceived(ByteBuffer data) {
 *     parser.feed(data);
 *     for (RespValue reply; (reply = parser.next()) != null; ) complete(reply);
 * }
 * </pre>
 *
 * <p>Parsing is two steps, as in mini-redis: first <em>scan</em> until one
 * whole top-level value is buffered, validating every byte and checking the
 * {@link RespLimits} on the way, without allocating; then <em>build</em> the
 * value from the buffered frame ({@link FrameBuilder}), which cannot fail and
 * allocates only the value itself, at exact sizes. The scan remembers its
 * progress (the element it is in, the open aggregates' remaining counts, how
 * far it searched for the line end), so a reply split at any byte, however
 * many pieces, is examined once: linear time, never a rescan from the start.
 *
 * <p>Buffering: bytes go into one accumulation array that is compacted, not
 * reallocated, between reads, and shrinks back after an unusually large reply.
 * A large bulk string whose payload is still arriving leaves that array for
 * its own {@code byte[]} ({@link Spill}), so a 100 MiB value is copied once and
 * held once while the accumulation array stays at about two reads.
 *
 * <p>Malformed input or an exceeded limit throws {@link RespProtocolException}
 * (or its subclass {@link RespLimitException}); the parser is then
 * broken for good and every later call throws {@link IllegalStateException}:
 * the connection must be closed.
 *
 * <p>Thread contract: one parser per connection, used from one thread at a
 * time (the connection's loop thread). Not thread-safe.
 */
public final class RespParser {

    /** First capacity of the accumulation array; it grows to the largest read plus a partial reply. */
    static final int INITIAL_CAPACITY = 16 * 1024;

    /** After a reply needed more than this, the emptied array shrinks back instead of pinning memory. */
    static final int RETAIN_LIMIT = 1024 * 1024;

    /**
     * Bulk strings from this size on whose payload is still arriving bypass the
     * accumulation array. Smaller ones wait there: moving them would save nothing.
     */
    static final int DEFAULT_SPILL_THRESHOLD = 8 * 1024;

    /** The largest array the JVM reliably allocates. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * Written over the {@code $} of a spilled bulk string in the buffer: the
     * builder then takes the payload from {@link Spill}. Never valid input,
     * and the scanner has already passed that byte.
     */
    static final byte SPILLED = 0;

    private final RespLimits limits;
    private final int spillThreshold;
    private final FrameBuilder builder = new FrameBuilder();

    /** Buffered bytes are {@code buf[frameStart, end)}; the current frame starts at {@code frameStart}. */
    private byte[] buf = new byte[INITIAL_CAPACITY];
    private int frameStart;
    private int end;
    /** Stream offset of {@code buf[0]}, not counting {@link #spilledInFrame}: for error positions. */
    private long base;
    /** Payload bytes of this frame moved out of {@code buf} into spilled arrays. */
    private long spilledInFrame;

    // Scan state: see the class comment. All indexes point into buf.
    /** Start (type byte) of the element being scanned; equals end when waiting for the next element. */
    private int scanPos;
    /** Where the search for the current line's CR resumes. */
    private int lineFrom;
    /** When >= 0: the current element is a bulk-like payload that ends (CRLF included) here. */
    private long payloadEnd = -1;
    private int payloadStart;
    private byte payloadType;
    /** Remaining elements of each open aggregate, innermost at depth - 1. */
    private final long[] remaining;
    private int depth;

    private final Spill spill = new Spill();

    private RuntimeException failure;

    /** A parser with {@link RespLimits#DEFAULTS}. */
    public RespParser() {
        this(RespLimits.DEFAULTS);
    }

    public RespParser(RespLimits limits) {
        this(limits, DEFAULT_SPILL_THRESHOLD);
    }

    /** Tests set {@code spillThreshold} to 0 to send every split bulk string through the spill path. */
    RespParser(RespLimits limits, int spillThreshold) {
        this.limits = Objects.requireNonNull(limits, "limits");
        if (spillThreshold < 0) throw new IllegalArgumentException("spillThreshold < 0: " + spillThreshold);
        this.spillThreshold = spillThreshold;
        this.remaining = new long[limits.maxDepth()];
    }

    /**
     * Takes all remaining bytes of {@code data}, whose position ends at its
     * limit. The bytes are copied: {@code data} may be reused as soon as this
     * returns. Call {@link #next} until it returns {@code null} after every feed.
     *
     * @throws RespLimitException if one reply would need more than a Java array holds
     * @throws IllegalStateException       if an earlier call failed
     */
    public void feed(ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        checkUsable();
        try {
            if (spill.active()) spilledInFrame += spill.fill(data);
            int n = data.remaining();
            if (n == 0) return;
            ensureRoom(n);
            data.get(buf, end, n);
            end += n;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    /** {@link #feed(ByteBuffer)} for {@code bytes[offset, offset + length)}. */
    public void feed(byte[] bytes, int offset, int length) {
        feed(ByteBuffer.wrap(bytes, offset, length));
    }

    /**
     * The next complete value, or {@code null} if the bytes fed so far hold no
     * complete value. Never throws for "not yet".
     *
     * @throws RespProtocolException if the input is not valid RESP or exceeds a limit
     * @throws IllegalStateException if an earlier call failed
     */
    public RespValue next() {
        if (!scan()) return null;
        RespValue value = build();
        consumeFrame();
        return value;
    }

    /**
     * Gives the next complete value to {@code handler}: a top-level bulk
     * string as a slice of this parser's buffer if the handler {@linkplain
     * FrameHandler#takesBulk takes bulk strings} (a bulk too large to stay in
     * the buffer, and a null bulk, come as values), anything else as a {@link
     * RespValue}. The handler is called after the frame is consumed.
     *
     * @return true if a value was given; false if more bytes are needed
     * @throws RespProtocolException as {@link #next()}; whatever the handler throws
     */
    public boolean next(FrameHandler handler) {
        Objects.requireNonNull(handler, "handler");
        if (!scan()) return false;
        if (buf[frameStart] == '$' && handler.takesBulk()) {
            byte[] frame = buf;
            int cr = frameStart + 1;
            while (frame[cr] != '\r') cr++;
            int length = (int) RespSyntax.parseInteger(frame, frameStart + 1, cr, "length");
            consumeFrame(); // the bytes stay in frame until the next feed
            if (length < 0) {
                handler.value(RespValue.Null.INSTANCE);
            } else {
                handler.bulk(frame, cr + 2, length);
            }
        } else {
            RespValue value = build();
            consumeFrame();
            handler.value(value);
        }
        return true;
    }

    /** True once one whole top-level value is buffered; a failure breaks the parser for good. */
    private boolean scan() {
        checkUsable();
        try {
            return scanFrame();
        } catch (RespSyntax.Violation v) {
            failure = protocolError(v.getMessage(), v.index);
            throw (RespProtocolException) failure;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    /** Builds the scanned frame: it was checked byte by byte, so this cannot meet bad input. */
    private RespValue build() {
        try {
            return builder.build(buf, frameStart, spill);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    /** Stream offset of the first byte not yet given out as part of a value: where the next value starts. */
    public long position() {
        return base + frameStart;
    }

    /** Bytes fed but not yet returned as values (including a payload being spilled). */
    public long bufferedBytes() {
        return (end - frameStart) + spilledInFrame;
    }

    /** Capacity of the accumulation array, for tests that check memory stays bounded. */
    int bufferCapacity() {
        return buf.length;
    }

    /** Capacity of the array of the payload being spilled (0 if none), for the same tests. */
    int spillCapacity() {
        return spill.capacity();
    }

    private void checkUsable() {
        if (failure != null) {
            throw new IllegalStateException("parser failed earlier; the connection must be closed", failure);
        }
    }

    // ---- buffering ------------------------------------------------------------------------

    private void ensureRoom(int n) {
        if (buf.length - end >= n) return;
        int live = end - frameStart;
        long needed = (long) live + n;
        if (needed > MAX_ARRAY) {
            throw new RespLimitException(Limit.BUFFERED_BYTES, MAX_ARRAY, needed, base + frameStart);
        }
        byte[] target = buf;
        if (needed > buf.length) {
            target = new byte[(int) Math.min(MAX_ARRAY, Math.max(needed, 2L * buf.length))];
        }
        System.arraycopy(buf, frameStart, target, 0, live);
        buf = target;
        shift(frameStart);
    }

    /** Moves every index left by {@code by} after the live bytes moved to the array's start. */
    private void shift(int by) {
        base += by;
        frameStart -= by;
        end -= by;
        scanPos -= by;
        lineFrom = Math.max(0, lineFrom - by); // a stale hint must not run off below zero (it would wrap at 2^31)
        payloadStart -= by;
        if (payloadEnd >= 0) payloadEnd -= by;
    }

    private void consumeFrame() {
        frameStart = scanPos;
        base += spilledInFrame;
        spilledInFrame = 0;
        if (frameStart == end) {
            if (buf.length > RETAIN_LIMIT) {
                base += end;
                buf = new byte[INITIAL_CAPACITY];
                frameStart = end = scanPos = lineFrom = 0;
            } else {
                shift(frameStart);
            }
        }
    }

    private long position(int index) {
        return base + spilledInFrame + index;
    }

    /** The bulk string at scanPos has {@code length} bytes of payload, fewer of which are buffered. */
    private void startSpill(int length) {
        int have = end - payloadStart;
        spill.start(buf, payloadStart, have, length);
        spilledInFrame += have;
        end = payloadStart;
        buf[scanPos] = SPILLED;
        payloadEnd = payloadStart + 2L; // only the CRLF is left to arrive in the buffer
    }

    // ---- step 1: scan ---------------------------------------------------------------------

    /** Advances the scan; true once buf[frameStart, scanPos) holds one complete top-level value. */
    private boolean scanFrame() {
        if (spill.active()) return false;
        while (true) {
            if (payloadEnd >= 0) {
                if (end < payloadEnd) return false;
                finishPayload();
            } else {
                if (scanPos >= end) return false;
                int scanned = scanElement();
                if (scanned == NEED_MORE) return false;
                if (scanned == OPENED) continue;
            }
            if (completeElement()) return true;
        }
    }

    /** The element just scanned is complete: count it against the open aggregates. */
    private boolean completeElement() {
        while (depth > 0) {
            if (--remaining[depth - 1] > 0) return false;
            depth--;
        }
        return true;
    }

    /** What {@link #scanElement} found. */
    private static final int NEED_MORE = 0, COMPLETE = 1, OPENED = 2;

    /**
     * Scans the element at scanPos: {@code NEED_MORE} if its line is not
     * complete yet; {@code OPENED} if it opened an aggregate or a payload, so
     * there is nothing to count yet; {@code COMPLETE} if it is a whole element.
     */
    private int scanElement() {
        byte type = buf[scanPos];
        if (!isTypeByte(type)) {
            throw protocolError("unknown RESP type byte " + ByteText.describe(type & 0xff), scanPos);
        }
        int cr = findLineEnd();
        if (cr < 0) return NEED_MORE;
        int from = scanPos + 1;
        int next = cr + 2;
        switch (type) {
            case '+', '-' -> { }
            case ':' -> RespSyntax.parseInteger(buf, from, cr, "integer");
            case ',' -> RespSyntax.checkDouble(buf, from, cr);
            case '(' -> RespSyntax.checkBigNumber(buf, from, cr);
            case '#' -> {
                if (cr - from != 1 || (buf[from] != 't' && buf[from] != 'f')) {
                    throw protocolError("boolean is not #t or #f: " + ByteText.quote(buf, from, cr, 32), from);
                }
            }
            case '_' -> {
                if (cr != from) throw protocolError("null has content: " + ByteText.quote(buf, from, cr, 32), from);
            }
            case '$', '=', '!' -> {
                long length = RespSyntax.parseInteger(buf, from, cr, "length");
                if (length == -1 && type == '$') break;
                checkLength(length, from, limits.maxBulkLength(), Limit.BULK_LENGTH);
                if (type == '=' && length < 4) {
                    throw protocolError("verbatim string shorter than its format prefix: " + length, from);
                }
                payloadType = type;
                payloadStart = next;
                payloadEnd = next + length + 2;
                if (type == '$' && length >= Math.max(1, spillThreshold) && end - payloadStart < length) {
                    startSpill((int) length);
                }
                scanPos = next;
                return OPENED;
            }
            case '*', '~', '>', '%', '|' -> {
                long count = RespSyntax.parseInteger(buf, from, cr, "length");
                if (count == -1 && type == '*') break;
                checkLength(count, from, limits.maxAggregateLength(), Limit.AGGREGATE_LENGTH);
                long elements = type == '%' ? 2 * count : type == '|' ? 2 * count + 1 : count;
                if (elements > 0) {
                    if (depth == limits.maxDepth()) {
                        throw new RespLimitException(
                                Limit.NESTING_DEPTH, limits.maxDepth(), depth + 1L, position(scanPos));
                    }
                    remaining[depth++] = elements;
                    scanPos = next;
                    return OPENED;
                }
            }
            default -> throw new IllegalStateException("unreachable: " + type);
        }
        scanPos = next;
        return COMPLETE;
    }

    private static boolean isTypeByte(byte b) {
        return switch (b) {
            case '+', '-', ':', '$', '*', '_', ',', '#', '(', '!', '=', '%', '~', '>', '|' -> true;
            default -> false;
        };
    }

    /** The payload of the bulk-like element has arrived; check its CRLF (and a verbatim's format). */
    private void finishPayload() {
        int cr = (int) (payloadEnd - 2);
        if (buf[cr] != '\r') {
            throw protocolError("payload not followed by CRLF: found " + ByteText.describe(buf[cr] & 0xff), cr);
        }
        if (buf[cr + 1] != '\n') {
            throw protocolError("expected LF after CR, found " + ByteText.describe(buf[cr + 1] & 0xff), cr + 1);
        }
        if (payloadType == '=' && buf[payloadStart + 3] != ':') {
            throw protocolError("verbatim string format not followed by ':': found "
                    + ByteText.describe(buf[payloadStart + 3] & 0xff), payloadStart + 3);
        }
        scanPos = (int) payloadEnd;
        payloadEnd = -1;
    }

    /**
     * Finds the CR of the line that starts after the type byte at scanPos,
     * resuming where the last search stopped. Returns -1 if the line is not
     * complete yet.
     */
    private int findLineEnd() {
        long bound = Math.min(end, scanPos + 2L + limits.maxLineLength());
        for (int i = Math.max(lineFrom, scanPos + 1); i < bound; i++) {
            byte b = buf[i];
            if (b == '\r') {
                if (i + 1 == end) {
                    lineFrom = i;
                    return -1;
                }
                if (buf[i + 1] != '\n') {
                    throw protocolError("expected LF after CR, found " + ByteText.describe(buf[i + 1] & 0xff), i + 1);
                }
                lineFrom = 0; // found: the resume hint is spent
                return i;
            }
            if (b == '\n') throw protocolError("LF without CR", i);
        }
        if (bound == scanPos + 2L + limits.maxLineLength()) {
            throw new RespLimitException(
                    Limit.LINE_LENGTH, limits.maxLineLength(), limits.maxLineLength() + 1L, position(scanPos));
        }
        lineFrom = end;
        return -1;
    }

    private void checkLength(long length, int from, long max, Limit limit) {
        if (length < 0) throw protocolError("negative length " + length, from);
        if (length > max) throw new RespLimitException(limit, max, length, position(scanPos));
    }

    private RespProtocolException protocolError(String message, int index) {
        long position = position(index);
        int offending = index < end ? buf[index] & 0xff : -1;
        return new RespProtocolException(message + " at offset " + position, position, offending);
    }
}

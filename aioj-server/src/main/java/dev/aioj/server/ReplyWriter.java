package dev.aioj.server;

import dev.aioj.net.Transport;
import java.nio.charset.StandardCharsets;

/**
 * Encodes one client's replies in RESP2 or RESP3 (Redis's {@code addReply*}
 * family in networking.c) into a reusable buffer that goes to the transport in
 * one {@link Transport#write} per batch of commands: a pipeline of 16 GETs
 * becomes one write, and the loop then sends it with one system call.
 *
 * <p>The buffer is handed over early when it passes {@link #CHUNK} bytes, and
 * a large bulk string goes to the transport without being copied here first,
 * so this buffer never grows past a chunk plus one small item; what the client
 * has not read yet lives in the transport, where {@link Client} measures it
 * against the output buffer limit.
 *
 * <p>Replies that differ between the protocols (null, maps, sets, doubles,
 * booleans, push, verbatim strings) follow {@link #resp}, as Redis does.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ReplyWriter {

    /** Bytes gathered before handing them to the transport: Redis's 16 KiB reply chunk, twice. */
    static final int CHUNK = 32 * 1024;

    static final byte[] OK = ascii("+OK\r\n");
    static final byte[] PONG = ascii("+PONG\r\n");
    static final byte[] QUEUED = ascii("+QUEUED\r\n");
    static final byte[] ZERO = ascii(":0\r\n");
    static final byte[] ONE = ascii(":1\r\n");
    static final byte[] EMPTY_ARRAY = ascii("*0\r\n");
    static final byte[] CRLF = ascii("\r\n");

    private final ServerStats stats;
    private Transport transport;
    /** Starts small (an idle connection costs little) and grows to a chunk for clients that pipeline. */
    private byte[] buf = new byte[1024];
    private int pos;
    /** Protocol version: 2 or 3, set by HELLO. */
    int resp = 2;
    /** CLIENT REPLY OFF or SKIP: what is written is dropped instead of sent. */
    private boolean muted;
    /** The script client's replies are kept here to be read back ({@link #captured}), never sent. */
    private boolean capturing;

    ReplyWriter(ServerStats stats) {
        this.stats = stats;
    }

    void attach(Transport transport) {
        this.transport = transport;
    }

    /** Keeps every reply in the buffer from now on (the scripts' client): redis.call reads them back. */
    void capture() {
        capturing = true;
    }

    /** The buffer holding the captured replies, valid up to {@link #buffered()}. */
    byte[] captured() {
        return buf;
    }

    /** Forgets the captured replies; a buffer a big reply grew is given back. */
    void clearCaptured() {
        pos = 0;
        if (buf.length > CHUNK) {
            buf = new byte[1024];
        }
    }

    /** Bytes encoded but not yet handed to the transport. */
    int buffered() {
        return pos;
    }

    /** Hands what is buffered to the transport (which copies it and sends it this iteration). */
    void flush() {
        if (pos > 0 && !capturing) {
            if (!muted) {
                stats.netOutputBytes += pos;
                if (transport != null) {
                    transport.write(buf, 0, pos);
                }
            }
            pos = 0;
        }
    }

    /**
     * From now on, replies are dropped (CLIENT REPLY OFF, or the command
     * after CLIENT REPLY SKIP); what was written before is kept and sent.
     */
    void mute() {
        if (!muted) {
            flush();
            muted = true;
        }
    }

    /** Replies are sent again; what was written while muted is dropped. */
    void unmute() {
        if (muted) {
            pos = 0;
            muted = false;
        }
    }

    /**
     * Runs {@code write}, whose output is sent even while muted: Redis's
     * CLIENT_PUSHING, which lets pub/sub confirmations through CLIENT REPLY
     * OFF/SKIP. {@code write} must write less than a chunk.
     */
    void pushing(Runnable write) {
        if (!muted) {
            write.run();
            return;
        }
        pos = 0; // what the muted command wrote so far is dropped anyway
        write.run();
        if (pos > 0) {
            stats.netOutputBytes += pos;
            if (transport != null) {
                transport.write(buf, 0, pos);
            }
            pos = 0;
        }
    }

    /**
     * Sends a complete push frame (pub/sub message) even while muted, as
     * Redis's CLIENT_PUSHING bypasses CLIENT REPLY OFF/SKIP.
     */
    void pushFrame(byte[] frame) {
        if (!muted) {
            raw(frame);
            return;
        }
        stats.netOutputBytes += frame.length;
        if (transport != null) {
            transport.write(frame);
        }
    }

    private void ensure(int n) {
        if (pos + n <= buf.length) {
            return;
        }
        if (capturing) {
            buf = java.util.Arrays.copyOf(buf, Math.max(pos + n, buf.length * 2));
            return;
        }
        if (buf.length < CHUNK + 1024) {
            buf = java.util.Arrays.copyOf(buf, Math.max(pos + n, Math.min(buf.length * 2, CHUNK + 1024)));
            return;
        }
        flush();
        if (n > buf.length) {
            buf = new byte[n];
        }
    }

    private void afterItem() {
        if (pos >= CHUNK && !capturing) {
            flush();
        }
    }

    // ------------------------------------------------------------------ raw and simple

    /** Bytes that are already a complete RESP reply. */
    void raw(byte[] reply) {
        if (reply.length > CHUNK && !capturing) {
            flush();
            if (!muted) {
                stats.netOutputBytes += reply.length;
                if (transport != null) {
                    transport.write(reply);
                }
            }
            return;
        }
        ensure(reply.length);
        System.arraycopy(reply, 0, buf, pos, reply.length);
        pos += reply.length;
        afterItem();
    }

    void ok() {
        raw(OK);
    }

    /** A status reply; {@code text} must not contain CR or LF. */
    void simple(String text) {
        int n = text.length();
        ensure(n + 3);
        buf[pos++] = '+';
        pos = putAscii(text, buf, pos);
        buf[pos++] = '\r';
        buf[pos++] = '\n';
        afterItem();
    }

    /**
     * An error reply. {@code text} starts with the error code ({@code "ERR
     * syntax error"}) and is one char per byte (ISO-8859-1, see {@link
     * Errors#latin1}); CR and LF in it become spaces, as Redis does, so a
     * client's bytes echoed in an error cannot break the protocol.
     */
    void error(String text) {
        stats.error(text);
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        ensure(bytes.length + 3);
        buf[pos++] = '-';
        for (byte b : bytes) {
            buf[pos++] = b == '\r' || b == '\n' ? (byte) ' ' : b;
        }
        buf[pos++] = '\r';
        buf[pos++] = '\n';
        afterItem();
    }

    void integer(long v) {
        if (v == 0) {
            raw(ZERO);
            return;
        }
        if (v == 1) {
            raw(ONE);
            return;
        }
        prefixed(':', v);
        afterItem();
    }

    private void prefixed(char prefix, long v) {
        ensure(Numbers.MAX_LONG_CHARS + 3);
        buf[pos++] = (byte) prefix;
        pos = Numbers.writeLong(buf, pos, v);
        buf[pos++] = '\r';
        buf[pos++] = '\n';
    }

    // ------------------------------------------------------------------ bulk strings

    void bulk(byte[] value) {
        bulk(value, 0, value.length);
    }

    void bulk(byte[] value, int offset, int length) {
        if (length > CHUNK && !capturing) {
            prefixed('$', length);
            flush();
            if (!muted) {
                stats.netOutputBytes += length;
                if (transport != null) {
                    transport.write(value, offset, length);
                }
            }
            raw(CRLF);
            return;
        }
        ensure(length + Numbers.MAX_LONG_CHARS + 5);
        buf[pos++] = '$';
        pos = Numbers.writeLong(buf, pos, length);
        buf[pos++] = '\r';
        buf[pos++] = '\n';
        System.arraycopy(value, offset, buf, pos, length);
        pos += length;
        buf[pos++] = '\r';
        buf[pos++] = '\n';
        afterItem();
    }

    void bulk(String value) {
        bulk(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A bulk string, or the null reply for null. */
    void bulkOrNull(byte[] value) {
        if (value == null) {
            nullBulk();
        } else {
            bulk(value);
        }
    }

    /** The bulk string of a number, as Redis's addReplyBulkLongLong. */
    void bulk(long v) {
        bulk(Numbers.toBytes(v));
    }

    // ------------------------------------------------------------------ nulls, aggregates, RESP3 types

    /** A missing value: {@code $-1} in RESP2, {@code _} in RESP3. */
    void nullBulk() {
        raw(resp == 2 ? NULL_BULK : NULL3);
    }

    /** A missing aggregate: {@code *-1} in RESP2, {@code _} in RESP3. */
    void nullArray() {
        raw(resp == 2 ? NULL_ARRAY : NULL3);
    }

    private static final byte[] NULL_BULK = ascii("$-1\r\n");
    private static final byte[] NULL_ARRAY = ascii("*-1\r\n");
    private static final byte[] NULL3 = ascii("_\r\n");

    void array(int n) {
        if (n == 0) {
            raw(EMPTY_ARRAY);
            return;
        }
        prefixed('*', n);
        afterItem();
    }

    /** A map of {@code n} pairs: {@code %n} in RESP3, a flat array of 2n items in RESP2. */
    void map(int n) {
        if (resp == 2) {
            array(n * 2);
        } else {
            prefixed('%', n);
            afterItem();
        }
    }

    /** A set of {@code n} items: {@code ~n} in RESP3, an array in RESP2. */
    void set(int n) {
        if (resp == 2) {
            array(n);
        } else {
            prefixed('~', n);
            afterItem();
        }
    }

    /** An out-of-band message of {@code n} items: {@code >n} in RESP3, an array in RESP2. */
    void push(int n) {
        if (resp == 2) {
            array(n);
        } else {
            prefixed('>', n);
            afterItem();
        }
    }

    /** A double: {@code ,1.5} in RESP3, the bulk string of {@code %.17g} in RESP2. */
    void doubleValue(double d) {
        String text = Numbers.formatG17(d);
        if (resp == 2) {
            bulk(text.getBytes(StandardCharsets.ISO_8859_1));
        } else {
            ensure(text.length() + 3);
            buf[pos++] = ',';
            pos = putAscii(text, buf, pos);
            buf[pos++] = '\r';
            buf[pos++] = '\n';
            afterItem();
        }
    }

    /** A boolean: {@code #t}/{@code #f} in RESP3, {@code :1}/{@code :0} in RESP2. */
    void bool(boolean b) {
        if (resp == 2) {
            raw(b ? ONE : ZERO);
        } else {
            raw(b ? TRUE3 : FALSE3);
        }
    }

    private static final byte[] TRUE3 = ascii("#t\r\n");
    private static final byte[] FALSE3 = ascii("#f\r\n");

    /** Text for humans (INFO, CLIENT LIST): a verbatim string in RESP3, a bulk string in RESP2. */
    void verbatim(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (resp == 2) {
            bulk(bytes);
            return;
        }
        byte[] prefixed = new byte[bytes.length + 4];
        System.arraycopy("txt:".getBytes(StandardCharsets.ISO_8859_1), 0, prefixed, 0, 4);
        System.arraycopy(bytes, 0, prefixed, 4, bytes.length);
        prefixed('=', prefixed.length);
        raw(prefixed);
        raw(CRLF);
    }

    private static int putAscii(String s, byte[] dst, int pos) {
        for (int i = 0, n = s.length(); i < n; i++) {
            dst[pos++] = (byte) s.charAt(i);
        }
        return pos;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}

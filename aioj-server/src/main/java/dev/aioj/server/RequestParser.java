package dev.aioj.server;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Turns one client's bytes into commands (argument vectors): Redis's
 * processInputBuffer, for multibulk requests ({@code *2\r\n$3\r\nGET\r\n...},
 * what clients send) and inline ones ({@code GET key\r\n}, what telnet sends).
 *
 * <p>Incremental: input may be split at any byte. {@link #append} copies the
 * loop's shared read buffer (valid only during {@code dataReceived}) into this
 * client's query buffer; {@link #next} returns a complete command or null
 * ("need more bytes" or a protocol error, see {@link #error}), never throwing
 * for "not yet" and keeping the arguments already parsed, so a command is
 * scanned once however it is split. Searches for a line end resume where the
 * last one stopped, so a long header fed byte by byte costs linear time.
 *
 * <p>Bounded like Redis: a header or inline line may not pass 64 KiB, a bulk
 * may not pass {@code proto-max-bulk-len}, and an unauthenticated client may
 * not announce more than 10 arguments or a bulk over 16 KiB. An argument of
 * 32 KiB or more is read straight into its own array, grown as its bytes
 * arrive (never more than twice what arrived), instead of through the query
 * buffer: no second copy, and a huge announced length costs nothing until the
 * bytes come.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class RequestParser {

    /** Redis's PROTO_INLINE_MAX_SIZE: longest inline line or header line. */
    static final int INLINE_MAX = 64 * 1024;

    /** Redis's PROTO_MBULK_BIG_ARG: bulks this big bypass the query buffer. */
    static final int BIG_ARG = 32 * 1024;

    /** Redis refuses more arguments than this before AUTH. */
    static final int UNAUTHENTICATED_MAX_ARGS = 10;

    /** Redis refuses longer bulks than this before AUTH. */
    static final int UNAUTHENTICATED_MAX_BULK = 16 * 1024;

    /** Small, so that idle connections cost little; a pipelining client grows it once. */
    private static final int INITIAL_BUFFER = 1024;

    /**
     * Heap bytes an argument costs beyond its content (array header and its
     * slot in argv), counted in {@link #buffered} so that a million empty
     * arguments weigh what they really cost against the query buffer limit.
     */
    private static final int ARG_OVERHEAD = 24;
    private static final byte[][] NO_ARGS = new byte[0][];

    private static final int UNKNOWN = 0;
    private static final int INLINE = 1;
    private static final int MULTIBULK = 2;

    private long maxBulkLength;
    private byte[] buf = new byte[INITIAL_BUFFER];
    private int start;
    private int end;
    /** Bytes after {@code start} already searched for a line end without finding one. */
    private int scanned;

    private int requestType = UNKNOWN;
    private int argsLeft;
    private int bulkLength = -1;
    private byte[][] argv;
    private int argc;
    private long argvBytes;

    /** A big argument being filled in place: {@code bigLength} bytes expected, {@code bigFilled} arrived. */
    private byte[] bigArg;
    private int bigLength;
    private int bigFilled;

    private String error;

    RequestParser(long maxBulkLength) {
        this.maxBulkLength = maxBulkLength;
    }

    void maxBulkLength(long limit) {
        this.maxBulkLength = limit;
    }

    /** The protocol error that stopped parsing (Redis's text, without "ERR "), or null. */
    String error() {
        return error;
    }

    /** Bytes held for commands not yet complete: what the query buffer limit counts. */
    long buffered() {
        return (long) (end - start) + argvBytes + bigFilled;
    }

    /** Copies {@code data}'s remaining bytes in; its position moves to its limit. */
    void append(ByteBuffer data) {
        if (bigArg != null && bigFilled < bigLength) {
            int k = Math.min(data.remaining(), bigLength - bigFilled);
            growBigArg(bigFilled + k);
            data.get(bigArg, bigFilled, k);
            bigFilled += k;
        }
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        makeRoom(n);
        data.get(buf, end, n);
        end += n;
    }

    /** Same as {@link #append(ByteBuffer)}, for tests and callers holding an array. */
    void append(byte[] data, int offset, int length) {
        append(ByteBuffer.wrap(data, offset, length));
    }

    /**
     * The next complete command, or null when more bytes are needed or a
     * protocol error occurred ({@link #error} tells which). Empty commands
     * ({@code *0}, blank inline lines) are skipped.
     *
     * @param authRequired whether the client has yet to authenticate (tighter limits)
     */
    byte[][] next(boolean authRequired) {
        while (error == null) {
            if (requestType == UNKNOWN) {
                if (start == end) {
                    compact();
                    return null;
                }
                requestType = buf[start] == '*' ? MULTIBULK : INLINE;
            }
            byte[][] command = requestType == INLINE ? nextInline() : nextMultibulk(authRequired);
            if (command == null) {
                return null;
            }
            requestType = UNKNOWN;
            if (command.length > 0) {
                return command;
            }
        }
        return null;
    }

    private byte[][] nextInline() {
        int newline = find((byte) '\n');
        if (newline < 0) {
            if (end - start > INLINE_MAX) {
                error = "Protocol error: too big inline request";
            }
            return null;
        }
        int lineEnd = newline > start && buf[newline - 1] == '\r' ? newline - 1 : newline;
        byte[][] args = InlineArgs.split(buf, start, lineEnd);
        if (args == null) {
            error = "Protocol error: unbalanced quotes in request";
            return null;
        }
        consumeTo(newline + 1);
        return args;
    }

    private byte[][] nextMultibulk(boolean authRequired) {
        if (argv == null) {
            int cr = find((byte) '\r');
            if (cr < 0) {
                if (end - start > INLINE_MAX) {
                    error = "Protocol error: too big mbulk count string";
                }
                return null;
            }
            if (cr + 1 >= end) {
                return null; // the '\n' has not arrived
            }
            long count = parseLength(start + 1, cr);
            if (count == Long.MIN_VALUE || count > Integer.MAX_VALUE) {
                error = "Protocol error: invalid multibulk length";
                return null;
            }
            if (count > UNAUTHENTICATED_MAX_ARGS && authRequired) {
                error = "Protocol error: unauthenticated multibulk length";
                return null;
            }
            consumeTo(cr + 2);
            if (count <= 0) {
                return NO_ARGS;
            }
            argsLeft = (int) count;
            argv = new byte[(int) Math.min(count, 1024)][];
            argc = 0;
            argvBytes = 0;
        }
        while (argsLeft > 0) {
            if (bigArg != null) {
                if (bigFilled < bigLength || end - start < 2) {
                    return null;
                }
                consumeTo(start + 2); // the CRLF after the data, unchecked as in Redis
                byte[] arg = bigArg;
                bigArg = null;
                bigFilled = 0;
                addArg(arg);
                continue;
            }
            if (bulkLength < 0) {
                int cr = find((byte) '\r');
                if (cr < 0) {
                    if (end - start > INLINE_MAX) {
                        error = "Protocol error: too big bulk count string";
                    }
                    return null;
                }
                if (cr + 1 >= end) {
                    return null;
                }
                if (buf[start] != '$') {
                    error = "Protocol error: expected '$', got '" + (char) (buf[start] & 0xFF) + "'";
                    return null;
                }
                long length = parseLength(start + 1, cr);
                if (length == Long.MIN_VALUE || length < 0 || length > maxBulkLength) {
                    error = "Protocol error: invalid bulk length";
                    return null;
                }
                if (length > UNAUTHENTICATED_MAX_BULK && authRequired) {
                    error = "Protocol error: unauthenticated bulk length";
                    return null;
                }
                consumeTo(cr + 2);
                if (length >= BIG_ARG) {
                    startBigArg((int) length);
                    continue;
                }
                bulkLength = (int) length;
            }
            if (end - start < bulkLength + 2) {
                return null;
            }
            byte[] arg = Arrays.copyOfRange(buf, start, start + bulkLength);
            consumeTo(start + bulkLength + 2);
            bulkLength = -1;
            addArg(arg);
        }
        byte[][] command = argc == argv.length ? argv : Arrays.copyOf(argv, argc);
        argv = null;
        argc = 0;
        argvBytes = 0;
        return command;
    }

    private void addArg(byte[] arg) {
        if (argc == argv.length) {
            argv = Arrays.copyOf(argv, (int) Math.min((long) argv.length * 2, (long) argc + argsLeft));
        }
        argv[argc++] = arg;
        argvBytes += arg.length + ARG_OVERHEAD;
        argsLeft--;
    }

    /** Moves the buffered bytes of a big argument into its own array. */
    private void startBigArg(int length) {
        bigLength = length;
        int k = Math.min(end - start, length);
        bigArg = new byte[Math.min(length, Math.max(BIG_ARG, k))];
        System.arraycopy(buf, start, bigArg, 0, k);
        bigFilled = k;
        consumeTo(start + k);
    }

    private void growBigArg(int needed) {
        if (needed > bigArg.length) {
            int capacity = (int) Math.min(bigLength, Math.max(needed, (long) bigArg.length * 2));
            bigArg = Arrays.copyOf(bigArg, capacity);
        }
    }

    /** string2ll over buf[from, to), or Long.MIN_VALUE when it is not an integer. */
    private long parseLength(int from, int to) {
        return Numbers.parseLongOr(buf, from, to, Long.MIN_VALUE);
    }

    /** Index of {@code b} at or after {@code start}, or -1; remembers how far it looked. */
    private int find(byte b) {
        for (int i = start + scanned; i < end; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        scanned = end - start;
        return -1;
    }

    private void consumeTo(int position) {
        start = position;
        scanned = 0;
    }

    private void makeRoom(int n) {
        if (start == end) {
            start = 0;
            end = 0;
        }
        if (buf.length - end >= n) {
            return;
        }
        int live = end - start;
        if (start > 0 && buf.length - live >= n) {
            System.arraycopy(buf, start, buf, 0, live);
        } else {
            byte[] bigger = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max((long) buf.length * 2, (long) live + n))];
            System.arraycopy(buf, start, bigger, 0, live);
            buf = bigger;
        }
        start = 0;
        end = live;
    }

    /** With nothing buffered, gives back a query buffer that an earlier burst made large. */
    private void compact() {
        start = 0;
        end = 0;
        scanned = 0;
        if (buf.length > 4 * INLINE_MAX) {
            buf = new byte[INITIAL_BUFFER];
        }
    }
}

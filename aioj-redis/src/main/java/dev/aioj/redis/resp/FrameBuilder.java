package dev.aioj.redis.resp;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;

/**
 * Step two of {@link RespParser}: builds the value of one complete frame that
 * the scan has already checked byte by byte. It therefore never meets bad
 * input and never waits for more; it allocates the value's objects and
 * nothing else, each at its exact size (an aggregate's array is sized from its
 * header because all its elements are known to be there). Recursion depth is
 * bounded by {@link RespLimits#maxDepth()}.
 *
 * <p>Loop thread only: one builder per parser, reused for every frame.
 */
final class FrameBuilder {

    private byte[] buf;
    private int cursor;
    private Spill spill;

    /** Builds the value whose frame starts at {@code buf[from]}; takes spilled payloads from {@code spill} in order. */
    RespValue build(byte[] buf, int from, Spill spill) {
        this.buf = buf;
        this.cursor = from;
        this.spill = spill;
        try {
            return value();
        } finally {
            this.buf = null;
            this.spill = null;
        }
    }

    private RespValue value() {
        byte type = buf[cursor];
        int from = cursor + 1;
        int cr = from;
        while (buf[cr] != '\r') cr++;
        cursor = cr + 2;
        return switch (type) {
            case '+' -> simple(from, cr);
            case '-' -> RespValue.ErrorReply.of(utf8(from, cr));
            case ':' -> new RespValue.Int(RespSyntax.parseInteger(buf, from, cr, "integer"));
            case ',' -> new RespValue.DoubleReply(RespSyntax.parseDouble(buf, from, cr));
            case '(' -> new RespValue.BigNumber(new BigInteger(new String(buf, from, cr - from, StandardCharsets.ISO_8859_1)));
            case '#' -> RespValue.Bool.of(buf[from] == 't');
            case '_' -> RespValue.Null.INSTANCE;
            case '$' -> {
                int length = length(from, cr);
                yield length < 0 ? RespValue.Null.INSTANCE : new RespValue.Bulk(payload(length));
            }
            case RespParser.SPILLED -> {
                cursor += 2;
                yield new RespValue.Bulk(spill.take());
            }
            case '=' -> {
                int length = length(from, cr);
                int start = cursor;
                cursor += length + 2;
                yield new RespValue.Verbatim(
                        new String(buf, start, 3, StandardCharsets.ISO_8859_1), utf8(start + 4, start + length));
            }
            case '!' -> {
                int length = length(from, cr);
                int start = cursor;
                cursor += length + 2;
                yield RespValue.ErrorReply.of(utf8(start, start + length));
            }
            case '*' -> {
                int length = length(from, cr);
                yield length < 0 ? RespValue.Null.INSTANCE : new RespValue.Array(elements(length));
            }
            case '~' -> new RespValue.SetReply(elements(length(from, cr)));
            case '>' -> new RespValue.Push(elements(length(from, cr)));
            case '%' -> new RespValue.MapReply(entries(length(from, cr)));
            case '|' -> {
                LinkedHashMap<RespValue, RespValue> attributes = map(length(from, cr));
                yield new RespValue.Attributed(FrozenMap.adopt(attributes), value());
            }
            default -> throw new IllegalStateException("scan let through type byte " + ByteText.describe(type & 0xff));
        };
    }

    /** Simple strings; the replies every pipeline is full of come back as shared instances. */
    private RespValue simple(int from, int to) {
        int n = to - from;
        if (n == 2 && buf[from] == 'O' && buf[from + 1] == 'K') return RespValue.Simple.OK;
        if (n == 4 && equalsAscii(from, "PONG")) return RespValue.Simple.PONG;
        if (n == 6 && equalsAscii(from, "QUEUED")) return RespValue.Simple.QUEUED;
        return new RespValue.Simple(utf8(from, to));
    }

    private boolean equalsAscii(int from, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (buf[from + i] != text.charAt(i)) return false;
        }
        return true;
    }

    private int length(int from, int to) {
        return (int) RespSyntax.parseInteger(buf, from, to, "length");
    }

    private byte[] payload(int length) {
        byte[] bytes = Arrays.copyOfRange(buf, cursor, cursor + length);
        cursor += length + 2;
        return bytes;
    }

    private FrozenList<RespValue> elements(int count) {
        RespValue[] elements = new RespValue[count];
        for (int i = 0; i < count; i++) {
            elements[i] = value();
        }
        return FrozenList.adopt(elements);
    }

    private FrozenMap<RespValue, RespValue> entries(int count) {
        return FrozenMap.adopt(map(count));
    }

    private LinkedHashMap<RespValue, RespValue> map(int count) {
        LinkedHashMap<RespValue, RespValue> map = LinkedHashMap.newLinkedHashMap(count);
        for (int i = 0; i < count; i++) {
            RespValue key = value();
            map.put(key, value());
        }
        return map;
    }

    private String utf8(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }
}

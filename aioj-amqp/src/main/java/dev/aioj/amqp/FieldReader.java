package dev.aioj.amqp;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads AMQP's field types from one frame's payload. Every length is checked
 * against the bytes left in the frame before anything is allocated, so a
 * lying length fails with {@link AmqpProtocolException} (offset inside the
 * payload, value the length) instead of allocating it. Loop thread only.
 */
final class FieldReader {

    private static final int MAX_DEPTH = 32;

    private final ByteBuffer b;
    private final long base;

    /** @param base the stream offset of the payload's first byte, for error messages */
    FieldReader(ByteBuffer payload, long base) {
        this.b = payload;
        this.base = base;
    }

    private void need(int n, String what) {
        if (n < 0 || b.remaining() < n) {
            throw new AmqpProtocolException(what + " longer than the frame's " + b.remaining() + " bytes left",
                    base + b.position(), n & 0xFFFFFFFFL);
        }
    }

    int octet() {
        need(1, "octet");
        return b.get() & 0xFF;
    }

    int shortInt() {
        need(2, "short");
        return b.getShort() & 0xFFFF;
    }

    int longInt() {
        need(4, "long");
        return b.getInt();
    }

    long longLong() {
        need(8, "longlong");
        return b.getLong();
    }

    String shortString() {
        int n = octet();
        need(n, "short string");
        byte[] utf8 = new byte[n]; // the payload may be the loop's direct read buffer
        b.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    byte[] longBytes() {
        int n = longInt();
        need(n, "long string");
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    String longString() {
        return new String(longBytes(), StandardCharsets.UTF_8);
    }

    Map<String, Object> table() {
        return table(0);
    }

    private Map<String, Object> table(int depth) {
        int size = longInt();
        need(size, "table");
        if (size == 0) return Collections.emptyMap();
        if (depth > MAX_DEPTH) throw new AmqpProtocolException("tables nested too deep", base + b.position(), depth);
        int end = b.position() + size;
        Map<String, Object> table = new LinkedHashMap<>();
        while (b.position() < end) {
            String name = shortString();
            table.put(name, value(depth));
        }
        if (b.position() != end) {
            throw new AmqpProtocolException("table overruns its size", base + b.position(), size);
        }
        return Collections.unmodifiableMap(table);
    }

    private Object value(int depth) {
        int type = octet();
        return switch (type) {
            case 't' -> octet() != 0;
            case 'b' -> (byte) octet();
            case 'B' -> octet();
            case 's' -> (short) shortInt();
            case 'u' -> shortInt();
            case 'I' -> longInt();
            case 'i' -> longInt() & 0xFFFFFFFFL;
            case 'l', 'L' -> longLong();
            case 'f' -> Float.intBitsToFloat(longInt());
            case 'd' -> Double.longBitsToDouble(longLong());
            case 'D' -> {
                int scale = octet();
                yield BigDecimal.valueOf(longInt(), scale);
            }
            case 'S' -> longString();
            case 'x' -> longBytes();
            case 'T' -> new Date(longLong() * 1000);
            case 'F' -> table(depth + 1);
            case 'A' -> {
                int size = longInt();
                need(size, "array");
                int end = b.position() + size;
                List<Object> list = new ArrayList<>();
                while (b.position() < end) {
                    list.add(value(depth + 1));
                }
                yield Collections.unmodifiableList(list);
            }
            case 'V' -> null;
            default -> throw new AmqpProtocolException("unknown field type", base + b.position() - 1, type);
        };
    }
}

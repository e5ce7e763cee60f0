package dev.aioj.redis.resp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes RESP into a {@link RespOutput}: commands as a RESP array of bulk
 * strings (what a client sends), and any {@link RespValue} in its RESP3 form
 * (what a server or a scripted fake sends back).
 *
 * <p>Command arguments may be {@code byte[]}, {@code String} (UTF-8),
 * {@code Integer}, {@code Long}, {@code Double}, {@code Float} or
 * {@code ByteBuffer} (its remaining bytes; its position is left alone).
 * {@code null} or any other type is an {@link IllegalArgumentException} that
 * names the argument's index and the command, such as
 * {@code "argument 2 of SET is null"}; every argument is checked before the
 * first byte is written, so a rejected command leaves the output untouched.
 * Strings and numbers are written straight into the output, without an
 * intermediate array per argument.
 *
 * <p>Numbers are written as Redis parses them. Integers in decimal. Doubles
 * and floats as the shortest text that reads back as the same value
 * ({@link Double#toString}, {@link Float#toString}), without a {@code .0}
 * that adds nothing: {@code 1.5 -> "1.5"}, {@code 3.0 -> "3"},
 * {@code 1e20 -> "1E20"}, {@code 0.1f -> "0.1"}; infinities as {@code inf} and
 * {@code -inf} (what ZADD and ZRANGEBYSCORE take), NaN as {@code nan} (Redis
 * refuses it with an error reply, as it should).
 *
 * <p>Thread contract: stateless; any thread, each with its own output.
 */
public final class RespEncoder {

    private RespEncoder() {}

    /**
     * Checks that {@code args} can be encoded as a command, writing nothing:
     * what {@code execute} calls on the caller's thread, to fail at once.
     *
     * @throws IllegalArgumentException naming the first argument that is null or of an unsupported type
     */
    public static void checkCommand(Object... args) {
        Objects.requireNonNull(args, "args");
        if (args.length == 0) throw new IllegalArgumentException("command has no arguments");
        if (args[0] == null) throw new IllegalArgumentException("argument 0 (the command name) is null");
        for (int i = 0; i < args.length; i++) {
            checkArgument(args[0], i, args[i]);
        }
    }

    /**
     * Checks argument {@code index} of {@code command} (its name, a String or
     * byte[], for the message) like {@link #checkCommand}, writing nothing.
     *
     * @throws IllegalArgumentException naming the argument if it is null or of an unsupported type
     */
    public static void checkArgument(Object command, int index, Object arg) {
        if (arg == null) {
            throw new IllegalArgumentException(index == 0 ? "argument 0 (the command name) is null"
                    : "argument " + index + " of " + commandName(new Object[] {command}) + " is null");
        }
        if (!(arg instanceof byte[] || arg instanceof String || arg instanceof Integer || arg instanceof Long
                || arg instanceof Double || arg instanceof Float || arg instanceof ByteBuffer)) {
            throw new IllegalArgumentException("argument " + index + " of " + commandName(new Object[] {command})
                    + " has unsupported type " + arg.getClass().getName()
                    + " (use byte[], String, Integer, Long, Double, Float or ByteBuffer)");
        }
    }

    /** {@link #encodeCommand(RespOutput, Object...)} for a command of one key, without an argument array. */
    public static int encodeCommand(RespOutput out, String name, Object key) {
        Objects.requireNonNull(out, "out");
        checkArgument(name, 0, name);
        checkArgument(name, 1, key);
        int start = out.size();
        try {
            out.writeByte('*');
            out.writeDecimal(2);
            out.writeCrlf();
            writeArgument(out, name);
            writeArgument(out, key);
        } catch (RuntimeException | OutOfMemoryError e) {
            out.truncate(start);
            throw e;
        }
        return out.size() - start;
    }

    /** {@link #encodeCommand(RespOutput, Object...)} for a command of a key and a value, without an argument array. */
    public static int encodeCommand(RespOutput out, String name, Object key, Object value) {
        Objects.requireNonNull(out, "out");
        checkArgument(name, 0, name);
        checkArgument(name, 1, key);
        checkArgument(name, 2, value);
        int start = out.size();
        try {
            out.writeByte('*');
            out.writeDecimal(3);
            out.writeCrlf();
            writeArgument(out, name);
            writeArgument(out, key);
            writeArgument(out, value);
        } catch (RuntimeException | OutOfMemoryError e) {
            out.truncate(start);
            throw e;
        }
        return out.size() - start;
    }

    /**
     * Appends {@code args} (command name first) to {@code out} as a RESP array
     * of bulk strings.
     *
     * @return the number of bytes written
     * @throws IllegalArgumentException as {@link #checkCommand}, with {@code out} unchanged
     */
    public static int encodeCommand(RespOutput out, Object... args) {
        Objects.requireNonNull(out, "out");
        checkCommand(args);
        int start = out.size();
        try {
            out.writeByte('*');
            out.writeDecimal(args.length);
            out.writeCrlf();
            for (Object arg : args) {
                writeArgument(out, arg);
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            out.truncate(start);
            throw e;
        }
        return out.size() - start;
    }

    private static void writeArgument(RespOutput out, Object arg) {
        switch (arg) {
            case byte[] bytes -> writeBulk(out, bytes);
            case String text -> {
                if (!out.tryWriteAsciiBulk(text)) { // one pass for ASCII, the usual key or value
                    long length = RespOutput.utf8Length(text);
                    writeBulkHeader(out, length);
                    out.writeUtf8(text, (int) length);
                    out.writeCrlf();
                }
            }
            case Integer number -> writeDecimalBulk(out, number);
            case Long number -> writeDecimalBulk(out, number);
            case Double number -> writeAsciiBulk(out, formatDouble(number));
            case Float number -> writeAsciiBulk(out, formatFloat(number));
            case ByteBuffer buffer -> {
                writeBulkHeader(out, buffer.remaining());
                out.write(buffer);
                out.writeCrlf();
            }
            default -> throw new IllegalStateException("checkCommand let through " + arg.getClass().getName());
        }
    }

    private static void writeBulkHeader(RespOutput out, long length) {
        out.ensure(length + 16);
        out.writeByte('$');
        out.writeDecimal(length);
        out.writeCrlf();
    }

    private static void writeBulk(RespOutput out, byte[] bytes) {
        writeBulkHeader(out, bytes.length);
        out.write(bytes, 0, bytes.length);
        out.writeCrlf();
    }

    private static void writeDecimalBulk(RespOutput out, long value) {
        writeBulkHeader(out, RespOutput.decimalLength(value));
        out.writeDecimal(value);
        out.writeCrlf();
    }

    private static void writeAsciiBulk(RespOutput out, String text) {
        writeBulkHeader(out, text.length());
        out.writeAscii(text);
        out.writeCrlf();
    }

    /** The text Redis reads back as {@code value}; see the class comment for the format. */
    public static String formatDouble(double value) {
        if (Double.isNaN(value)) return "nan";
        if (Double.isInfinite(value)) return value > 0 ? "inf" : "-inf";
        return withoutPointZero(Double.toString(value));
    }

    /** Like {@link #formatDouble}, with a float's own shortest text ({@code 0.1f -> "0.1"}). */
    public static String formatFloat(float value) {
        if (Float.isNaN(value)) return "nan";
        if (Float.isInfinite(value)) return value > 0 ? "inf" : "-inf";
        return withoutPointZero(Float.toString(value));
    }

    /** {@code "3.0" -> "3"}, {@code "1.0E20" -> "1E20"}; anything else unchanged. */
    private static String withoutPointZero(String text) {
        int exponent = text.indexOf('E');
        int mantissaEnd = exponent < 0 ? text.length() : exponent;
        if (text.startsWith(".0", mantissaEnd - 2)) {
            return text.substring(0, mantissaEnd - 2) + text.substring(mantissaEnd);
        }
        return text;
    }

    /** The name used in argument errors: {@code args[0]} as text. */
    private static String commandName(Object[] args) {
        return switch (args[0]) {
            case String name -> name;
            case byte[] name -> new String(name, StandardCharsets.UTF_8);
            case null -> "command";
            default -> String.valueOf(args[0]);
        };
    }

    // ---- values ---------------------------------------------------------------------------

    /**
     * Appends {@code value} in its RESP3 wire form. A simple string or error
     * whose text holds CR or LF cannot travel as a line: the former is
     * rejected, the latter is sent as a blob error ({@code !}).
     *
     * <p>RESP3 only: a server answering a RESP2 client must first map RESP3
     * types to RESP2 ones (maps to flat arrays, {@code _} to {@code $-1} or
     * {@code *-1} as the command documents, and so on).
     */
    public static void encodeValue(RespOutput out, RespValue value) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(value, "value");
        int start = out.size();
        try {
            writeValue(out, value);
        } catch (RuntimeException | OutOfMemoryError e) {
            out.truncate(start);
            throw e;
        }
    }

    private static void writeValue(RespOutput out, RespValue value) {
        switch (value) {
            case RespValue.Simple simple -> {
                if (hasLineBreak(simple.text())) {
                    throw new IllegalArgumentException("simple string holds CR or LF: " + simple);
                }
                writeLine(out, '+', simple.text());
            }
            case RespValue.ErrorReply error -> {
                if (hasLineBreak(error.message())) {
                    writeTextPayload(out, '!', error.message().getBytes(StandardCharsets.UTF_8));
                } else {
                    writeLine(out, '-', error.message());
                }
            }
            case RespValue.Int number -> {
                out.writeByte(':');
                out.writeDecimal(number.value());
                out.writeCrlf();
            }
            case RespValue.Bulk bulk -> writeBulk(out, bulk.bytes());
            case RespValue.Null ignored -> {
                out.writeByte('_');
                out.writeCrlf();
            }
            case RespValue.Array array -> writeElements(out, '*', array.elements());
            case RespValue.SetReply set -> writeElements(out, '~', set.elements());
            case RespValue.Push push -> writeElements(out, '>', push.elements());
            case RespValue.MapReply map -> writeEntries(out, '%', map.entries());
            case RespValue.DoubleReply number -> writeLine(out, ',', formatDouble(number.value()));
            case RespValue.BigNumber number -> writeLine(out, '(', number.value().toString());
            case RespValue.Bool bool -> writeLine(out, '#', bool.value() ? "t" : "f");
            case RespValue.Verbatim verbatim -> writeTextPayload(out, '=',
                    (verbatim.format() + ":" + verbatim.text()).getBytes(StandardCharsets.UTF_8));
            case RespValue.Attributed attributed -> {
                writeEntries(out, '|', attributed.attributes());
                writeValue(out, attributed.value());
            }
        }
    }

    private static boolean hasLineBreak(String text) {
        return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
    }

    private static void writeLine(RespOutput out, char type, String text) {
        out.writeByte(type);
        out.writeUtf8(text, Math.toIntExact(RespOutput.utf8Length(text)));
        out.writeCrlf();
    }

    private static void writeTextPayload(RespOutput out, char type, byte[] payload) {
        out.writeByte(type);
        out.writeDecimal(payload.length);
        out.writeCrlf();
        out.write(payload, 0, payload.length);
        out.writeCrlf();
    }

    private static void writeElements(RespOutput out, char type, List<RespValue> elements) {
        out.writeByte(type);
        out.writeDecimal(elements.size());
        out.writeCrlf();
        for (RespValue element : elements) {
            writeValue(out, element);
        }
    }

    private static void writeEntries(RespOutput out, char type, Map<RespValue, RespValue> entries) {
        out.writeByte(type);
        out.writeDecimal(entries.size());
        out.writeCrlf();
        for (Map.Entry<RespValue, RespValue> entry : entries.entrySet()) {
            writeValue(out, entry.getKey());
            writeValue(out, entry.getValue());
        }
    }
}

package dev.aioj.redis.resp;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One RESP2 or RESP3 value, as {@link RespParser} produces it and
 * {@link RespEncoder#encodeValue} writes it: the vocabulary every layer above
 * the socket speaks (connections, codecs, the server). A sealed family of
 * records, so a {@code switch} over a value is checked for exhaustiveness:
 * adding a type breaks the build exactly where it must be handled.
 *
 * <p>Naming: a record takes the RESP type's name, with a {@code Reply} suffix
 * only where the bare name would shadow a {@code java.lang} or
 * {@code java.util} type ({@code ErrorReply}, {@code MapReply},
 * {@code SetReply}, {@code DoubleReply}), so {@code import RespValue.*} is safe.
 *
 * <p>RESP2 and RESP3 nulls ({@code $-1}, {@code *-1}, {@code _}) are all
 * {@link Null}. Aggregates are immutable and keep the server's order. A
 * RESP3 <em>attribute</em> ({@code |}) is not a reply of its own: it is
 * auxiliary data about the value that follows it, so the parser returns the
 * two as one {@link Attributed} value in the place of that value (at top
 * level, or as an element inside an aggregate). A client that ignores
 * attributes unwraps it with {@link Attributed#value()}; one reply is still
 * exactly one value, so replies never desync from their commands.
 *
 * <p>Values are immutable and safe to share across threads, except that
 * {@link Bulk#bytes()} hands out the array itself (see there).
 */
public sealed interface RespValue {

    /** A simple string ({@code +OK}). The parser returns shared instances for OK, PONG and QUEUED. */
    record Simple(String text) implements RespValue {
        public static final Simple OK = new Simple("OK");
        public static final Simple PONG = new Simple("PONG");
        public static final Simple QUEUED = new Simple("QUEUED");

        public Simple {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * An error reply: a simple error ({@code -ERR unknown command}) or a RESP3
     * blob error ({@code !}). {@code message} is the full text as sent;
     * {@code kind} its first word ({@code ERR}, {@code WRONGTYPE}, ...).
     */
    record ErrorReply(String kind, String message) implements RespValue {
        public ErrorReply {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
            if (kind.indexOf(' ') >= 0 || !message.startsWith(kind)
                    || (message.length() > kind.length() && message.charAt(kind.length()) != ' ')) {
                throw new IllegalArgumentException("kind is not the first word of message: " + kind + " / " + message);
            }
        }

        /** An error reply whose kind is the first word of {@code message}. */
        public static ErrorReply of(String message) {
            int space = message.indexOf(' ');
            return new ErrorReply(space < 0 ? message : message.substring(0, space), message);
        }

        /** The text after the kind ({@code ""} if none). */
        public String detail() {
            return message.length() > kind.length() ? message.substring(kind.length() + 1) : "";
        }
    }

    /** An integer ({@code :42}), signed 64 bits. */
    record Int(long value) implements RespValue {}

    /**
     * A bulk string ({@code $5\r\nhello}): binary-safe bytes. The record holds
     * the array it was given, without copying; {@link #bytes()} returns that
     * array, which the holder must not modify.
     */
    record Bulk(byte[] bytes) implements RespValue {
        public Bulk {
            Objects.requireNonNull(bytes, "bytes");
        }

        /** A bulk string of {@code text} in UTF-8. */
        public static Bulk of(String text) {
            return new Bulk(text.getBytes(StandardCharsets.UTF_8));
        }

        /** The bytes decoded as UTF-8 (malformed input becomes U+FFFD). */
        public String utf8() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bulk other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        /** Printable ASCII as is, other bytes escaped like redis-cli does; long values are cut. */
        @Override
        public String toString() {
            return "Bulk[" + ByteText.quote(bytes, 64) + "]";
        }
    }

    /** Null: RESP2's {@code $-1} and {@code *-1}, RESP3's {@code _}. */
    record Null() implements RespValue {
        public static final Null INSTANCE = new Null();
    }

    /** An array ({@code *}): immutable, in the server's order. */
    record Array(List<RespValue> elements) implements RespValue {
        public Array {
            elements = FrozenList.copyOf(elements);
        }

        public static Array of(RespValue... elements) {
            return new Array(FrozenList.copyOf(Arrays.asList(elements)));
        }
    }

    /**
     * A RESP3 map ({@code %}): immutable, iterating in the server's order. Keys
     * are values too; {@link #get(String)} looks one up by its text.
     */
    record MapReply(Map<RespValue, RespValue> entries) implements RespValue {
        public MapReply {
            entries = FrozenMap.copyOf(entries);
        }

        /** The value whose key is the bulk or simple string {@code key}, or {@code null}. */
        public RespValue get(String key) {
            RespValue value = entries.get(Bulk.of(key));
            return value != null ? value : entries.get(new Simple(key));
        }
    }

    /**
     * A RESP3 set ({@code ~}): the elements in the server's order, as a list.
     * The server sends no duplicates; turning them into a {@code java.util.Set}
     * (of strings, of bytes) is the codec's choice, not the parser's.
     */
    record SetReply(List<RespValue> elements) implements RespValue {
        public SetReply {
            elements = FrozenList.copyOf(elements);
        }
    }

    /**
     * A RESP3 double ({@code ,3.14}, {@code ,inf}, {@code ,-inf}, {@code ,nan}).
     * Record equality compares like {@link Double#compare}: NaN equals NaN.
     */
    record DoubleReply(double value) implements RespValue {}

    /** A RESP3 big number ({@code (3492890328409238509324850943850943825024385}). */
    record BigNumber(BigInteger value) implements RespValue {
        public BigNumber {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A RESP3 boolean ({@code #t}, {@code #f}). The parser returns {@link #TRUE} and {@link #FALSE}. */
    record Bool(boolean value) implements RespValue {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);

        public static Bool of(boolean value) {
            return value ? TRUE : FALSE;
        }
    }

    /**
     * A RESP3 verbatim string ({@code =15\r\ntxt:Some string}): text meant for
     * humans (INFO, CLIENT LIST), with a three-character format such as
     * {@code txt} or {@code mkd}. The text is decoded as UTF-8.
     */
    record Verbatim(String format, String text) implements RespValue {
        public Verbatim {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(text, "text");
            if (format.length() != 3) throw new IllegalArgumentException("format is not 3 characters: " + format);
        }
    }

    /**
     * A RESP3 push ({@code >}): out-of-band data (pub/sub messages, client-side
     * caching invalidations) that answers no command. The connection routes it
     * to its listener instead of the reply queue.
     */
    record Push(List<RespValue> elements) implements RespValue {
        public Push {
            elements = FrozenList.copyOf(elements);
        }
    }

    /**
     * A value preceded by a RESP3 attribute ({@code |}): {@code attributes} is
     * the attribute map, {@code value} the value it describes. See the type's
     * documentation for why the two travel together.
     */
    record Attributed(Map<RespValue, RespValue> attributes, RespValue value) implements RespValue {
        public Attributed {
            attributes = FrozenMap.copyOf(attributes);
            Objects.requireNonNull(value, "value");
        }
    }
}

package dev.aioj.amqp;

/**
 * The broker sent bytes that are not AMQP 0-9-1 as this client understands
 * it: a frame larger than the negotiated frame_max, a bad end byte, an
 * unknown frame type or method. The connection closes (every pending future
 * fails with this). {@link #offset()} is the byte of the stream where the
 * fault was found (counted from the first byte the broker sent), {@link
 * #value()} the offending value.
 */
public final class AmqpProtocolException extends AmqpException {

    private static final long serialVersionUID = 1L;

    private final long offset;
    private final long value;

    public AmqpProtocolException(String what, long offset, long value) {
        super(what + ": " + value + " at offset " + offset);
        this.offset = offset;
        this.value = value;
    }

    /** Where in the broker's byte stream the fault is. */
    public long offset() {
        return offset;
    }

    /** The offending value (a size, a type, an end byte, a method id). */
    public long value() {
        return value;
    }
}

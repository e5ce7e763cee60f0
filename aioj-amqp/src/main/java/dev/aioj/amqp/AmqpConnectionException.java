package dev.aioj.amqp;

/**
 * The connection ended while this operation was pending or queued: the
 * broker closed it (connection.close: {@link #replyCode()} and {@link
 * #replyText()}), the socket was lost or the peer went silent past twice the
 * heartbeat (reply code 0), or this client closed it (reply code 200).
 *
 * <p>{@link #mayHaveBeenDelivered()} tells a publisher whether it can retry
 * without a duplicate: false when the message was never written to the
 * socket; true when it was written but the broker's confirm never came, so
 * the broker may have routed it.
 */
public final class AmqpConnectionException extends AmqpException {

    private static final long serialVersionUID = 1L;

    private final int replyCode;
    private final String replyText;
    private final boolean mayHaveBeenDelivered;

    public AmqpConnectionException(String message, int replyCode, String replyText, boolean mayHaveBeenDelivered,
            Throwable cause) {
        super(message + (mayHaveBeenDelivered ? " (the message may have been delivered)" : ""), cause);
        this.replyCode = replyCode;
        this.replyText = replyText;
        this.mayHaveBeenDelivered = mayHaveBeenDelivered;
    }

    /** The broker's reply code (320 CONNECTION_FORCED, 501 FRAME_ERROR...), 200 a client close, 0 a lost socket. */
    public int replyCode() { return replyCode; }

    /** The broker's reply text, or a description of the loss. */
    public String replyText() { return replyText; }

    /** Whether the operation was written before the connection ended (see the class comment). */
    public boolean mayHaveBeenDelivered() { return mayHaveBeenDelivered; }

    /** The same failure for an operation with another delivery status. */
    AmqpConnectionException withDelivery(boolean mayHaveBeenDelivered) {
        if (mayHaveBeenDelivered == this.mayHaveBeenDelivered) return this;
        String base = getMessage().replace(" (the message may have been delivered)", "");
        return new AmqpConnectionException(base, replyCode, replyText, mayHaveBeenDelivered, getCause());
    }
}

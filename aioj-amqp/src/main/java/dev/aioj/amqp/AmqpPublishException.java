package dev.aioj.amqp;

/**
 * A confirmed publish the broker did not take: it answered basic.nack
 * ({@link Kind#NACKED}: an internal error in the queue, or a queue's
 * overflow setting reject-publish), or, for a {@code mandatory} publish,
 * basic.return ({@link Kind#RETURNED}: no queue was bound for its routing
 * key; {@link #replyCode()} 312 NO_ROUTE).
 */
public final class AmqpPublishException extends AmqpException {

    private static final long serialVersionUID = 1L;

    /** Why the broker refused the message. */
    public enum Kind { NACKED, RETURNED }

    private final Kind kind;
    private final int replyCode;
    private final String exchange;
    private final String routingKey;

    AmqpPublishException(Kind kind, int replyCode, String replyText, String exchange, String routingKey) {
        super((kind == Kind.NACKED ? "broker nacked the message" : "broker returned the message: " + replyCode + " "
                + replyText) + " (exchange '" + exchange + "', routing key '" + routingKey + "')");
        this.kind = kind;
        this.replyCode = replyCode;
        this.exchange = exchange;
        this.routingKey = routingKey;
    }

    public Kind kind() { return kind; }

    /** basic.return's reply code (312 NO_ROUTE), 0 for a nack. */
    public int replyCode() { return replyCode; }

    public String exchange() { return exchange; }

    public String routingKey() { return routingKey; }
}

package dev.aioj.amqp;

/**
 * A channel was closed: by the broker (channel.close with its reply code and
 * text, e.g. 404 NOT_FOUND for a publish to a missing exchange, 406
 * PRECONDITION_FAILED for a redeclare with other arguments), or by this
 * client. Every future pending on that channel fails with this exception,
 * once; the connection and its other channels go on.
 */
public final class AmqpChannelClosedException extends AmqpException {

    private static final long serialVersionUID = 1L;

    private final int channel;
    private final int replyCode;
    private final String replyText;
    private final int classId;
    private final int methodId;
    private final boolean byBroker;

    public AmqpChannelClosedException(int channel, int replyCode, String replyText, int classId, int methodId,
            boolean byBroker) {
        super("channel " + channel + " closed by " + (byBroker ? "the broker" : "the client") + ": " + replyCode
                + " " + replyText + (classId != 0 ? " (in method " + classId + "." + methodId + ")" : ""));
        this.channel = channel;
        this.replyCode = replyCode;
        this.replyText = replyText;
        this.classId = classId;
        this.methodId = methodId;
        this.byBroker = byBroker;
    }

    public int channel() { return channel; }

    /** AMQP's reply code: 404 NOT_FOUND, 406 PRECONDITION_FAILED, 403 ACCESS_REFUSED, 200 a normal close... */
    public int replyCode() { return replyCode; }

    /** The broker's text, e.g. "NOT_FOUND - no exchange 'x' in vhost '/'". */
    public String replyText() { return replyText; }

    /** The class id of the method that caused the close, 0 if none. */
    public int classId() { return classId; }

    /** The method id of the method that caused the close, 0 if none. */
    public int methodId() { return methodId; }

    /** Whether the broker closed the channel (else the client did). */
    public boolean byBroker() { return byBroker; }
}

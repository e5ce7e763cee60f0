package dev.aioj.amqp;

/** The root of aioj-amqp's exceptions: catch this for any failure of the client. */
public class AmqpException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AmqpException(String message) {
        super(message);
    }

    public AmqpException(String message, Throwable cause) {
        super(message, cause);
    }
}

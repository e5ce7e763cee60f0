package dev.aioj.server;

/**
 * A directive's value was refused: {@link #reason()} is redis-server's own
 * text for it ("argument couldn't be parsed into an integer", "argument
 * must be 'yes' or 'no'", ...), which CONFIG SET puts after {@code
 * "CONFIG SET failed (possibly related to argument 'x') - "} and the config
 * file loader prints under the offending line. Internal: users see a {@link
 * ConfigException} or an error reply.
 */
final class DirectiveException extends Exception {

    private final String reason;
    private final String detail;

    DirectiveException(String reason) {
        this(reason, reason);
    }

    /**
     * A refusal whose reply text is Redis's {@code reason} ("Unable to update
     * TLS configuration. Check server logs.") while {@code detail} says what
     * really failed, for the log and for a server that cannot start.
     */
    DirectiveException(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
        this.detail = detail;
    }

    /** Redis's words for what is wrong with the value. */
    String reason() {
        return reason;
    }

    /** What went wrong, in full. */
    String detail() {
        return detail;
    }
}

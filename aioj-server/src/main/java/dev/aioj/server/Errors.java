package dev.aioj.server;

import java.nio.charset.StandardCharsets;

/**
 * Redis 7's error replies, word for word (server.c's {@code shared.*err} and
 * the texts of the command files), so that clients matching on them behave
 * as with Redis. Each constant is the reply without its leading '-' and
 * trailing CRLF; {@link ReplyWriter#error} adds both.
 *
 * <p>Thread contract: constants and pure functions, any thread.
 */
final class Errors {

    private Errors() {}

    static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    static final String SYNTAX = "ERR syntax error";
    static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    static final String NOT_FLOAT = "ERR value is not a valid float";
    static final String OUT_OF_RANGE = "ERR index out of range";
    static final String NO_SUCH_KEY = "ERR no such key";
    static final String NOAUTH = "NOAUTH Authentication required.";
    static final String EXECABORT = "EXECABORT Transaction discarded because of previous errors.";
    static final String DB_INDEX = "ERR DB index is out of range";
    static final String INCR_OVERFLOW = "ERR increment or decrement would overflow";
    static final String NAN_OR_INFINITY = "ERR increment would produce NaN or Infinity";
    static final String STRING_TOO_LONG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
    static final String OFFSET_RANGE = "ERR offset is out of range";
    static final String POSITIVE = "ERR value is out of range, must be positive";
    static final String HASH_NOT_INTEGER = "ERR hash value is not an integer";
    static final String HASH_NOT_FLOAT = "ERR hash value is not a float";
    static final String INVALID_CURSOR = "ERR invalid cursor";
    static final String TIMEOUT_NOT_FLOAT = "ERR timeout is not a float or out of range";
    static final String TIMEOUT_NEGATIVE = "ERR timeout is negative";
    static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";
    static final String MAX_CLIENTS = "ERR max number of clients reached";

    static final String PROTECTED_MODE = "DENIED Redis is running in protected mode because protected "
            + "mode is enabled and no password is set for the default user. "
            + "In this mode connections are only accepted from the loopback interface. "
            + "If you want to connect from external computers to Redis you "
            + "may adopt one of the following solutions: "
            + "1) Just disable protected mode sending the command "
            + "'CONFIG SET protected-mode no' from the loopback interface "
            + "by connecting to Redis from the same host the server is "
            + "running, however MAKE SURE Redis is not publicly accessible "
            + "from internet if you do so. Use CONFIG REWRITE to make this "
            + "change permanent. "
            + "2) Alternatively you can just disable the protected mode by "
            + "editing the Redis configuration file, and setting the protected "
            + "mode option to 'no', and then restarting the server. "
            + "3) If you started the server manually just for testing, restart "
            + "it with the '--protected-mode no' option. "
            + "4) Setup a an authentication password for the default user. "
            + "NOTE: You only need to do one of the above things in order for "
            + "the server to start accepting connections from the outside.";

    /** Redis's commandCheckArity text; {@code fullName} is e.g. "get" or "client|setname". */
    static String arity(String fullName) {
        return "ERR wrong number of arguments for '" + fullName + "' command";
    }

    /**
     * Redis's commandCheckExistence text for an unknown command: the name
     * (up to 128 bytes) and the arguments, each quoted, until 128 bytes of
     * them are shown.
     */
    static String unknownCommand(byte[][] argv) {
        StringBuilder args = new StringBuilder();
        int shown = 0;
        for (int i = 1; i < argv.length && shown < 128; i++) {
            int room = 128 - shown;
            String arg = latin1(argv[i], room);
            String item = "'" + arg + "' ";
            args.append(item);
            shown += item.length();
        }
        return "ERR unknown command '" + latin1(argv[0], 128) + "', with args beginning with: " + args;
    }

    /** Redis's text for a container command (CLIENT, CONFIG, ...) with an unknown subcommand. */
    static String unknownSubcommand(byte[] container, byte[] subcommand) {
        return "ERR unknown subcommand '" + latin1(subcommand, 128) + "'. Try "
                + latin1(container, Integer.MAX_VALUE).toUpperCase(java.util.Locale.ROOT) + " HELP.";
    }

    /** Redis's text for a subcommand that exists but was given wrong arguments (addReplySubcommandSyntaxError). */
    static String subcommandSyntax(byte[] container, byte[] subcommand) {
        return "ERR unknown subcommand or wrong number of arguments for '" + latin1(subcommand, 128) + "'. Try "
                + latin1(container, Integer.MAX_VALUE).toUpperCase(java.util.Locale.ROOT) + " HELP.";
    }

    /**
     * A client's bytes as Redis's C format strings print them: up to the first
     * NUL byte and at most {@code max} bytes, as ISO-8859-1 text, one char per
     * byte; {@link ReplyWriter#error} encodes errors as ISO-8859-1 too, so the
     * bytes go back to the client unchanged.
     */
    static String latin1(byte[] b, int max) {
        int n = 0;
        int limit = Math.min(b.length, max);
        while (n < limit && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }
}

package dev.aioj.server;

/**
 * The reply of a container command's HELP subcommand, Redis's addReplyHelp:
 * a header naming the command, the command's lines, and the HELP entry, each
 * a status reply in one array.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class HelpReply {

    private HelpReply() {}

    /** Replies with {@code lines} framed as Redis frames them; {@code command} is upper-cased. */
    static void send(Client c, String command, String... lines) {
        c.reply.array(lines.length + 3);
        c.reply.simple(command.toUpperCase(java.util.Locale.ROOT)
                + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        for (String line : lines) {
            c.reply.simple(line);
        }
        c.reply.simple("HELP");
        c.reply.simple("    Prints this help.");
    }
}

package dev.aioj.server;

import java.util.List;

/**
 * The {@code user} lines aioj-server can honour: those for the {@code
 * default} user with full access, which set or clear its password ({@code
 * user default on >secret ~* &* +@all}, {@code user default on nopass ...}).
 * Any other user or rule is refused rather than dropped: a config that
 * relies on ACLs must not start without them.
 *
 * <p>Thread contract: pure functions, any thread.
 */
final class DefaultUser {

    private static final List<String> FULL_ACCESS =
            List.of("~*", "allkeys", "&*", "allchannels", "+@all", "allcommands");

    private DefaultUser() {}

    /** The password the rules leave the default user with, or null for none (nopass). */
    static String password(List<String> args) throws DirectiveException {
        if (!args.get(0).equals("default")) {
            throw new DirectiveException("Error in user declaration '" + args.get(0) + "': aioj-server has only the "
                    + "default user");
        }
        String password = null;
        boolean on = false;
        for (String rule : args.subList(1, args.size())) {
            if (rule.startsWith(">")) {
                if (password != null) {
                    throw unsupported(rule, "aioj-server keeps one password for the default user");
                }
                password = rule.substring(1);
            } else if (rule.equals("nopass") || rule.equals("resetpass")) {
                password = null;
            } else if (rule.equals("on")) {
                on = true;
            } else if (rule.equals("off")) {
                throw unsupported("off", "the default user must be 'on' in aioj-server");
            } else if (rule.equals("reset")) {
                on = false;
                password = null;
            } else if (!FULL_ACCESS.contains(rule)) {
                throw unsupported(rule, "aioj-server supports only 'user default on nopass|>password ~* &* +@all'");
            }
        }
        if (!on) {
            throw unsupported("off", "the default user must be 'on' in aioj-server");
        }
        return password;
    }

    private static DirectiveException unsupported(String rule, String why) {
        return new DirectiveException("Error in user declaration '" + rule + "': " + why);
    }
}

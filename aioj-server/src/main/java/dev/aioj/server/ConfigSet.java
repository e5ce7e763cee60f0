package dev.aioj.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * CONFIG SET, Redis 7's way: several directives at once, all or nothing.
 * Every name is checked first (unknown, immutable, protected, repeated: the
 * first problem wins), then every value is parsed and set, then the hooks of
 * the changed directives run once each; a refused value or a failing hook
 * puts every value back and runs the hooks again.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ConfigSet {

    private static final System.Logger LOG = System.getLogger(ConfigSet.class.getName());

    private ConfigSet() {}

    static void set(Client c, byte[][] argv) {
        if (argv.length % 2 != 0) {
            c.reply.error(Errors.SYNTAX);
            return;
        }
        ServerState s = c.server;
        int n = (argv.length - 2) / 2;
        Directive[] directives = new Directive[n];
        String[] names = new String[n];
        String unknown = null;
        String problem = null;
        String problemArg = null;
        for (int i = 0; i < n && unknown == null && problem == null; i++) {
            String given = Errors.latin1(argv[2 + 2 * i], argv[2 + 2 * i].length);
            Directive d = DirectiveTable.find(given);
            if (d == null) {
                unknown = given;
            } else if (d.is(Directive.IMMUTABLE)) {
                problem = "can't set immutable config";
                problemArg = given;
            } else if (d.is(Directive.PROTECTED) && !protectedAllowed(c)) {
                problem = "can't set protected config";
                problemArg = given;
            } else if (Arrays.asList(directives).subList(0, i).contains(d)) {
                problem = "duplicate parameter";
                problemArg = given;
            } else {
                directives[i] = d;
                names[i] = given.toLowerCase(Locale.ROOT);
            }
        }
        if (unknown != null) {
            c.reply.error("ERR Unknown option or number of arguments for CONFIG SET - '" + unknown + "'");
            return;
        }
        if (problem != null) {
            c.reply.error(failed(problemArg, problem));
            return;
        }

        Object[] old = new Object[n];
        List<Directive> changed = new ArrayList<>();
        ParseContext context = ParseContext.forRuntime(s.live.directory());
        for (int i = 0; i < n; i++) {
            Directive d = directives[i];
            old[i] = s.live.get(d);
            String value = new String(argv[3 + 2 * i], StandardCharsets.UTF_8);
            try {
                Object parsed = d.parse(words(d, value), old[i], context);
                s.live.set(d, parsed);
                if (!Objects.equals(parsed, old[i]) || d.is(Directive.VOLATILE)) {
                    changed.add(d);
                }
            } catch (DirectiveException e) {
                restore(s, directives, old, i + 1);
                c.reply.error(failed(names[i], e.reason()));
                return;
            }
        }
        HookFailure failure = runHooks(s, changed);
        if (failure != null) {
            LOG.log(System.Logger.Level.WARNING, "Failed applying new configuration. Possibly related to new {0} "
                    + "setting. Restoring previous settings.", failure.directive().name());
            restore(s, directives, old, n);
            runHooks(s, changed);
            c.reply.error(failed(failure.directive().name(), failure.reason()));
            return;
        }
        for (Directive d : changed) {
            if (!d.honoured() && !Objects.equals(s.live.get(d), d.defaultValue())) {
                LOG.log(System.Logger.Level.INFO, "CONFIG SET {0}: accepted, not honoured by aioj-server ({1})",
                        d.name(), d.note());
            }
        }
        c.reply.ok();
    }

    /** A hook that refused: its directive and Redis's words. */
    private record HookFailure(Directive directive, String reason) {}

    /** Runs each changed directive's hook once; the first failure, or null. */
    private static HookFailure runHooks(ServerState s, List<Directive> changed) {
        Set<Directive.Hook> done = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Directive d : changed) {
            Directive.Hook hook = d.hook();
            if (hook != null && done.add(hook)) {
                try {
                    hook.apply(s);
                } catch (DirectiveException e) {
                    return new HookFailure(d, e.reason());
                }
            }
        }
        return null;
    }

    private static void restore(ServerState s, Directive[] directives, Object[] old, int count) {
        for (int i = 0; i < count; i++) {
            s.live.set(directives[i], old[i]);
        }
    }

    /**
     * The words of a CONFIG SET value: a multi-word directive's value split
     * at single spaces as Redis splits it (so "" is no words at all).
     */
    private static List<String> words(Directive d, String value) {
        if (!d.is(Directive.MULTI_ARG)) {
            return List.of(value);
        }
        return value.isEmpty() ? List.of() : Arrays.asList(value.split(" ", -1));
    }

    /** enable-protected-configs: yes, or local for a loopback client. */
    private static boolean protectedAllowed(Client c) {
        String allowed = c.server.live.choiceName(NetworkDirectives.ENABLE_PROTECTED_CONFIGS);
        return allowed.equals("yes") || (allowed.equals("local") && c.isLocal());
    }

    private static String failed(String name, String reason) {
        return "ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + reason;
    }
}

package dev.aioj.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One command as COMMAND DOCS describes it (Redis's addReplyCommandDocs):
 * summary, since, group, complexity, doc flags, deprecation, history,
 * arguments (nested for oneof and block arguments) and the subcommands this
 * server has, from Redis 7.0's description ({@link CommandDocs}). This is what
 * redis-cli reads for its hints and {@code help}.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class CommandDocsReply {

    private CommandDocsReply() {}

    /** Redis's addReplyCommandDocs: a map of summary, since, group, complexity, ... subcommands. */
    static void docs(ReplyWriter r, Command cmd) {
        CommandDocs.Doc doc = CommandDescription.docOf(cmd);
        Map<String, Object> j = doc.json();
        List<Command> subs = cmd.subcommands() == null ? List.of() : cmd.subcommands().all();
        List<Object> docFlags = doc.list("doc_flags");
        int n = 1;
        for (String field : new String[] {"summary", "since", "complexity", "deprecated_since", "replaced_by"}) {
            if (j.get(field) != null) {
                n++;
            }
        }
        // Redis's generator turns an empty history or argument list into none at all
        boolean history = !doc.list("history").isEmpty();
        boolean arguments = !doc.list("arguments").isEmpty();
        n += (docFlags.isEmpty() ? 0 : 1) + (history ? 1 : 0) + (arguments ? 1 : 0) + (subs.isEmpty() ? 0 : 1);
        r.map(n);
        bulkField(r, j, "summary");
        bulkField(r, j, "since");
        r.bulk("group");
        r.bulk(((String) j.get("group")).replace('_', '-'));
        bulkField(r, j, "complexity");
        if (!docFlags.isEmpty()) {
            r.bulk("doc_flags");
            List<String> names = new ArrayList<>();
            for (String f : new String[] {"DEPRECATED", "SYSCMD"}) {
                if (docFlags.contains(f)) {
                    names.add(f.toLowerCase(Locale.ROOT));
                }
            }
            r.set(names.size());
            for (String name : names) {
                r.simple(name);
            }
        }
        bulkField(r, j, "deprecated_since");
        bulkField(r, j, "replaced_by");
        if (history) {
            r.bulk("history");
            r.set(doc.list("history").size());
            for (Object h : doc.list("history")) {
                List<?> pair = (List<?>) h;
                r.array(2);
                r.bulk((String) pair.get(0));
                r.bulk((String) pair.get(1));
            }
        }
        if (arguments) {
            r.bulk("arguments");
            arguments(r, doc.list("arguments"));
        }
        if (!subs.isEmpty()) {
            r.bulk("subcommands");
            r.map(subs.size());
            for (Command sub : subs) {
                r.bulk(sub.fullName());
                docs(r, sub);
            }
        }
    }

    private static void arguments(ReplyWriter r, List<Object> args) {
        r.array(args.size());
        for (Object o : args) {
            Map<String, Object> a = CommandDescription.map(o);
            String type = (String) a.get("type");
            boolean nested = type.equals("oneof") || type.equals("block");
            List<String> flags = new ArrayList<>();
            for (String f : new String[] {"optional", "multiple", "multiple_token"}) {
                if (Boolean.TRUE.equals(a.get(f))) {
                    flags.add(f);
                }
            }
            int n = 2;
            for (String field : new String[] {"key_spec_index", "token", "summary", "since", "deprecated_since"}) {
                if (a.get(field) != null) {
                    n++;
                }
            }
            n += (flags.isEmpty() ? 0 : 1) + (nested ? 1 : 0);
            r.map(n);
            r.bulk("name");
            r.bulk(((String) a.get("name")).toLowerCase(Locale.ROOT));
            r.bulk("type");
            r.bulk(type);
            if (a.get("key_spec_index") != null) {
                r.bulk("key_spec_index");
                r.integer((Long) a.get("key_spec_index"));
            }
            if (a.get("token") != null) {
                r.bulk("token");
                r.bulk(((String) a.get("token")).toUpperCase(Locale.ROOT));
            }
            bulkField(r, a, "summary");
            bulkField(r, a, "since");
            bulkField(r, a, "deprecated_since");
            if (!flags.isEmpty()) {
                r.bulk("flags");
                r.set(flags.size());
                for (String f : flags) {
                    r.simple(f);
                }
            }
            if (nested) {
                r.bulk("arguments");
                arguments(r, CommandDescription.list(a.get("arguments")));
            }
        }
    }

    private static void bulkField(ReplyWriter r, Map<String, Object> j, String field) {
        Object v = j.get(field);
        if (v != null) {
            r.bulk(field);
            r.bulk((String) v);
        }
    }
}

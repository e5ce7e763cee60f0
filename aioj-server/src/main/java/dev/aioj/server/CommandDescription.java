package dev.aioj.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One command as COMMAND INFO describes it, rendered from Redis 7.0's
 * description ({@link CommandDocs}) exactly as Redis's addReplyCommandInfo
 * renders its own: flags and ACL categories in Redis's order (with the
 * implicit ones), the legacy first/last/step key positions and {@code
 * movablekeys} worked out from the key specs, tips, key specs, and the
 * subcommands this server has. COMMAND DOCS is {@link CommandDocsReply}. A
 * command Redis 7.0 does not have is described from the command table alone.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class CommandDescription {

    private CommandDescription() {}

    /** Redis's addReplyFlagsForCommand order; null for the computed movablekeys. */
    private static final String[] FLAG_ORDER = {
        "WRITE", "READONLY", "DENYOOM", "MODULE", "ADMIN", "PUBSUB", "NOSCRIPT", "BLOCKING", "LOADING", "STALE",
        "SKIP_MONITOR", "SKIP_SLOWLOG", "ASKING", "FAST", "NO_AUTH", "NO_MANDATORY_KEYS", "NO_ASYNC_LOADING",
        "NO_MULTI", null, "ALLOW_BUSY",
    };

    /** Redis's ACLCommandCategories order. */
    private static final String[] CATEGORY_ORDER = {
        "keyspace", "read", "write", "set", "sortedset", "list", "hash", "string", "bitmap", "hyperloglog", "geo",
        "stream", "pubsub", "admin", "fast", "slow", "blocking", "dangerous", "connection", "transaction",
        "scripting",
    };

    private static final String[] KEY_FLAG_ORDER = {
        "RO", "RW", "OW", "RM", "ACCESS", "UPDATE", "INSERT", "DELETE", "NOT_KEY", "INCOMPLETE", "VARIABLE_FLAGS",
    };

    /** The description of {@code cmd}: Redis's, or one made from the table for a command Redis 7.0 lacks. */
    static CommandDocs.Doc docOf(Command cmd) {
        CommandDocs.Doc doc = CommandDocs.get(cmd.fullName());
        return doc != null ? doc : fromTable(cmd);
    }

    // ------------------------------------------------------------------ COMMAND INFO

    /** Redis's addReplyCommandInfo: a 10-element array. */
    static void info(ReplyWriter r, Command cmd) {
        CommandDocs.Doc doc = docOf(cmd);
        LegacyRange range = legacyRange(doc);
        r.array(10);
        r.bulk(cmd.fullName());
        r.integer(doc.arity());
        List<String> flags = flagNames(doc, range.movable);
        r.set(flags.size());
        for (String f : flags) {
            r.simple(f);
        }
        r.integer(range.first);
        r.integer(range.last);
        r.integer(range.step);
        List<String> categories = categories(doc);
        r.set(categories.size());
        for (String c : categories) {
            r.simple("@" + c);
        }
        List<Object> tips = doc.list("command_tips");
        r.set(tips.size());
        for (Object tip : tips) {
            r.bulk(((String) tip).toLowerCase(Locale.ROOT));
        }
        keySpecs(r, doc.keySpecs());
        List<Command> subs = cmd.subcommands() == null ? List.of() : cmd.subcommands().all();
        if (subs.isEmpty()) {
            r.set(0);
        } else {
            r.array(subs.size());
            for (Command sub : subs) {
                info(r, sub);
            }
        }
    }

    /** The command flags COMMAND shows, in Redis's order. */
    static List<String> flagNames(CommandDocs.Doc doc, boolean movable) {
        List<String> have = doc.flags();
        List<String> names = new ArrayList<>();
        for (String f : FLAG_ORDER) {
            if (f == null) {
                if (movable) {
                    names.add("movablekeys");
                }
            } else if (have.contains(f)) {
                names.add(f.toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** The ACL categories, explicit and implied by the flags (Redis's setImplicitACLCategories). */
    static List<String> categories(CommandDocs.Doc doc) {
        List<String> explicit = new ArrayList<>();
        for (Object c : doc.list("acl_categories")) {
            explicit.add(((String) c).toLowerCase(Locale.ROOT));
        }
        List<String> flags = doc.flags();
        if (flags.contains("WRITE")) {
            explicit.add("write");
        }
        if (flags.contains("READONLY") && !explicit.contains("scripting")) {
            explicit.add("read");
        }
        if (flags.contains("ADMIN")) {
            explicit.add("admin");
            explicit.add("dangerous");
        }
        if (flags.contains("PUBSUB")) {
            explicit.add("pubsub");
        }
        if (flags.contains("FAST")) {
            explicit.add("fast");
        }
        if (flags.contains("BLOCKING")) {
            explicit.add("blocking");
        }
        if (!explicit.contains("fast")) {
            explicit.add("slow");
        }
        List<String> ordered = new ArrayList<>();
        for (String c : CATEGORY_ORDER) {
            if (explicit.contains(c)) {
                ordered.add(c);
            }
        }
        return ordered;
    }

    private static void keySpecs(ReplyWriter r, List<Map<String, Object>> specs) {
        r.set(specs.size());
        for (Map<String, Object> spec : specs) {
            String notes = (String) spec.get("notes");
            r.map(notes == null ? 3 : 4);
            if (notes != null) {
                r.bulk("notes");
                r.bulk(notes);
            }
            r.bulk("flags");
            keyFlags(r, spec);
            r.bulk("begin_search");
            Map<String, Object> bs = map(spec.get("begin_search"));
            r.map(2);
            r.bulk("type");
            if (bs.get("index") != null) {
                r.bulk("index");
                r.bulk("spec");
                r.map(1);
                r.bulk("index");
                r.integer(number(map(bs.get("index")), "pos"));
            } else if (bs.get("keyword") != null) {
                Map<String, Object> kw = map(bs.get("keyword"));
                r.bulk("keyword");
                r.bulk("spec");
                r.map(2);
                r.bulk("keyword");
                r.bulk((String) kw.get("keyword"));
                r.bulk("startfrom");
                r.integer(number(kw, "startfrom"));
            } else {
                unknownSpec(r);
            }
            r.bulk("find_keys");
            Map<String, Object> fk = map(spec.get("find_keys"));
            r.map(2);
            r.bulk("type");
            if (fk.get("range") != null) {
                Map<String, Object> range = map(fk.get("range"));
                r.bulk("range");
                r.bulk("spec");
                r.map(3);
                r.bulk("lastkey");
                r.integer(number(range, "lastkey"));
                r.bulk("keystep");
                r.integer(number(range, "step"));
                r.bulk("limit");
                r.integer(number(range, "limit"));
            } else if (fk.get("keynum") != null) {
                Map<String, Object> keynum = map(fk.get("keynum"));
                r.bulk("keynum");
                r.bulk("spec");
                r.map(3);
                r.bulk("keynumidx");
                r.integer(number(keynum, "keynumidx"));
                r.bulk("firstkey");
                r.integer(number(keynum, "firstkey"));
                r.bulk("keystep");
                r.integer(number(keynum, "step"));
            } else {
                unknownSpec(r);
            }
        }
    }

    /** A begin_search or find_keys Redis cannot describe: {@code {type: unknown, spec: {}}}'s rest. */
    private static void unknownSpec(ReplyWriter r) {
        r.bulk("unknown");
        r.bulk("spec");
        r.map(0);
    }

    /** A key spec's flags in Redis's order: RO RW OW RM access update insert delete not_key incomplete variable_flags. */
    static void keyFlags(ReplyWriter r, Map<String, Object> spec) {
        List<String> names = keyFlagNames(spec);
        r.set(names.size());
        for (String n : names) {
            r.simple(n);
        }
    }

    static List<String> keyFlagNames(Map<String, Object> spec) {
        List<?> flags = (List<?>) spec.get("flags");
        List<String> names = new ArrayList<>();
        for (String f : KEY_FLAG_ORDER) {
            if (flags != null && flags.contains(f)) {
                names.add(f.length() == 2 ? f : f.toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** first, last (absolute, -1 for "to the end"), step, and whether keys move (Redis's populateCommandLegacyRangeSpec). */
    record LegacyRange(int first, int last, int step, boolean movable) {}

    static LegacyRange legacyRange(CommandDocs.Doc doc) {
        if (doc.json().containsKey("_table_range")) {
            long[] t = (long[]) doc.json().get("_table_range");
            return new LegacyRange((int) t[0], (int) t[1], (int) t[2], false);
        }
        List<Map<String, Object>> specs = doc.keySpecs();
        if (specs.isEmpty()) {
            return new LegacyRange(0, 0, 0, false);
        }
        if (specs.size() == 1 && isIndexRange(specs.get(0))) {
            Map<String, Object> s = specs.get(0);
            Map<String, Object> range = map(map(s.get("find_keys")).get("range"));
            int pos = (int) number(map(map(s.get("begin_search")).get("index")), "pos");
            int lastkey = (int) number(range, "lastkey");
            return new LegacyRange(pos, lastkey >= 0 ? lastkey + pos : lastkey, (int) number(range, "step"),
                    keyFlagNames(s).contains("incomplete"));
        }
        boolean movable = false;
        int first = Integer.MAX_VALUE;
        int last = 0;
        int prevLast = 0;
        for (Map<String, Object> s : specs) {
            if (!isIndexRange(s)) {
                movable = true;
                continue;
            }
            Map<String, Object> range = map(map(s.get("find_keys")).get("range"));
            int pos = (int) number(map(map(s.get("begin_search")).get("index")), "pos");
            if (number(range, "step") != 1 || (prevLast != 0 && prevLast != pos - 1)) {
                movable = true;
                continue;
            }
            if (keyFlagNames(s).contains("incomplete")) {
                movable = true;
            }
            first = Math.min(first, pos);
            int lastAbs = (int) number(range, "lastkey");
            if (lastAbs >= 0) {
                lastAbs += pos;
            }
            last = Integer.compareUnsigned(last, lastAbs) >= 0 ? last : lastAbs;
            prevLast = last;
        }
        if (first == Integer.MAX_VALUE) {
            return new LegacyRange(0, 0, 0, true);
        }
        return new LegacyRange(first, last, 1, movable);
    }

    private static boolean isIndexRange(Map<String, Object> spec) {
        return map(spec.get("begin_search")).get("index") != null && map(spec.get("find_keys")).get("range") != null;
    }

    // ------------------------------------------------------------------ helpers

    /** A description from the command table, for a command Redis 7.0 does not have. */
    private static CommandDocs.Doc fromTable(Command cmd) {
        Map<String, Object> j = new java.util.LinkedHashMap<>();
        j.put("summary", cmd.summary());
        j.put("since", cmd.since());
        j.put("group", cmd.group());
        j.put("arity", (long) cmd.arity());
        j.put("command_flags", new ArrayList<Object>(Command.jsonFlagNames(cmd.flags())));
        j.put("_table_range", new long[] {cmd.firstKey(), cmd.lastKey(), cmd.step()});
        return new CommandDocs.Doc(cmd.fullName(), j);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    private static long number(Map<String, Object> m, String field) {
        return ((Long) m.get(field)).longValue();
    }
}

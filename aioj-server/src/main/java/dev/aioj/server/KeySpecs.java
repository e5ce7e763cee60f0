package dev.aioj.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the keys of a full command from its key specs, as Redis 7.0's
 * getKeysUsingKeySpecs does for COMMAND GETKEYS and GETKEYSANDFLAGS: each
 * spec begins at an index or after a keyword, then takes a range or a
 * counted list of arguments. Specs marked {@code NOT_KEY} are skipped.
 *
 * <p>Redis falls back on a hand-written function when the specs cannot
 * tell: SET and BITFIELD (whose key flags depend on the arguments) and SORT
 * and SORT_RO (whose STORE may be anywhere) have their ports here; for the
 * others (MIGRATE, XREAD...) the command answers as if its keys could not be
 * found.
 *
 * <p>Thread contract: pure functions, any thread.
 */
final class KeySpecs {

    private KeySpecs() {}

    /** A key's position in the command and the flags of the spec that found it. */
    record Key(int position, List<String> flags) {}

    /** Redis's doesCommandHaveKeys: a keys function, or a spec that is not NOT_KEY. */
    static boolean hasKeys(CommandDocs.Doc doc) {
        if (doc.json().get("get_keys_function") != null) {
            return true;
        }
        for (Map<String, Object> spec : doc.keySpecs()) {
            if (!CommandDescription.keyFlagNames(spec).contains("not_key")) {
                return true;
            }
        }
        return doc.json().containsKey("_table_range") && ((long[]) doc.json().get("_table_range"))[0] > 0;
    }

    /** The keys of {@code argv} (name included), or null when the specs cannot find them (Redis's -1 or 0). */
    static List<Key> find(CommandDocs.Doc doc, byte[][] argv) {
        if (doc.json().containsKey("_table_range")) {
            return fromTableRange((long[]) doc.json().get("_table_range"), argv);
        }
        boolean variableFlags = false;
        boolean anyKey = false;
        for (Map<String, Object> spec : doc.keySpecs()) {
            List<String> flags = CommandDescription.keyFlagNames(spec);
            variableFlags |= flags.contains("variable_flags");
            anyKey |= !flags.contains("not_key");
        }
        if (anyKey && !variableFlags) {
            List<Key> keys = fromSpecs(doc, argv);
            if (keys != null) {
                return keys.isEmpty() ? null : keys;
            }
        }
        // the specs cannot tell (variable flags, an unknown or incomplete spec, bad arguments): the keys function
        return byFunction(doc.string("get_keys_function"), argv);
    }

    /**
     * Redis's getKeysUsingKeySpecs: the keys, possibly none, or null where
     * it returns -1 (a spec it cannot follow or that finds out of bounds).
     */
    private static List<Key> fromSpecs(CommandDocs.Doc doc, byte[][] argv) {
        int argc = argv.length;
        List<Key> keys = new ArrayList<>();
        for (Map<String, Object> spec : doc.keySpecs()) {
            List<String> flags = CommandDescription.keyFlagNames(spec);
            if (flags.contains("not_key")) {
                continue;
            }
            Map<String, Object> bs = map(spec.get("begin_search"));
            int first = 0;
            if (bs.get("index") != null) {
                first = (int) number(map(bs.get("index")), "pos");
            } else if (bs.get("keyword") != null) {
                Map<String, Object> kw = map(bs.get("keyword"));
                int startFrom = (int) number(kw, "startfrom");
                String keyword = ((String) kw.get("keyword")).toLowerCase(java.util.Locale.ROOT); // Args.is wants lower case
                int start = startFrom > 0 ? startFrom : argc + startFrom;
                int end = startFrom > 0 ? argc - 1 : 1;
                for (int i = start; i != end; i = start <= end ? i + 1 : i - 1) {
                    if (i >= argc || i < 1) {
                        break;
                    }
                    if (Args.is(argv[i], keyword)) {
                        first = i + 1;
                        break;
                    }
                }
                if (first == 0) {
                    continue; // keyword not found: no keys from this spec
                }
            } else {
                return null;
            }
            Map<String, Object> fk = map(spec.get("find_keys"));
            int last;
            int step;
            if (fk.get("range") != null) {
                Map<String, Object> range = map(fk.get("range"));
                step = (int) number(range, "step");
                int lastkey = (int) number(range, "lastkey");
                int limit = (int) number(range, "limit");
                if (lastkey >= 0) {
                    last = first + lastkey;
                } else if (limit == 0) {
                    last = argc + lastkey;
                } else {
                    last = first + ((argc - first) / limit + lastkey);
                }
            } else if (fk.get("keynum") != null) {
                Map<String, Object> keynum = map(fk.get("keynum"));
                step = (int) number(keynum, "step");
                int keynumIdx = (int) number(keynum, "keynumidx");
                if (keynumIdx >= argc || first + keynumIdx >= argc) {
                    return null;
                }
                byte[] n = argv[first + keynumIdx];
                if (!Numbers.isLong(n) || Numbers.toLong(n) < 0) {
                    return null;
                }
                first += (int) number(keynum, "firstkey");
                last = first + (int) Numbers.toLong(n) - 1;
            } else {
                return null;
            }
            if (last >= argc || last < first || first >= argc) {
                return null;
            }
            for (int i = first; i <= last; i += step) {
                keys.add(new Key(i, flags));
            }
            if (flags.contains("incomplete")) {
                return null;
            }
        }
        return keys;
    }

    /** Redis's setGetKeys, bitfieldGetKeys, sortGetKeys and sortROGetKeys: the key at 1, flags by the arguments; null for the others. */
    private static List<Key> byFunction(String function, byte[][] argv) {
        if ("setGetKeys".equals(function)) {
            for (int i = 3; i < argv.length; i++) {
                if (Args.is(argv[i], "get")) {
                    return List.of(new Key(1, List.of("RW", "access", "update")));
                }
            }
            return List.of(new Key(1, List.of("OW", "update")));
        }
        if ("bitfieldGetKeys".equals(function)) {
            boolean readonly = true;
            for (int i = 2; i < argv.length; i++) {
                int remaining = argv.length - i - 1;
                if (Args.is(argv[i], "get") && remaining >= 2) {
                    i += 2;
                } else if ((Args.is(argv[i], "set") || Args.is(argv[i], "incrby")) && remaining >= 3) {
                    readonly = false;
                    break;
                } else if (Args.is(argv[i], "overflow") && remaining >= 1) {
                    i += 1;
                } else {
                    readonly = false; // a syntax error: safer to assume it writes, as Redis does
                    break;
                }
            }
            return List.of(new Key(1, readonly ? List.of("RO", "access") : List.of("RW", "access", "update")));
        }
        if ("sortROGetKeys".equals(function)) {
            return List.of(new Key(1, List.of("RO", "access")));
        }
        if ("sortGetKeys".equals(function)) {
            return sortKeys(argv);
        }
        return null;
    }

    /**
     * Redis's sortGetKeys: the sorted key, and the last STORE's key. Options
     * are skipped by their argument counts (LIMIT 2, GET and BY 1) and the
     * STORE key itself is looked at as an option, as Redis's loop does.
     */
    private static List<Key> sortKeys(byte[][] argv) {
        int store = -1;
        for (int i = 2; i < argv.length; i++) {
            if (Args.is(argv[i], "limit")) {
                i += 2;
            } else if (Args.is(argv[i], "store") && i + 1 < argv.length) {
                store = i + 1;
            } else if (Args.is(argv[i], "get") || Args.is(argv[i], "by")) {
                i += 1;
            }
        }
        Key sorted = new Key(1, List.of("RO", "access"));
        return store < 0 ? List.of(sorted) : List.of(sorted, new Key(store, List.of("OW", "update")));
    }

    /** For a command Redis 7.0 lacks: the table's first, last, step positions. */
    private static List<Key> fromTableRange(long[] range, byte[][] argv) {
        int first = (int) range[0];
        if (first <= 0) {
            return null;
        }
        int last = range[1] < 0 ? argv.length + (int) range[1] : (int) range[1];
        List<Key> keys = new ArrayList<>();
        for (int i = first; i <= last && i < argv.length; i += (int) Math.max(1, range[2])) {
            keys.add(new Key(i, List.of()));
        }
        return keys.isEmpty() ? null : keys;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    private static long number(Map<String, Object> m, String field) {
        return (Long) m.get(field);
    }
}

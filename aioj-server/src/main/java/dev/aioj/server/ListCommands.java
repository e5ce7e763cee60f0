package dev.aioj.server;

import static dev.aioj.server.Command.DENYOOM;
import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.READONLY;
import static dev.aioj.server.Command.WRITE;

import java.util.Arrays;

/**
 * List commands (Redis's t_list.c): LPUSH, RPUSH, LPUSHX, RPUSHX, LPOP and
 * RPOP with COUNT, LRANGE, LLEN, LINDEX, LSET, LREM, LTRIM, LINSERT. An
 * emptied list is deleted, as in Redis. BLPOP and BRPOP are in {@link
 * BlockingListCommands}.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ListCommands {

    private ListCommands() {}

    static void register(CommandTable.Builder t) {
        String g = "list";
        t.add("lpush", -3, WRITE | DENYOOM | FAST, 1, 1, 1, g, "1.0.0", "Prepends one or more elements to a list. "
                + "Creates the key if it doesn't exist.", (c, a) -> push(c, a, true, false));
        t.add("rpush", -3, WRITE | DENYOOM | FAST, 1, 1, 1, g, "1.0.0", "Appends one or more elements to a list. "
                + "Creates the key if it doesn't exist.", (c, a) -> push(c, a, false, false));
        t.add("lpushx", -3, WRITE | DENYOOM | FAST, 1, 1, 1, g, "2.2.0",
                "Prepends one or more elements to a list only when the list exists.", (c, a) -> push(c, a, true, true));
        t.add("rpushx", -3, WRITE | DENYOOM | FAST, 1, 1, 1, g, "2.2.0",
                "Appends an element to a list only when the list exists.", (c, a) -> push(c, a, false, true));
        t.add("lpop", -2, WRITE | FAST, 1, 1, 1, g, "1.0.0",
                "Returns the first elements in a list after removing it. Deletes the list if the last element was popped.",
                (c, a) -> pop(c, a, true));
        t.add("rpop", -2, WRITE | FAST, 1, 1, 1, g, "1.0.0",
                "Returns and removes the last elements of a list. Deletes the list if the last element was popped.",
                (c, a) -> pop(c, a, false));
        t.add("lrange", 4, READONLY, 1, 1, 1, g, "1.0.0", "Returns a range of elements from a list.",
                ListCommands::lrange);
        t.add("llen", 2, READONLY | FAST, 1, 1, 1, g, "1.0.0", "Returns the length of a list.", ListCommands::llen);
        t.add("lindex", 3, READONLY, 1, 1, 1, g, "1.0.0", "Returns an element from a list by its index.",
                ListCommands::lindex);
        t.add("lset", 4, WRITE | DENYOOM, 1, 1, 1, g, "1.0.0", "Sets the value of an element in a list by its index.",
                ListCommands::lset);
        t.add("lrem", 4, WRITE, 1, 1, 1, g, "1.0.0",
                "Removes elements from a list. Deletes the list if the last element was removed.", ListCommands::lrem);
        t.add("ltrim", 4, WRITE, 1, 1, 1, g, "1.0.0",
                "Removes elements from both ends a list. Deletes the list if all elements were trimmed.",
                ListCommands::ltrim);
        t.add("linsert", 5, WRITE | DENYOOM, 1, 1, 1, g, "2.2.0",
                "Inserts an element before or after another element in a list.", ListCommands::linsert);
    }

    /** The list at {@code key}, null when absent; replies WRONGTYPE and returns {@link #WRONG} otherwise. */
    static ListValue list(Client c, Object v) {
        if (v == null || v instanceof ListValue) {
            return (ListValue) v;
        }
        c.reply.error(Errors.WRONGTYPE);
        return WRONG;
    }

    /** Marker for "wrong type, already replied". */
    static final ListValue WRONG = new ListValue();

    static void push(Client c, byte[][] argv, boolean left, boolean onlyIfExists) {
        byte[] key = argv[1];
        ListValue list = list(c, c.db.lookup(key));
        if (list == WRONG) {
            return;
        }
        boolean created = false;
        if (list == null) {
            if (onlyIfExists) {
                c.reply.raw(ReplyWriter.ZERO);
                return;
            }
            list = new ListValue();
            created = true;
        }
        for (int j = 2; j < argv.length; j++) {
            if (left) {
                list.pushFirst(argv[j]);
            } else {
                list.pushLast(argv[j]);
            }
        }
        if (created) {
            c.db.add(key, list); // wakes clients blocked on the key
        } else {
            c.db.signalModified(key);
        }
        c.db.notify(NotifyType.LIST, left ? "lpush" : "rpush", key);
        c.reply.integer(list.size());
    }

    static void pop(Client c, byte[][] argv, boolean left) {
        if (argv.length > 3) {
            c.reply.error(Errors.arity(left ? "lpop" : "rpop"));
            return;
        }
        boolean hasCount = argv.length == 3;
        long count = 0;
        if (hasCount) {
            if (!Args.isPositiveLong(c, argv[2])) {
                return;
            }
            count = Numbers.toLong(argv[2]);
        }
        byte[] key = argv[1];
        ListValue list = list(c, c.db.lookup(key));
        if (list == WRONG) {
            return;
        }
        if (list == null) {
            if (hasCount) {
                c.reply.nullArray();
            } else {
                c.reply.nullBulk();
            }
            return;
        }
        if (hasCount && count == 0) {
            c.reply.raw(ReplyWriter.EMPTY_ARRAY);
            return;
        }
        if (!hasCount) {
            c.reply.bulk(left ? list.popFirst() : list.popLast());
        } else {
            int n = (int) Math.min(count, list.size());
            c.reply.array(n);
            for (int i = 0; i < n; i++) {
                c.reply.bulk(left ? list.popFirst() : list.popLast());
            }
        }
        removedElements(c.db, key, list, left ? "lpop" : "rpop");
    }

    /**
     * After elements left a list (Redis's listElementsRemoved): the {@code
     * event}, then the list deleted if empty (and {@code del}); WATCH is told.
     */
    static void removedElements(Database db, byte[] key, ListValue list, String event) {
        db.notify(NotifyType.LIST, event, key);
        if (list.isEmpty()) {
            db.delete(key);
            db.notify(NotifyType.GENERIC, "del", key);
        } else {
            db.signalModified(key);
        }
    }

    static void lrange(Client c, byte[][] argv) {
        if (!Args.isLong(c, argv[2]) || !Args.isLong(c, argv[3])) {
            return;
        }
        ListValue list = list(c, c.db.lookupRead(argv[1]));
        if (list == WRONG) {
            return;
        }
        if (list == null) {
            c.reply.raw(ReplyWriter.EMPTY_ARRAY);
            return;
        }
        IndexRange range = IndexRange.ofElements(Numbers.toLong(argv[2]), Numbers.toLong(argv[3]), list.size());
        if (range.isEmpty()) {
            c.reply.raw(ReplyWriter.EMPTY_ARRAY);
            return;
        }
        c.reply.array((int) range.count());
        for (int i = (int) range.start(); i <= range.end(); i++) {
            c.reply.bulk(list.get(i));
        }
    }

    static void llen(Client c, byte[][] argv) {
        ListValue list = list(c, c.db.lookupRead(argv[1]));
        if (list != WRONG) {
            c.reply.integer(list == null ? 0 : list.size());
        }
    }

    static void lindex(Client c, byte[][] argv) {
        ListValue list = list(c, c.db.lookupRead(argv[1]));
        if (list == WRONG) {
            return;
        }
        if (list == null) {
            c.reply.nullBulk();
            return;
        }
        if (!Args.isLong(c, argv[2])) {
            return;
        }
        long index = Numbers.toLong(argv[2]);
        if (index < 0) {
            index += list.size();
        }
        if (index < 0 || index >= list.size()) {
            c.reply.nullBulk();
        } else {
            c.reply.bulk(list.get((int) index));
        }
    }

    static void lset(Client c, byte[][] argv) {
        ListValue list = list(c, c.db.lookup(argv[1]));
        if (list == WRONG) {
            return;
        }
        if (list == null) {
            c.reply.error(Errors.NO_SUCH_KEY);
            return;
        }
        if (!Args.isLong(c, argv[2])) {
            return;
        }
        long index = Numbers.toLong(argv[2]);
        if (index < 0) {
            index += list.size();
        }
        if (index < 0 || index >= list.size()) {
            c.reply.error(Errors.OUT_OF_RANGE);
            return;
        }
        list.set((int) index, argv[3]);
        c.reply.ok();
        c.db.signalModified(argv[1]);
        c.db.notify(NotifyType.LIST, "lset", argv[1]);
    }

    static void lrem(Client c, byte[][] argv) {
        if (!Args.isLong(c, argv[2])) {
            return;
        }
        long toRemove = Numbers.toLong(argv[2]);
        ListValue list = list(c, c.db.lookup(argv[1]));
        if (list == WRONG) {
            return;
        }
        if (list == null) {
            c.reply.raw(ReplyWriter.ZERO);
            return;
        }
        byte[] element = argv[3];
        long removed = 0;
        if (toRemove < 0) {
            long limit = toRemove == Long.MIN_VALUE ? Long.MAX_VALUE : -toRemove;
            for (int i = list.size() - 1; i >= 0 && removed < limit; i--) {
                if (Arrays.equals(list.get(i), element)) {
                    list.removeAt(i);
                    removed++;
                }
            }
        } else {
            for (int i = 0; i < list.size() && (toRemove == 0 || removed < toRemove); ) {
                if (Arrays.equals(list.get(i), element)) {
                    list.removeAt(i);
                    removed++;
                } else {
                    i++;
                }
            }
        }
        if (removed > 0) {
            removedElements(c.db, argv[1], list, "lrem");
        }
        c.reply.integer(removed);
    }

    static void ltrim(Client c, byte[][] argv) {
        if (!Args.isLong(c, argv[2]) || !Args.isLong(c, argv[3])) {
            return;
        }
        ListValue list = list(c, c.db.lookup(argv[1]));
        if (list == WRONG) {
            return;
        }
        if (list == null) {
            c.reply.ok();
            return;
        }
        long llen = list.size();
        IndexRange keep = IndexRange.ofElements(Numbers.toLong(argv[2]), Numbers.toLong(argv[3]), llen);
        if (keep.isEmpty()) {
            list.clear();
        } else if (keep.start() > 0 || keep.end() < llen - 1) {
            list.keepRange((int) keep.start(), (int) keep.end());
        }
        removedElements(c.db, argv[1], list, "ltrim");
        c.reply.ok();
    }

    static void linsert(Client c, byte[][] argv) {
        boolean after;
        if (Args.is(argv[2], "after")) {
            after = true;
        } else if (Args.is(argv[2], "before")) {
            after = false;
        } else {
            c.reply.error(Errors.SYNTAX);
            return;
        }
        ListValue list = list(c, c.db.lookup(argv[1]));
        if (list == WRONG) {
            return;
        }
        if (list == null) {
            c.reply.raw(ReplyWriter.ZERO);
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (Arrays.equals(list.get(i), argv[3])) {
                list.insert(after ? i + 1 : i, argv[4]);
                c.db.signalModified(argv[1]);
                c.db.notify(NotifyType.LIST, "linsert", argv[1]);
                c.reply.integer(list.size());
                return;
            }
        }
        c.reply.integer(-1);
    }
}

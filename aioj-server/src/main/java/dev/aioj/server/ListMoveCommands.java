package dev.aioj.server;

import static dev.aioj.server.Command.DENYOOM;
import static dev.aioj.server.Command.WRITE;

/**
 * Moving an element between lists (Redis's lmoveGenericCommand): LMOVE with
 * LEFT/RIGHT on each side and RPOPLPUSH, its older form. The usual base of
 * reliable queues; a list created at the destination wakes clients blocked on
 * it, as a push would. Source and destination may be the same list (rotation).
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ListMoveCommands {

    private ListMoveCommands() {}

    static void register(CommandTable.Builder t) {
        String g = "list";
        t.add("lmove", 5, WRITE | DENYOOM, 1, 2, 1, g, "6.2.0",
                "Returns an element after popping it from one list and pushing it to another. Deletes the list if "
                        + "the last element was moved.", ListMoveCommands::lmove);
        t.add("rpoplpush", 3, WRITE | DENYOOM, 1, 2, 1, g, "1.2.0",
                "Returns the last element of a list after removing and pushing it to another list. Deletes the list "
                        + "if the last element was popped.", (c, a) -> move(c, a[1], a[2], false, true));
    }

    static void lmove(Client c, byte[][] argv) {
        Boolean fromLeft = side(c, argv[3]);
        if (fromLeft == null) {
            return;
        }
        Boolean toLeft = side(c, argv[4]);
        if (toLeft == null) {
            return;
        }
        move(c, argv[1], argv[2], fromLeft, toLeft);
    }

    /** LEFT is true, RIGHT false; null after a syntax error reply. */
    static Boolean side(Client c, byte[] arg) {
        if (Args.is(arg, "left")) {
            return Boolean.TRUE;
        }
        if (Args.is(arg, "right")) {
            return Boolean.FALSE;
        }
        c.reply.error(Errors.SYNTAX);
        return null;
    }

    static void move(Client c, byte[] source, byte[] destination, boolean fromLeft, boolean toLeft) {
        ListValue src = ListCommands.list(c, c.db.lookup(source));
        if (src == ListCommands.WRONG) {
            return;
        }
        if (src == null || src.isEmpty()) {
            c.reply.nullBulk();
            return;
        }
        ListValue dst = ListCommands.list(c, c.db.lookup(destination));
        if (dst == ListCommands.WRONG) {
            return;
        }
        byte[] value = fromLeft ? src.popFirst() : src.popLast();
        boolean created = dst == null;
        if (created) {
            dst = new ListValue();
        }
        if (toLeft) {
            dst.pushFirst(value);
        } else {
            dst.pushLast(value);
        }
        if (created) {
            c.db.add(destination, dst); // wakes clients blocked on the destination
        } else {
            c.db.signalModified(destination);
        }
        c.db.notify(NotifyType.LIST, toLeft ? "lpush" : "rpush", destination);
        c.reply.bulk(value);
        ListCommands.removedElements(c.db, source, src, fromLeft ? "lpop" : "rpop");
    }
}

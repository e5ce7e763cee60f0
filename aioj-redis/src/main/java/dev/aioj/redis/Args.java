package dev.aioj.redis;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the argument array of one typed command: the command's words, its
 * keys and values, and its options, in the order Redis reads them. Typed
 * commands use it where the array has a variable length (varargs keys, maps,
 * optional options); fixed commands write their array literally.
 *
 * <p>It checks only the shape a typed method promises (a varargs array or map
 * that is null or empty); each argument's own type and nullness are checked by
 * {@link BaseCommands#command} when the command is sent, with a message that
 * names the argument's position.
 *
 * <p>Thread contract: one builder per call, confined to the calling thread.
 */
final class Args {

    private Object[] items;
    private int size;

    private Args(int capacity) {
        this.items = new Object[Math.max(capacity, 4)];
    }

    /** A builder starting with {@code head}, room for {@code more} more arguments. */
    static Args of(int more, Object... head) {
        Args args = new Args(head.length + more);
        System.arraycopy(head, 0, args.items, 0, head.length);
        args.size = head.length;
        return args;
    }

    Args add(Object arg) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = arg;
        return this;
    }

    Args add(Object first, Object second) {
        return add(first).add(second);
    }

    Args addAll(Object[] args) {
        for (Object arg : args) {
            add(arg);
        }
        return this;
    }

    Args addAll(Collection<?> args) {
        for (Object arg : args) {
            add(arg);
        }
        return this;
    }

    /** Each entry as two arguments, key then value, in the map's order. */
    Args addPairs(Map<?, ?> pairs) {
        pairs.forEach(this::add);
        return this;
    }

    /** {@code type[WORD WORD ...]}: how argument objects print themselves. */
    String describe(String type) {
        StringBuilder text = new StringBuilder(type).append('[');
        for (int i = 0; i < size; i++) {
            text.append(i > 0 ? " " : "").append(items[i]);
        }
        return text.append(']').toString();
    }

    Object[] array() {
        return size == items.length ? items : Arrays.copyOf(items, size);
    }

    /** {@code command} followed by {@code keys}, refusing a null or empty array (Redis would answer a syntax error). */
    static Object[] withKeys(String command, Object[] keys) {
        return of(nonEmpty(command, "key", keys).length, command).addAll(keys).array();
    }

    /** {@code command key} followed by {@code members}, refusing a null or empty array. */
    static Object[] withMembers(String command, Object key, String what, Object[] members) {
        return of(nonEmpty(command, what, members).length, command, key).addAll(members).array();
    }

    static Object[] nonEmpty(String command, String what, Object[] array) {
        Objects.requireNonNull(array, () -> what + "s of " + command + " is null");
        if (array.length == 0) {
            throw new IllegalArgumentException(command + " needs at least one " + what);
        }
        return array;
    }

    static <M extends Map<?, ?>> M nonEmpty(String command, String what, M map) {
        Objects.requireNonNull(map, () -> what + "s of " + command + " is null");
        if (map.isEmpty()) {
            throw new IllegalArgumentException(command + " needs at least one " + what);
        }
        return map;
    }

    static <C extends Collection<?>> C nonNull(String command, String what, C collection) {
        return Objects.requireNonNull(collection, () -> what + " of " + command + " is null");
    }
}

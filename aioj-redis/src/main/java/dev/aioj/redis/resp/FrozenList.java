package dev.aioj.redis.resp;

import java.util.AbstractList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The immutable list inside {@link RespValue} aggregates. The parser fills an
 * array of exactly the declared size and wraps it here without a copy;
 * {@link #copyOf} returns a {@code FrozenList} unchanged and copies anything
 * else, so a record's compact constructor can be defensive for users and free
 * for the parser. No one outside this package can make one, so no one else
 * holds the array.
 */
final class FrozenList<E> extends AbstractList<E> implements RandomAccess {

    private static final FrozenList<?> EMPTY = new FrozenList<>(new Object[0]);

    private final Object[] elements;

    private FrozenList(Object[] elements) {
        this.elements = elements;
    }

    /** Wraps {@code elements}, which the caller hands over and never touches again. */
    @SuppressWarnings("unchecked")
    static <E> FrozenList<E> adopt(Object[] elements) {
        return elements.length == 0 ? (FrozenList<E>) EMPTY : new FrozenList<>(elements);
    }

    /** {@code list} itself if it is frozen, else an immutable copy; null elements are rejected. */
    static <E> List<E> copyOf(Collection<? extends E> list) {
        if (list instanceof FrozenList<?>) {
            @SuppressWarnings("unchecked")
            List<E> frozen = (List<E>) list;
            return frozen;
        }
        Object[] copy = list.toArray();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == null) throw new NullPointerException("element " + i + " is null");
        }
        return adopt(copy);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        Objects.checkIndex(index, elements.length);
        return (E) elements[index];
    }

    @Override
    public int size() {
        return elements.length;
    }
}

package dev.aioj.server;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The ordered half of a sorted set: Redis's {@code zskiplist} (t_zset.c) with
 * spans, so that rank lookups (ZRANK, ZRANGE by index) are O(log n) as well
 * as score lookups. Elements are ordered by score, then by member bytes
 * (unsigned), as in Redis.
 *
 * <p>Ranks here are 1-based, as in Redis's zsl functions; callers convert.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class SkipList {

    /** Redis's ZSKIPLIST_MAXLEVEL and ZSKIPLIST_P. */
    private static final int MAX_LEVEL = 32;
    private static final double P = 0.25;

    /** One element; {@code forward[i]} and {@code span[i]} per level. */
    static final class Node {
        final byte[] member;
        double score;
        Node backward;
        final Node[] forward;
        final int[] span;

        Node(int level, double score, byte[] member) {
            this.member = member;
            this.score = score;
            this.forward = new Node[level];
            this.span = new int[level];
        }

        Node next() {
            return forward[0];
        }
    }

    private final Node header = new Node(MAX_LEVEL, 0, null);
    private final RandomGenerator random;
    private Node tail;
    private int length;
    private int level = 1;

    SkipList(RandomGenerator random) {
        this.random = random;
    }

    int length() {
        return length;
    }

    /** The level generator, shared by a copy of this list. */
    RandomGenerator random() {
        return random;
    }

    /** The lowest element, or null. */
    Node first() {
        return header.forward[0];
    }

    /** The highest element, or null. */
    Node last() {
        return tail;
    }

    private int randomLevel() {
        int lvl = 1;
        while (lvl < MAX_LEVEL && random.nextDouble() < P) {
            lvl++;
        }
        return lvl;
    }

    static int compare(double s1, byte[] m1, double s2, byte[] m2) {
        if (s1 < s2) {
            return -1;
        }
        if (s1 > s2) {
            return 1;
        }
        return Arrays.compareUnsigned(m1, m2);
    }

    /** Inserts an element known to be absent. */
    Node insert(double score, byte[] member) {
        Node[] update = new Node[MAX_LEVEL];
        int[] rank = new int[MAX_LEVEL];
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            rank[i] = i == level - 1 ? 0 : rank[i + 1];
            while (x.forward[i] != null && compare(x.forward[i].score, x.forward[i].member, score, member) < 0) {
                rank[i] += x.span[i];
                x = x.forward[i];
            }
            update[i] = x;
        }
        int lvl = randomLevel();
        if (lvl > level) {
            for (int i = level; i < lvl; i++) {
                rank[i] = 0;
                update[i] = header;
                update[i].span[i] = length;
            }
            level = lvl;
        }
        x = new Node(lvl, score, member);
        for (int i = 0; i < lvl; i++) {
            x.forward[i] = update[i].forward[i];
            update[i].forward[i] = x;
            x.span[i] = update[i].span[i] - (rank[0] - rank[i]);
            update[i].span[i] = (rank[0] - rank[i]) + 1;
        }
        for (int i = lvl; i < level; i++) {
            update[i].span[i]++;
        }
        x.backward = update[0] == header ? null : update[0];
        if (x.forward[0] != null) {
            x.forward[0].backward = x;
        } else {
            tail = x;
        }
        length++;
        return x;
    }

    /** Removes the element with this score and member; returns whether it was there. */
    boolean delete(double score, byte[] member) {
        Node[] update = new Node[MAX_LEVEL];
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && compare(x.forward[i].score, x.forward[i].member, score, member) < 0) {
                x = x.forward[i];
            }
            update[i] = x;
        }
        x = x.forward[0];
        if (x != null && x.score == score && Arrays.equals(x.member, member)) {
            unlink(x, update);
            return true;
        }
        return false;
    }

    private void unlink(Node x, Node[] update) {
        for (int i = 0; i < level; i++) {
            if (update[i].forward[i] == x) {
                update[i].span[i] += x.span[i] - 1;
                update[i].forward[i] = x.forward[i];
            } else {
                update[i].span[i] -= 1;
            }
        }
        if (x.forward[0] != null) {
            x.forward[0].backward = x.backward;
        } else {
            tail = x.backward;
        }
        while (level > 1 && header.forward[level - 1] == null) {
            level--;
        }
        length--;
    }

    /** Moves an element to a new score (delete and re-insert); returns its node. */
    Node updateScore(Node node, double newScore) {
        Node prev = node.backward;
        Node next = node.forward[0];
        if ((prev == null || prev.score < newScore) && (next == null || next.score > newScore)) {
            node.score = newScore; // stays in place
            return node;
        }
        byte[] member = node.member;
        delete(node.score, member);
        return insert(newScore, member);
    }

    /** The 1-based rank of an element known to be present, or 0. */
    int rank(double score, byte[] member) {
        int rank = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && compare(x.forward[i].score, x.forward[i].member, score, member) <= 0) {
                rank += x.span[i];
                x = x.forward[i];
            }
            if (x.member != null && x != header && Arrays.equals(x.member, member)) {
                return rank;
            }
        }
        return 0;
    }

    /** The element at 1-based {@code rank}, or null. */
    Node byRank(int rank) {
        int traversed = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && traversed + x.span[i] <= rank) {
                traversed += x.span[i];
                x = x.forward[i];
            }
            if (traversed == rank) {
                return x;
            }
        }
        return null;
    }

    /** The first element with a score in the range, or null. */
    Node firstInRange(ScoreRange range) {
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && !range.aboveMin(x.forward[i].score)) {
                x = x.forward[i];
            }
        }
        x = x.forward[0];
        return x != null && range.belowMax(x.score) ? x : null;
    }

    /** The last element with a score in the range, or null. */
    Node lastInRange(ScoreRange range) {
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && range.belowMax(x.forward[i].score)) {
                x = x.forward[i];
            }
        }
        return x != header && range.aboveMin(x.score) ? x : null;
    }

    /** A score interval with Redis's inclusive or exclusive ends ({@code (1.5}). */
    record ScoreRange(double min, boolean minExclusive, double max, boolean maxExclusive) {
        boolean aboveMin(double s) {
            return minExclusive ? s > min : s >= min;
        }

        boolean belowMax(double s) {
            return maxExclusive ? s < max : s <= max;
        }

        boolean isEmpty() {
            return min > max || (min == max && (minExclusive || maxExclusive));
        }
    }
}

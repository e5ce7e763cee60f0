package dev.aioj.server;

import java.util.random.RandomGenerator;

/**
 * A Redis sorted set: a {@link Dict} from member to its {@link SkipList.Node}
 * (O(1) ZSCORE, ZSCAN) plus the skip list ordered by score (ranges and
 * ranks), Redis's {@code zset} encoding. Small sets are stored the same way,
 * but remember whether Redis would still hold them as a listpack, for ZSCAN's
 * reply shape.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class SortedSet implements Value {

    private final EncodingLimits limits;
    final Dict members;
    final SkipList list;
    /** Whether Redis would have converted this set from listpack to skiplist by now (it never converts back). */
    private boolean outgrewListpack;

    SortedSet(EncodingLimits limits, long seed, RandomGenerator random) {
        this.limits = limits;
        this.members = new Dict(seed);
        this.list = new SkipList(random);
    }

    @Override
    public String type() {
        return "zset";
    }

    @Override
    public String encoding() {
        return outgrewListpack ? "skiplist" : "listpack";
    }

    int size() {
        return members.size();
    }

    /** The member's node, or null. */
    SkipList.Node node(byte[] member) {
        return (SkipList.Node) members.get(member);
    }

    /**
     * Adds or moves a member (Redis's zsetAdd); returns true when it is new.
     * A new member converts a listpack first when it would make one member
     * too many or is too long, as Redis does.
     */
    boolean put(byte[] member, double score) {
        Dict.Entry e = members.find(member);
        if (e == null && !outgrewListpack && (members.size() + 1 > limits.zsetMaxListpackEntries
                || member.length > limits.zsetMaxListpackValue)) {
            outgrewListpack = true;
        }
        if (score == 0 && !outgrewListpack) {
            score = 0.0; // a listpack stores -0 as the integer 0: Redis then reports 0, not -0
        }
        if (e == null) {
            members.insertNew(member, list.insert(score, member));
            return true;
        }
        SkipList.Node node = (SkipList.Node) e.value;
        if (node.score != score) {
            e.value = list.updateScore(node, score);
        }
        return false;
    }

    /**
     * Whether Redis would still keep this set as a listpack: ZSCAN then
     * returns it whole, in score order, with cursor 0.
     */
    boolean isListpack() {
        return !outgrewListpack;
    }

    /** A copy in the same encoding (Redis's zsetDup): members re-inserted in score order. */
    @Override
    public SortedSet copy() {
        SortedSet copy = new SortedSet(limits, members.seed(), list.random());
        for (SkipList.Node n = list.first(); n != null; n = n.next()) {
            copy.members.insertNew(n.member, copy.list.insert(n.score, n.member));
        }
        copy.outgrewListpack = outgrewListpack;
        return copy;
    }

    boolean remove(byte[] member) {
        Dict.Entry e = members.remove(member);
        if (e == null) {
            return false;
        }
        list.delete(((SkipList.Node) e.value).score, member);
        return true;
    }

    /** 0-based rank by ascending score, or -1 when absent. */
    long rank(byte[] member) {
        SkipList.Node node = node(member);
        return node == null ? -1 : list.rank(node.score, node.member) - 1;
    }
}

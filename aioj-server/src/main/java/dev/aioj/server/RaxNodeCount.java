package dev.aioj.server;

/**
 * How many nodes Redis's radix tree (rax.c) has for a set of stream IDs, the
 * {@code radix-tree-nodes} of XINFO STREAM: the keys are the nodes' master IDs
 * as 16 big-endian bytes, and a rax is a compressed radix tree (a chain of
 * single-child nodes is one compressed node, each key ends in a leaf). Redis
 * splits compressed nodes on insert and merges them back on removal, so its
 * count is that of the minimal compressed tree, computed here from the sorted
 * keys without building it. StreamFuzzTest checks it against redis-server.
 *
 * <p>Thread contract: pure functions, any thread.
 */
final class RaxNodeCount {

    private RaxNodeCount() {}

    /** The node count of a rax holding {@code ids} (in ascending order) as 16-byte big-endian keys. */
    static long of(java.util.Collection<StreamId> ids) {
        if (ids.isEmpty()) {
            return 1;
        }
        byte[][] keys = new byte[ids.size()][];
        int k = 0;
        for (StreamId id : ids) {
            byte[] b = new byte[16];
            for (int i = 0; i < 8; i++) {
                b[i] = (byte) (id.ms() >>> (56 - 8 * i));
                b[8 + i] = (byte) (id.seq() >>> (56 - 8 * i));
            }
            keys[k++] = b;
        }
        return subtreeNodes(keys, 0, keys.length, 0);
    }

    /** Nodes of the sub-tree of keys[from, to), which share their first {@code depth} bytes. */
    private static long subtreeNodes(byte[][] keys, int from, int to, int depth) {
        if (to - from == 1) {
            return depth == 16 ? 1 : 2; // a leaf, or a compressed node and its leaf
        }
        int p = depth;
        while (keys[from][p] == keys[to - 1][p]) {
            p++; // keys are sorted: the first and last share what all share
        }
        long count = p > depth ? 2 : 1; // a compressed node for the shared bytes, then the branching node
        int i = from;
        while (i < to) {
            int j = i + 1;
            while (j < to && keys[j][p] == keys[i][p]) {
                j++;
            }
            count += subtreeNodes(keys, i, j, p + 1);
            i = j;
        }
        return count;
    }
}

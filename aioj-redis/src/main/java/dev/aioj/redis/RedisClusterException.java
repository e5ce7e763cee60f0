package dev.aioj.redis;

import java.util.List;
import java.util.Objects;

/**
 * A {@link RedisClusterClient} could not get a command to the node that owns
 * its slot: it was redirected more than {@link #MAX_REDIRECTIONS} times
 * (MOVED/ASK ping-pong while the cluster reshapes), or no node owns the slot
 * (the cluster is down) until the command's deadline. {@link #slot()} and
 * {@link #nodesTried()} say where it went. The command may have run on a node
 * only if {@link #mayHaveExecuted()} says so: a redirection or a refusal
 * means the node did not run it.
 */
public final class RedisClusterException extends RedisException {

    /** Redirections followed per command before giving up (Jedis and Lettuce both default to 5). */
    public static final int MAX_REDIRECTIONS = 5;

    private final int slot;
    private final List<String> nodesTried;
    private final boolean mayHaveExecuted;

    /**
     * @param message         what happened
     * @param slot            the command's slot, or -1 for a command without keys
     * @param nodesTried      the nodes the command was sent to, in order (host:port)
     * @param mayHaveExecuted whether some node may have run the command
     * @param cause           the last failure, or null
     */
    public RedisClusterException(String message, int slot, List<String> nodesTried, boolean mayHaveExecuted,
            Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.slot = slot;
        this.nodesTried = List.copyOf(nodesTried);
        this.mayHaveExecuted = mayHaveExecuted;
    }

    /** The slot of the command's keys, or -1 for a command without keys. */
    public int slot() {
        return slot;
    }

    /** The nodes the command went to, in order, as host:port. */
    public List<String> nodesTried() {
        return nodesTried;
    }

    /** Whether a node may have run the command (false for redirections and refusals). */
    public boolean mayHaveExecuted() {
        return mayHaveExecuted;
    }
}

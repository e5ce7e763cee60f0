package dev.aioj.server;

import java.io.IOException;

/**
 * One connection to aioj-server and one to a real redis-server 7.0, driven
 * together: every command goes to both and the two raw replies must be the
 * same bytes. The differential tests ({@link DifferentialFuzzTest}) generate
 * commands from a seeded random source; a mismatch names the seed, the
 * command and both replies, so it can be replayed.
 */
final class Twin implements AutoCloseable {

    private final RespConnection aioj;
    private final RespConnection redis;
    private final long seed;

    Twin(int aiojPort, int redisPort, long seed) throws IOException {
        this.aioj = new RespConnection(aiojPort);
        this.redis = new RespConnection(redisPort);
        this.seed = seed;
    }

    /** Sends {@code args} to both servers; returns the reply, after checking both replies are the same bytes. */
    String both(String... args) throws IOException {
        String expected = redis.call(args);
        String actual = aioj.call(args);
        if (!expected.equals(actual)) {
            throw new AssertionError("seed " + seed + ": " + String.join(" ", args) + "\nredis: "
                    + CaseFile.escape(abbreviate(expected)) + "\naioj:  " + CaseFile.escape(abbreviate(actual)));
        }
        return actual;
    }

    /**
     * Sends {@code args} to both servers and returns both replies, redis's
     * first, for a caller that compares them with a tolerance.
     */
    String[] replies(String... args) throws IOException {
        return new String[] {redis.call(args), aioj.call(args)};
    }

    /** The failure message for a mismatch on {@code args}. */
    String mismatch(String[] args, String[] replies) {
        return "seed " + seed + ": " + String.join(" ", args) + "\nredis: " + CaseFile.escape(abbreviate(replies[0]))
                + "\naioj:  " + CaseFile.escape(abbreviate(replies[1]));
    }

    private static String abbreviate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "... (" + s.length() + " bytes)";
    }

    @Override
    public void close() throws IOException {
        aioj.close();
        redis.close();
    }
}

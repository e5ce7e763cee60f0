package dev.aioj.server;

import java.io.IOException;

/**
 * What a server does before it stops on SHUTDOWN, SIGTERM or SIGINT:
 * Redis's {@code prepareForShutdown} and {@code finishShutdown}. It saves a
 * final snapshot when save rules are set (unless NOSAVE) or SAVE asks for
 * one, through the {@link FinalSave} hook that persistence fills in; when
 * that fails the server keeps running, unless FORCE says to exit anyway.
 * {@link RedisServer#close()} (an embedder stopping its server) does not go
 * through here.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ShutdownSequence {

    private static final System.Logger LOG = System.getLogger(ShutdownSequence.class.getName());

    /**
     * Saves the data set before the server exits: the hook persistence (issue
     * 18) implements with an RDB save (and an AOF flush). Loop thread only.
     */
    @FunctionalInterface
    interface FinalSave {
        /** Writes the snapshot, or throws saying why it could not. */
        void save(ServerState server) throws IOException;
    }

    /** Until persistence exists: nothing can be saved, and a shutdown says so. */
    static final FinalSave NO_PERSISTENCE = server -> LOG.log(System.Logger.Level.WARNING,
            "Nothing saved: aioj-server has no persistence yet; the data set is not kept across restarts.");

    private ShutdownSequence() {}

    /**
     * Runs the shutdown sequence with {@code flags} ({@link ShutdownFlags})
     * and, when it may exit, stops the server, and a busy script with it
     * (SHUTDOWN NOSAVE from another client while a script runs).
     *
     * @return false when the final save failed and the server keeps running
     */
    static boolean shutdown(ServerState s, int flags) {
        if (!prepare(s, flags)) {
            return false;
        }
        s.scripts.killForShutdown();
        s.shutdown.run();
        return true;
    }

    /** Redis's prepareForShutdown: true when the server may stop now. */
    static boolean prepare(ServerState s, int flags) {
        LOG.log(System.Logger.Level.WARNING, "User requested shutdown...");
        boolean save = (flags & ShutdownFlags.SAVE) != 0;
        boolean nosave = (flags & ShutdownFlags.NOSAVE) != 0;
        boolean force = (flags & ShutdownFlags.FORCE) != 0;
        boolean rules = !SpecialTypes.Save.rules(s.live.get(PersistenceDirectives.SAVE)).isEmpty();
        if ((rules && !nosave) || save) {
            LOG.log(System.Logger.Level.INFO, "Saving the final RDB snapshot before exiting.");
            try {
                s.finalSave.save(s);
            } catch (IOException | RuntimeException e) {
                if (force) {
                    LOG.log(System.Logger.Level.WARNING, "Error trying to save the DB. Exit anyway. ({0})",
                            e.getMessage());
                } else {
                    LOG.log(System.Logger.Level.WARNING, "Error trying to save the DB, can''t exit. ({0})",
                            e.getMessage());
                    LOG.log(System.Logger.Level.WARNING,
                            "Errors trying to shut down the server. Check the logs for more information.");
                    return false;
                }
            }
        }
        return true;
    }
}

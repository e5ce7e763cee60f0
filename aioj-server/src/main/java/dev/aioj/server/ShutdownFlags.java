package dev.aioj.server;

/**
 * SHUTDOWN's flags, Redis's {@code SHUTDOWN_*} bits, also the values of
 * {@code shutdown-on-sigint} and {@code shutdown-on-sigterm}: SAVE snapshots
 * even without save rules, NOSAVE skips the snapshot, NOW does not wait for
 * replicas, FORCE shuts down even when the snapshot fails.
 */
final class ShutdownFlags {

    static final int NONE = 0;
    static final int SAVE = 1;
    static final int NOSAVE = 2;
    static final int NOW = 4;
    static final int FORCE = 8;

    private ShutdownFlags() {}
}

package dev.aioj.server;

/**
 * One running script or function (Redis's scriptRunCtx): who called it, its
 * name in errors (the SHA1 of an EVAL body, or the function's name), whether
 * it may write, and what happened while it ran (a write, the busy threshold
 * passed, a kill asked).
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ScriptRun {

    final Client caller;
    final String name;
    final boolean isEval;
    final boolean readOnly;
    final long startNanos = System.nanoTime();
    /** The protocol the script chose with redis.setresp (2 by default). */
    int resp = 2;
    boolean wrote;
    boolean busy;
    boolean killed;
    /** A kill for SHUTDOWN: it stops the script whatever it wrote. */
    boolean shutdown;
    long lastIoNanos;

    ScriptRun(Client caller, String name, boolean isEval, boolean readOnly) {
        this.caller = caller;
        this.name = name;
        this.isEval = isEval;
        this.readOnly = readOnly;
    }

    long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}

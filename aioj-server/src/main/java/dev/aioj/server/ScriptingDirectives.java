package dev.aioj.server;

import java.util.List;

/**
 * redis.conf's LONG BLOCKING COMMANDS section: how long a script or function
 * runs before the server answers others with BUSY ({@link ScriptEngine}).
 */
final class ScriptingDirectives {

    private ScriptingDirectives() {}

    static final Directive BUSY_REPLY_THRESHOLD = Directive.integer("busy-reply-threshold", 0, Long.MAX_VALUE, 5000)
            .alias("lua-time-limit")
            .honoured("milliseconds a script or function runs before other clients get `-BUSY` and SCRIPT KILL, "
                    + "FUNCTION KILL or SHUTDOWN NOSAVE may stop it",
                    s -> s.scripts.busyReplyThresholdMillis = s.live.number(ScriptingDirectives.BUSY_REPLY_THRESHOLD));

    static List<Directive> all() {
        return List.of(BUSY_REPLY_THRESHOLD);
    }
}

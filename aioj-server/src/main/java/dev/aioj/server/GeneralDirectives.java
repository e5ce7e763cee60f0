package dev.aioj.server;

import java.util.List;

/**
 * redis.conf's GENERAL section and the process-level settings of others:
 * logging, the pid file, databases, the cron frequency, and what SIGINT and
 * SIGTERM do. The logging and process directives act in {@code aioj server}
 * (the program, {@link ServerMain}); an embedded server logs through {@code
 * System.Logger} as its host application configures it, and writes no pid
 * file.
 */
final class GeneralDirectives {

    private GeneralDirectives() {}

    static final DirectiveType.Choice LOG_LEVELS = DirectiveType.Choice.of("notice",
            "debug", "verbose", "notice", "warning");

    /** Redis's shutdown_on_sig_enum: flags, as SHUTDOWN's arguments. */
    static final DirectiveType.Choice SHUTDOWN_FLAGS = new DirectiveType.Choice(
            List.of("default", "save", "nosave", "now", "force"),
            List.of(0, ShutdownFlags.SAVE, ShutdownFlags.NOSAVE, ShutdownFlags.NOW, ShutdownFlags.FORCE), 0, true);

    static final Directive DAEMONIZE = Directive.bool("daemonize", false).immutable()
            .ignored("a JVM cannot fork itself; aioj server stays in the foreground (use your service manager)");

    static final Directive SUPERVISED = Directive.choice("supervised",
            DirectiveType.Choice.of("no", "upstart", "systemd", "auto", "no")).immutable()
            .ignored("no systemd/upstart readiness notification (the JDK cannot send unix datagrams)");

    static final Directive PIDFILE = Directive.optionalText("pidfile").immutable()
            .honoured("`aioj server` writes its PID there (relative to `dir`) and removes it on shutdown");

    static final Directive LOGLEVEL = Directive.choice("loglevel", LOG_LEVELS)
            .honoured("`aioj server` logs at this level and above (debug, verbose, notice, warning)",
                    s -> s.logLevelListener.accept(s.live.choiceName(GeneralDirectives.LOGLEVEL)));

    static final Directive LOGFILE = Directive.text("logfile", "").immutable()
            .honoured("`aioj server` appends its log there (relative to `dir`); \"\": standard output");

    static final Directive SYSLOG_ENABLED = Directive.bool("syslog-enabled", false).immutable()
            .ignored("no syslog: log to a file or standard output");

    static final Directive SYSLOG_IDENT = Directive.text("syslog-ident", "redis").immutable()
            .ignored("no syslog");

    static final Directive SYSLOG_FACILITY = Directive.choice("syslog-facility", DirectiveType.Choice.of("local0",
            "user", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7")).immutable()
            .ignored("no syslog");

    static final Directive CRASH_LOG_ENABLED = Directive.bool("crash-log-enabled", true)
            .ignored("a JVM reports its own crashes");

    static final Directive CRASH_MEMCHECK_ENABLED = Directive.bool("crash-memcheck-enabled", true)
            .ignored("a JVM reports its own crashes");

    static final Directive USE_EXIT_ON_PANIC = Directive.bool("use-exit-on-panic", false).flags(Directive.HIDDEN)
            .ignored("a Redis test-suite setting");

    static final Directive DATABASES = Directive.integer("databases", 1, Integer.MAX_VALUE, 16).immutable()
            .honoured("the number of databases SELECT can choose from");

    static final Directive ALWAYS_SHOW_LOGO = Directive.bool("always-show-logo", false).immutable()
            .honoured("`aioj server` prints its start banner even when its log is not a terminal");

    static final Directive SET_PROC_TITLE = Directive.bool("set-proc-title", true).immutable()
            .ignored("a JVM cannot change its process title");

    static final Directive PROC_TITLE_TEMPLATE = Directive.text("proc-title-template",
            "{title} {listen-addr} {server-mode}")
            .validate(v -> ProcTitleTemplate.isValid((String) v) ? null
                    : "template format is invalid or contains unknown variables")
            .ignored("a JVM cannot change its process title");

    static final Directive IGNORE_WARNINGS = Directive.text("ignore-warnings", "")
            .ignored("aioj-server has none of the kernel warnings it silences");

    static final Directive WATCHDOG_PERIOD = Directive.integer("watchdog-period", 0, Integer.MAX_VALUE, 0)
            .flags(Directive.HIDDEN)
            .ignored("no software watchdog");

    static final Directive SERVER_CPULIST = Directive.optionalText("server_cpulist").immutable()
            .ignored("Java cannot pin threads to CPUs");

    static final Directive BIO_CPULIST = Directive.optionalText("bio_cpulist").immutable()
            .ignored("Java cannot pin threads to CPUs");

    static final Directive AOF_REWRITE_CPULIST = Directive.optionalText("aof_rewrite_cpulist").immutable()
            .ignored("Java cannot pin threads to CPUs");

    static final Directive BGSAVE_CPULIST = Directive.optionalText("bgsave_cpulist").immutable()
            .ignored("Java cannot pin threads to CPUs");

    static final Directive SHUTDOWN_ON_SIGINT = Directive.choice("shutdown-on-sigint", SHUTDOWN_FLAGS)
            .flags(Directive.MULTI_ARG).validate(GeneralDirectives::saveAndNosave)
            .honoured("how `aioj server` shuts down on SIGINT: SHUTDOWN's flags (save, nosave, now, force)");

    static final Directive SHUTDOWN_ON_SIGTERM = Directive.choice("shutdown-on-sigterm", SHUTDOWN_FLAGS)
            .flags(Directive.MULTI_ARG).validate(GeneralDirectives::saveAndNosave)
            .honoured("how `aioj server` shuts down on SIGTERM: SHUTDOWN's flags (save, nosave, now, force)");

    static final Directive SHUTDOWN_TIMEOUT = Directive.integer("shutdown-timeout", 0, Integer.MAX_VALUE, 10)
            .ignored("it waits for lagging replicas, and aioj-server has none");

    static final Directive HZ = Directive.integer("hz", 0, Integer.MAX_VALUE, 10)
            .normalize(v -> Math.max(1L, Math.min(500L, (Long) v))) // Redis clamps it to 1..500
            .honoured("background task runs per second: active expiry, idle timeouts, statistics",
                    s -> s.hz = s.live.intValue(GeneralDirectives.HZ));

    static final Directive DYNAMIC_HZ = Directive.bool("dynamic-hz", true)
            .ignored("hz stays as set, whatever the number of clients");

    static final Directive ACTIVE_EXPIRE_EFFORT = Directive.integer("active-expire-effort", 1, 10, 1)
            .ignored("the active expiry cycle works at Redis's default effort");

    static final Directive ACTIVEREHASHING = Directive.bool("activerehashing", true)
            .ignored("aioj's tables resize at once rather than incrementally");

    private static String saveAndNosave(Object flags) {
        int f = (Integer) flags;
        return (f & ShutdownFlags.SAVE) != 0 && (f & ShutdownFlags.NOSAVE) != 0
                ? "shutdown options SAVE and NOSAVE can't be used simultaneously" : null;
    }

    static List<Directive> all() {
        return List.of(DAEMONIZE, SUPERVISED, PIDFILE, LOGLEVEL, LOGFILE, SYSLOG_ENABLED, SYSLOG_IDENT,
                SYSLOG_FACILITY, CRASH_LOG_ENABLED, CRASH_MEMCHECK_ENABLED, USE_EXIT_ON_PANIC, DATABASES,
                ALWAYS_SHOW_LOGO, SET_PROC_TITLE, PROC_TITLE_TEMPLATE, IGNORE_WARNINGS, WATCHDOG_PERIOD,
                SERVER_CPULIST, BIO_CPULIST, AOF_REWRITE_CPULIST, BGSAVE_CPULIST, SHUTDOWN_ON_SIGINT,
                SHUTDOWN_ON_SIGTERM, SHUTDOWN_TIMEOUT, HZ, DYNAMIC_HZ, ACTIVE_EXPIRE_EFFORT, ACTIVEREHASHING);
    }
}

package dev.aioj.server;

import java.lang.reflect.Method;

/**
 * The start-up banner of {@code aioj server}, shown as redis-server shows its
 * logo: when logging to a terminal, or with {@code always-show-logo yes};
 * otherwise the one line "Running mode=standalone, port=6379.".
 */
final class ServerBanner {

    private ServerBanner() {}

    static void print(RedisLog log, ServerConfig config, RedisServer server) {
        int port = server.port() > 0 ? server.port() : Math.max(0, server.tlsPort());
        boolean show = (config.get("logfile").isEmpty() && stdoutIsTerminal())
                || config.get("always-show-logo").equals("yes");
        if (!show) {
            log.log(RedisLog.Level.NOTICE, "Running mode=standalone, port=" + port + ".");
            return;
        }
        String text = """
                       _       _
                  __ _(_) ___ (_)     aioj-server %s (Redis %s compatible) %s bit
                 / _` | |/ _ \\| |
                | (_| | | (_) | |     Running in standalone mode
                 \\__,_|_|\\___// |     Port: %d
                            |__/      PID: %d

                """.formatted(RedisServer.VERSION, ConfigException.REDIS_VERSION,
                System.getProperty("sun.arch.data.model", "64"), port, ProcessHandle.current().pid());
        log.raw(RedisLog.Level.NOTICE, text);
    }

    /** isatty(stdout), as far as Java can tell: a console, and on JDK 22+ one that is a terminal. */
    private static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException beforeJava22) {
            return true; // before 22, System.console() is null unless stdin and stdout are terminals
        }
    }
}

package dev.aioj.server;

/** What {@code aioj server --help} prints: redis-server's usage, for aioj's launcher. */
final class ServerUsage {

    static final String TEXT = """
            Usage: aioj server [/path/to/redis.conf] [options] [-]
                   aioj server - (read config from stdin)
                   aioj server -v or --version
                   aioj server -h or --help

            Examples:
                   aioj server (run the server with default conf)
                   echo 'maxmemory 128mb' | aioj server -
                   aioj server /etc/redis/6379.conf
                   aioj server --port 7777
                   aioj server --port 7777 --unixsocket /tmp/aioj.sock --unixsocketperm 700
                   aioj server /etc/myredis.conf --loglevel verbose -
                   aioj server /etc/myredis.conf --loglevel verbose --save ""

            Persistence (Redis 7.0's formats, in --dir):
                   aioj server --dir /var/lib/aioj --save "3600 1 300 100 60 10000"
                       RDB snapshots in dump.rdb (--dbfilename), loaded on start
                   aioj server --dir /var/lib/aioj --appendonly yes --appendfsync always
                       the multi-part AOF in appendonlydir (--appenddirname); --appendfsync
                       always|everysec|no; --aof-load-truncated yes|no

            Every redis.conf directive of Redis 7.0 is accepted; docs/server.md lists
            which aioj-server honours and which it accepts without effect.
            """;

    private ServerUsage() {}
}

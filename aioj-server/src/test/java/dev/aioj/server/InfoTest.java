package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** INFO, CLIENT LIST/INFO, CONFIG GET and COMMAND: what tools read from the server. */
class InfoTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    @Test
    void infoHasRedisSectionsAndFields() throws Exception {
        RespConnection c = server.connect();
        c.call("SET", "a", "1");
        c.call("SET", "b", "2", "EX", "100");
        c.call("GET", "a");
        c.call("GET", "nope");
        String info = c.call("INFO");
        assertThat(info).startsWith("$");
        for (String expected : new String[] {"# Server\r\nredis_version:7.0.15\r\n", "\r\n\r\n# Clients\r\n",
            "connected_clients:1\r\n", "maxclients:10000\r\n", "# Memory\r\nused_memory:", "# Stats\r\n",
            "keyspace_hits:1\r\n", "keyspace_misses:1\r\n", "tcp_port:" + server.port() + "\r\n",
            "# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=0\r\n"}) {
            assertThat(info).contains(expected);
        }
        assertThat(c.call("INFO", "clients")).doesNotContain("# Server").contains("# Clients");
        assertThat(c.call("INFO", "CLIENTS", "keyspace")).contains("# Clients").contains("# Keyspace");
    }

    @Test
    void configRewriteSaysThereIsNoConfigFileAsRedisStartedWithoutOneDoes() throws Exception {
        // not in the shared tables: a real redis-server answers this by how it was started
        RespConnection c = server.connect();
        assertThat(c.call("CONFIG", "REWRITE")).isEqualTo("-ERR The server is running without a config file\r\n");
    }

    @Test
    void resp3InfoIsAVerbatimString() throws Exception {
        RespConnection c = server.connect();
        c.call("HELLO", "3");
        String info = c.call("INFO", "server");
        assertThat(info).startsWith("=").contains("\r\ntxt:# Server\r\n");
    }

    @Test
    void clientListDescribesEachConnectionLikeRedis() throws Exception {
        RespConnection a = server.connect();
        RespConnection b = server.connect();
        a.call("CLIENT", "SETNAME", "first");
        b.call("SELECT", "3");
        String list = a.call("CLIENT", "LIST");
        String[] lines = list.substring(list.indexOf("\r\n") + 2).split("\n");
        assertThat(lines[0]).matches("id=\\d+ addr=127\\.0\\.0\\.1:\\d+ laddr=127\\.0\\.0\\.1:" + server.port()
                + " fd=-1 name=first age=\\d+ idle=\\d+ flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=\\d+ "
                + "qbuf-free=\\d+ argv-mem=\\d+ multi-mem=\\d+ rbs=\\d+ rbp=\\d+ obl=\\d+ oll=\\d+ omem=\\d+ "
                + "tot-mem=\\d+ events=r cmd=client\\|list user=default redir=-1 resp=2");
        assertThat(lines[1]).contains(" db=3 ").contains(" cmd=select ");
        String info = b.call("CLIENT", "INFO");
        assertThat(info).contains(" db=3 ").contains("cmd=client|info");
        String id = b.call("CLIENT", "ID").substring(1).trim();
        assertThat(a.call("CLIENT", "KILL", "ID", id)).isEqualTo(":1\r\n");
        assertThat(b.isClosedByServer()).isTrue();
    }

    @Test
    void configGetAnswersWhatRedisToolsAsk() throws Exception {
        RespConnection c = server.connect();
        assertThat(c.call("CONFIG", "GET", "save")).isEqualTo("*2\r\n$4\r\nsave\r\n$0\r\n\r\n");
        assertThat(c.call("CONFIG", "GET", "appendonly")).isEqualTo("*2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n");
        assertThat(c.call("CONFIG", "GET", "maxclients", "databases"))
                .isEqualTo("*4\r\n$10\r\nmaxclients\r\n$5\r\n10000\r\n$9\r\ndatabases\r\n$2\r\n16\r\n");
        assertThat(c.call("CONFIG", "GET", "port")).contains("$" + String.valueOf(server.port()).length() + "\r\n"
                + server.port());
        assertThat(c.call("CONFIG", "GET", "*max-*-entries*")).contains("hash-max-listpack-entries");
    }

    @Test
    void commandDescribesTheCommandTable() throws Exception {
        RespConnection c = server.connect();
        String count = c.call("COMMAND", "COUNT");
        int n = Integer.parseInt(count.substring(1).trim());
        assertThat(n).isEqualTo(server.server().state().commands.size()).isGreaterThan(100);
        // Each command's INFO and DOCS, byte for byte, are in commands.cases; here: the listings' shapes.
        assertThat(c.call("COMMAND", "INFO", "get")).startsWith("*1\r\n*10\r\n$3\r\nget\r\n:2\r\n*2\r\n+readonly\r\n"
                + "+fast\r\n:1\r\n:1\r\n:1\r\n*3\r\n+@read\r\n+@string\r\n+@fast\r\n*0\r\n*1\r\n");
        String docs = c.call("COMMAND", "DOCS", "set");
        assertThat(docs).startsWith("*2\r\n$3\r\nset\r\n*12\r\n$7\r\nsummary\r\n").contains("$5\r\nsince\r\n$5\r\n1.0.0\r\n")
                .contains("$9\r\narguments\r\n");
        String all = c.call("COMMAND");
        assertThat(all).startsWith("*" + n + "\r\n");
        assertThat(c.call("COMMAND", "DOCS")).startsWith("*" + (2 * n) + "\r\n");
    }
}

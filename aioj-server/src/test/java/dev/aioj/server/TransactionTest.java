package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** WATCH between clients: optimistic locking as Redis does it. */
class TransactionTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    @Test
    void aWriteByAnotherClientFailsTheWatchersExec() throws Exception {
        RespConnection a = server.connect();
        RespConnection b = server.connect();
        a.call("SET", "balance", "100");
        assertThat(a.call("WATCH", "balance")).isEqualTo("+OK\r\n");
        assertThat(a.call("GET", "balance")).isEqualTo("$3\r\n100\r\n");
        assertThat(b.call("INCRBY", "balance", "5")).isEqualTo(":105\r\n");
        a.call("MULTI");
        assertThat(a.call("SET", "balance", "90")).isEqualTo("+QUEUED\r\n");
        assertThat(a.call("EXEC")).isEqualTo("*-1\r\n");
        assertThat(a.call("GET", "balance")).isEqualTo("$3\r\n105\r\n");
    }

    @Test
    void theRetryAfterAConflictSucceeds() throws Exception {
        RespConnection a = server.connect();
        RespConnection b = server.connect();
        a.call("WATCH", "k");
        b.call("SET", "k", "theirs");
        a.call("MULTI");
        a.call("SET", "k", "mine");
        assertThat(a.call("EXEC")).isEqualTo("*-1\r\n");
        a.call("WATCH", "k");
        a.call("MULTI");
        a.call("SET", "k", "mine");
        assertThat(a.call("EXEC")).isEqualTo("*1\r\n+OK\r\n");
        assertThat(b.call("GET", "k")).isEqualTo("$4\r\nmine\r\n");
    }

    @Test
    void writesToOtherKeysOrDatabasesDoNotConflict() throws Exception {
        RespConnection a = server.connect();
        RespConnection b = server.connect();
        a.call("WATCH", "k");
        b.call("SET", "other", "1");
        b.call("SELECT", "1");
        b.call("SET", "k", "in db 1");
        a.call("MULTI");
        a.call("PING");
        assertThat(a.call("EXEC")).isEqualTo("*1\r\n+PONG\r\n");
    }

    @Test
    void everyKindOfWriteCountsAsAChange() throws Exception {
        RespConnection a = server.connect();
        RespConnection b = server.connect();
        String[][] writes = {
            {"RPUSH", "w", "x"}, {"LPOP", "w"}, {"HSET", "w", "f", "v"}, {"HDEL", "w", "f"}, {"SADD", "w", "m"},
            {"DEL", "w"}, {"ZADD", "w", "1", "m"}, {"EXPIRE", "w", "100"}, {"PERSIST", "w"}, {"RENAME", "w", "w2"},
            {"SET", "w", "v"}, {"APPEND", "w", "x"}, {"SET", "w", "5"}, {"INCRBYFLOAT", "w", "1"}, {"DECR", "w"},
            {"SETRANGE", "w", "0", "9"}, {"FLUSHDB"},
        };
        for (String[] write : writes) {
            a.call("WATCH", write[0].equals("RENAME") ? "w2" : "w");
            b.call(write);
            a.call("MULTI");
            a.call("PING");
            assertThat(a.call("EXEC")).as(String.join(" ", write)).isEqualTo("*-1\r\n");
        }
    }

    @Test
    void aDisconnectDuringMultiLeavesNothingBehind() throws Exception {
        RespConnection a = server.connect();
        a.call("WATCH", "k");
        a.call("MULTI");
        a.call("SET", "k", "v");
        a.close();
        RespConnection b = server.connect();
        assertThat(b.call("EXISTS", "k")).isEqualTo(":0\r\n");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.server().onLoop(() -> server.server().state().watches.watchedKeys()) != 0) {
            assertThat(System.nanoTime()).as("the closed client's WATCH is still registered").isLessThan(deadline);
            Thread.sleep(1); // the poll's pace: the server has no event to wait on for "a client left"
        }
    }
}

package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The blocking commands beyond BLPOP/BRPOP (BLMOVE, BRPOPLPUSH, BLMPOP,
 * BZPOPMIN, BZPOPMAX, BZMPOP) around what the compat cases cannot show:
 * timeouts measured, CLIENT UNBLOCK, a waiter that disconnects, and the
 * blocked-client count. Wake-up order and replies are in blocking.cases,
 * recorded from redis-server.
 */
class BlockingFamilyTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    /** Waits (polling the server's state, not sleeping blindly) until it counts {@code n} blocked clients. */
    private static void awaitBlocked(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.server().onLoop(() -> server.server().state().blocking.count()) != n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " blocked clients");
            }
            Thread.sleep(1); // the poll's pace: the server has no event to wait on for "a client blocked"
        }
    }

    @Test
    void aTimedOutBlmoveAnswersTheNullArrayAfterItsTimeoutAndTouchesNothing() throws Exception {
        RespConnection w = server.connect();
        long start = System.nanoTime();
        assertThat(w.call("BLMOVE", "src", "dst", "LEFT", "RIGHT", "0.1")).isEqualTo("*-1\r\n");
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMillis).isBetween(90L, 3000L);
        assertThat(w.call("EXISTS", "src", "dst")).isEqualTo(":0\r\n");
        awaitBlocked(0);
    }

    @Test
    void aTimedOutBzmpopAnswersTheNullArray() throws Exception {
        RespConnection w = server.connect();
        long start = System.nanoTime();
        assertThat(w.call("BZMPOP", "0.1", "2", "a", "b", "MIN")).isEqualTo("*-1\r\n");
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(90L, 3000L);
    }

    @Test
    void clientUnblockEndsSortedSetAndMoveWaits() throws Exception {
        RespConnection w = server.connect();
        String id = w.call("CLIENT", "ID").substring(1).trim();
        RespConnection admin = server.connect();
        w.send("BZPOPMIN", "z", "0");
        awaitBlocked(1);
        assertThat(admin.call("CLIENT", "UNBLOCK", id)).isEqualTo(":1\r\n");
        assertThat(w.readReply()).isEqualTo("*-1\r\n");
        w.send("BLMOVE", "src", "dst", "LEFT", "LEFT", "0");
        awaitBlocked(1);
        assertThat(admin.call("CLIENT", "UNBLOCK", id, "ERROR")).isEqualTo(":1\r\n");
        assertThat(w.readReply()).isEqualTo("-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n");
        assertThat(admin.call("RPUSH", "src", "v")).isEqualTo(":1\r\n");
        assertThat(admin.call("LRANGE", "src", "0", "-1")).as("nobody waits any more").isEqualTo("*1\r\n$1\r\nv\r\n");
    }

    @Test
    void aDisconnectedWaiterIsForgottenAndTheNextOneIsServed() throws Exception {
        RespConnection gone = server.connect();
        gone.send("BLMOVE", "src", "dst", "LEFT", "RIGHT", "0");
        awaitBlocked(1);
        RespConnection stays = server.connect();
        stays.send("BLMPOP", "0", "1", "src", "LEFT", "COUNT", "5");
        awaitBlocked(2);
        gone.close();
        awaitBlocked(1);
        RespConnection p = server.connect();
        assertThat(p.call("RPUSH", "src", "a", "b")).isEqualTo(":2\r\n");
        assertThat(stays.readReply()).isEqualTo("*2\r\n$3\r\nsrc\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n");
        assertThat(p.call("EXISTS", "dst")).as("the gone waiter moved nothing").isEqualTo(":0\r\n");
    }

    @Test
    void aWaiterOnSeveralSortedSetsIsServedByTheFirstThatGetsDataAndLeavesTheOthers() throws Exception {
        RespConnection w = server.connect();
        w.send("BZPOPMAX", "a", "b", "c", "0");
        awaitBlocked(1);
        RespConnection p = server.connect();
        p.call("ZADD", "c", "1", "x", "2", "y");
        assertThat(w.readReply()).isEqualTo("*3\r\n$1\r\nc\r\n$1\r\ny\r\n$1\r\n2\r\n");
        awaitBlocked(0);
        p.call("ZADD", "a", "5", "m");
        assertThat(p.call("ZCARD", "a")).as("no longer waiting on a").isEqualTo(":1\r\n");
    }

    @Test
    void infoCountsEveryKindOfWaiter() throws Exception {
        RespConnection a = server.connect();
        RespConnection b = server.connect();
        RespConnection c = server.connect();
        a.send("BLMOVE", "l1", "l2", "LEFT", "LEFT", "0");
        b.send("BZMPOP", "0", "1", "z", "MAX");
        c.send("BRPOPLPUSH", "l3", "l4", "0");
        awaitBlocked(3);
        assertThat(server.connect().call("INFO", "clients")).contains("blocked_clients:3\r\n");
    }
}

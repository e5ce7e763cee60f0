package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** BLPOP and BRPOP: first come, first served; timeouts; what happens around a blocked client. */
class BlockingTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    /** Waits (without sleeping blindly) until the server counts {@code n} blocked clients. */
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
    void waitersAreServedInTheOrderTheyBlocked() throws Exception {
        List<RespConnection> waiters = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RespConnection w = server.connect();
            w.send("BLPOP", "queue", "0");
            waiters.add(w);
            awaitBlocked(i + 1);
        }
        RespConnection producer = server.connect();
        assertThat(producer.call("RPUSH", "queue", "e0", "e1", "e2")).isEqualTo(":3\r\n");
        for (int i = 0; i < 3; i++) {
            assertThat(waiters.get(i).readReply()).isEqualTo("*2\r\n$5\r\nqueue\r\n$2\r\ne" + i + "\r\n");
        }
        assertThat(producer.call("EXISTS", "queue")).as("every element went to a waiter").isEqualTo(":0\r\n");
        awaitBlocked(2);
        assertThat(producer.call("LPUSH", "queue", "x")).isEqualTo(":1\r\n");
        assertThat(waiters.get(3).readReply()).isEqualTo("*2\r\n$5\r\nqueue\r\n$1\r\nx\r\n");
        assertThat(waiters.get(4).isSilentFor(50)).isTrue();
    }

    @Test
    void aWaiterOnSeveralKeysIsServedByTheFirstThatGetsData() throws Exception {
        RespConnection w = server.connect();
        w.send("BRPOP", "a", "b", "c", "0");
        awaitBlocked(1);
        RespConnection p = server.connect();
        p.call("RPUSH", "b", "1", "2");
        assertThat(w.readReply()).isEqualTo("*2\r\n$1\r\nb\r\n$1\r\n2\r\n");
        awaitBlocked(0);
        p.call("RPUSH", "a", "x");
        assertThat(p.call("LLEN", "a")).as("no longer waiting on a").isEqualTo(":1\r\n");
    }

    @Test
    void aTimeoutAnswersTheNullArrayAndLaterCommandsRun() throws Exception {
        RespConnection w = server.connect();
        long start = System.nanoTime();
        w.sendRaw(RespConnection.encode(b("BLPOP"), b("none"), b("0.1")));
        w.sendRaw(RespConnection.encode(b("PING")));
        assertThat(w.readReply()).isEqualTo("*-1\r\n");
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMillis).isBetween(90L, 3000L);
        assertThat(w.readReply()).as("the pipelined PING waited for BLPOP").isEqualTo("+PONG\r\n");
        awaitBlocked(0);
    }

    @Test
    void commandsPipelinedBehindABlockedCommandRunOnceItIsServed() throws Exception {
        RespConnection w = server.connect();
        w.sendRaw(concat(RespConnection.encode(b("BLPOP"), b("q"), b("0")),
                RespConnection.encode(b("GET"), b("after"))));
        awaitBlocked(1);
        RespConnection p = server.connect();
        p.call("SET", "after", "yes");
        p.call("LPUSH", "q", "v");
        assertThat(w.readReply()).isEqualTo("*2\r\n$1\r\nq\r\n$1\r\nv\r\n");
        assertThat(w.readReply()).isEqualTo("$3\r\nyes\r\n");
    }

    @Test
    void aDisconnectedWaiterIsForgotten() throws Exception {
        RespConnection gone = server.connect();
        gone.send("BLPOP", "q", "0");
        RespConnection stays = server.connect();
        awaitBlocked(1);
        stays.send("BLPOP", "q", "0");
        awaitBlocked(2);
        gone.close();
        awaitBlocked(1);
        server.connect().call("RPUSH", "q", "v");
        assertThat(stays.readReply()).isEqualTo("*2\r\n$1\r\nq\r\n$1\r\nv\r\n");
    }

    @Test
    void aKilledWaiterGetsNothingEvenFromAPushRightAfterTheKill() throws Exception {
        RespConnection w = server.connect();
        String id = w.call("CLIENT", "ID").substring(1).trim();
        w.send("BLPOP", "q", "0");
        awaitBlocked(1);
        RespConnection admin = server.connect();
        admin.sendRaw(concat(RespConnection.encode(b("CLIENT"), b("KILL"), b("ID"), b(id)),
                RespConnection.encode(b("RPUSH"), b("q"), b("kept"))));
        assertThat(admin.readReply()).isEqualTo(":1\r\n");
        assertThat(admin.readReply()).isEqualTo(":1\r\n");
        assertThat(admin.call("LRANGE", "q", "0", "-1")).isEqualTo("*1\r\n$4\r\nkept\r\n");
        assertThat(w.drainUntilClosed()).isTrue();
    }

    @Test
    void aPushInsideATransactionWakesWaitersAfterExec() throws Exception {
        RespConnection w = server.connect();
        w.send("BLPOP", "q", "0");
        awaitBlocked(1);
        RespConnection p = server.connect();
        p.call("MULTI");
        p.call("RPUSH", "q", "a", "b");
        p.call("LPOP", "q");
        assertThat(p.call("EXEC")).isEqualTo("*2\r\n:2\r\n$1\r\na\r\n");
        assertThat(w.readReply()).isEqualTo("*2\r\n$1\r\nq\r\n$1\r\nb\r\n");
    }

    @Test
    void clientUnblockEndsTheWaitWithTimeoutOrError() throws Exception {
        RespConnection w = server.connect();
        String id = w.call("CLIENT", "ID").substring(1).trim();
        w.send("BLPOP", "q", "0");
        awaitBlocked(1);
        RespConnection admin = server.connect();
        assertThat(admin.call("CLIENT", "UNBLOCK", id)).isEqualTo(":1\r\n");
        assertThat(w.readReply()).isEqualTo("*-1\r\n");
        w.send("BRPOP", "q", "0");
        awaitBlocked(1);
        assertThat(admin.call("CLIENT", "UNBLOCK", id, "ERROR")).isEqualTo(":1\r\n");
        assertThat(w.readReply()).isEqualTo("-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n");
        assertThat(admin.call("CLIENT", "UNBLOCK", id)).isEqualTo(":0\r\n");
    }

    @Test
    void aListCreatedByRenameWakesWaiters() throws Exception {
        RespConnection w = server.connect();
        w.send("BLPOP", "target", "0");
        awaitBlocked(1);
        RespConnection p = server.connect();
        p.call("RPUSH", "source", "v");
        p.call("RENAME", "source", "target");
        assertThat(w.readReply()).isEqualTo("*2\r\n$6\r\ntarget\r\n$1\r\nv\r\n");
    }

    private static byte[] b(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

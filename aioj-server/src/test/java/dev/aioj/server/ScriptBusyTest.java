package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.RedisServerExtension;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A slow script keeps the loop, yet the server answers: past {@code
 * busy-reply-threshold} other clients get {@code -BUSY}, SCRIPT KILL and
 * FUNCTION KILL stop the script, SHUTDOWN NOSAVE stops the server, and the
 * caller's next commands wait for its script. The same steps run against a
 * real redis-server 7.0, and both must answer alike.
 */
class ScriptBusyTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().build();

    private static final String BUSY_EVAL =
            "-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.\r\n";
    private static final String BUSY_FUNCTION =
            "-BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.\r\n";
    private static final String LOOP = "local i = 0 while true do i = i + 1 end";

    /** Waits (bounded) for the server to report a busy script: PING answers BUSY once it is. */
    private static String awaitBusy(RespConnection other) throws IOException {
        String reply = "";
        for (int i = 0; i < 2000; i++) {
            reply = other.call("PING");
            if (reply.startsWith("-BUSY")) {
                return reply;
            }
        }
        return reply;
    }

    private static void prepare(RespConnection admin) throws IOException {
        assertThat(admin.call("SCRIPT", "FLUSH")).isEqualTo("+OK\r\n");
        assertThat(admin.call("FUNCTION", "FLUSH")).isEqualTo("+OK\r\n");
        assertThat(admin.call("FLUSHALL")).isEqualTo("+OK\r\n");
        assertThat(admin.call("CONFIG", "SET", "busy-reply-threshold", "50")).isEqualTo("+OK\r\n");
    }

    /** Runs SCRIPT KILL on a looping EVAL and returns what every party saw. */
    private static String killAnEval(int port) throws IOException {
        StringBuilder seen = new StringBuilder();
        try (RespConnection caller = new RespConnection(port); RespConnection other = new RespConnection(port)) {
            prepare(other);
            caller.send("EVAL", LOOP, "0");
            caller.send("PING"); // pipelined behind the script: answered after it
            seen.append(awaitBusy(other));
            seen.append(other.call("GET", "k")); // a data command: BUSY too
            seen.append(other.call("FUNCTION", "KILL")); // the wrong kind of kill
            seen.append(other.call("FUNCTION", "STATS")); // about functions: BUSY during an EVAL
            try (RespConnection late = new RespConnection(port)) { // accepted while the script runs
                seen.append(late.call("PING"));
            }
            seen.append(other.call("SCRIPT", "KILL"));
            seen.append(caller.readReply());
            seen.append(caller.readReply());
            seen.append(other.call("PING"));
            seen.append(other.call("CONFIG", "SET", "busy-reply-threshold", "5000"));
        }
        return seen.toString();
    }

    @Test
    void scriptKillStopsAnEvalWhileOthersGetBusyAsRedisSaysIt() throws IOException {
        String aioj = killAnEval(server.port());
        assertThat(aioj).isEqualTo(BUSY_EVAL + BUSY_EVAL + BUSY_EVAL + BUSY_EVAL + BUSY_EVAL + "+OK\r\n"
                + "-ERR Script killed by user with SCRIPT KILL... script: 3fcf51a9b854b8f66cb8685600b0d7df968f4398,"
                + " on @user_script:1.\r\n+PONG\r\n+PONG\r\n+OK\r\n");
        assertThat(aioj).isEqualTo(killAnEval(redis.port()));
    }

    private static String killAFunction(int port) throws IOException {
        StringBuilder seen = new StringBuilder();
        try (RespConnection caller = new RespConnection(port); RespConnection other = new RespConnection(port)) {
            prepare(other);
            seen.append(other.call("FUNCTION", "LOAD",
                    "#!lua name=slow\nredis.register_function('spin', function() " + LOOP + " end)"));
            caller.send("FCALL", "spin", "0");
            seen.append(awaitBusy(other));
            seen.append(other.call("SCRIPT", "KILL"));
            seen.append(other.call("FUNCTION", "KILL"));
            seen.append(caller.readReply());
            seen.append(other.call("CONFIG", "SET", "busy-reply-threshold", "5000"));
        }
        return seen.toString();
    }

    @Test
    void functionKillStopsAFunction() throws IOException {
        String aioj = killAFunction(server.port());
        assertThat(aioj).isEqualTo("$4\r\nslow\r\n" + BUSY_FUNCTION + BUSY_FUNCTION + "+OK\r\n"
                + "-ERR Script killed by user with SCRIPT KILL... script: spin, on @user_function:2.\r\n+OK\r\n");
        assertThat(aioj).isEqualTo(killAFunction(redis.port()));
    }

    private static String killAfterAWrite(int port) throws IOException {
        StringBuilder seen = new StringBuilder();
        try (RespConnection caller = new RespConnection(port); RespConnection other = new RespConnection(port)) {
            prepare(other);
            caller.send("EVAL", "redis.call('set', 'k', 'v') local deadline = redis.call('time')[1] + 2 "
                    + "while tonumber(redis.call('time')[1]) < deadline do end return 'done'", "0");
            seen.append(awaitBusy(other));
            seen.append(other.call("SCRIPT", "KILL"));
            seen.append(caller.readReply()); // the script ends by itself, within about two seconds
            seen.append(other.call("GET", "k"));
            seen.append(other.call("CONFIG", "SET", "busy-reply-threshold", "5000"));
        }
        return seen.toString();
    }

    @Test
    void aScriptThatWroteCannotBeKilled() throws IOException {
        String aioj = killAfterAWrite(server.port());
        assertThat(aioj).isEqualTo(BUSY_EVAL + "-UNKILLABLE Sorry the script already executed write commands "
                + "against the dataset. You can either wait the script termination or kill the server in a hard way "
                + "using the SHUTDOWN NOSAVE command.\r\n$4\r\ndone\r\n$1\r\nv\r\n+OK\r\n");
        assertThat(aioj).isEqualTo(killAfterAWrite(redis.port()));
    }

    @Test
    void shutdownNosaveStopsAServerWhoseScriptCannotBeKilled() throws IOException {
        RedisServer own = RedisServer.start(ServerConfig.builder().port(0).build());
        try (RespConnection caller = new RespConnection(own.port()); RespConnection other = new RespConnection(
                own.port())) {
            prepare(other);
            caller.send("EVAL", "redis.call('set', 'k', 'v') " + LOOP, "0");
            assertThat(awaitBusy(other)).isEqualTo(BUSY_EVAL);
            other.send("SHUTDOWN", "NOSAVE");
            own.waitClosed().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
            assertThat(other.isClosedByServer()).isTrue();
        } finally {
            own.close();
        }
    }

    @Test
    void aFastScriptNeverMakesTheServerBusy() throws IOException {
        try (RespConnection c = server.connect()) {
            prepare(c);
            assertThat(c.call("EVAL", "local s = 0 for i = 1, 100000 do s = s + i end return s", "0"))
                    .isEqualTo(":5000050000\r\n");
            assertThat(c.call("FUNCTION", "STATS")).startsWith("*4\r\n$14\r\nrunning_script\r\n$-1\r\n");
            assertThat(c.call("CONFIG", "GET", "lua-time-limit")).isEqualTo("*2\r\n$14\r\nlua-time-limit\r\n$2\r\n50\r\n");
            assertThat(c.call("CONFIG", "SET", "busy-reply-threshold", "5000")).isEqualTo("+OK\r\n");
        }
    }
}

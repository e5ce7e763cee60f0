package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** requirepass: nothing but AUTH, HELLO, QUIT and RESET before authenticating. */
class AuthTest {

    @RegisterExtension
    static final TestServer server = new TestServer(b -> b.requirePass("s3cret"));

    @Test
    void commandsBeforeAuthAreRefused() throws Exception {
        RespConnection c = server.connect();
        assertThat(c.call("GET", "k")).isEqualTo("-NOAUTH Authentication required.\r\n");
        assertThat(c.call("PING")).isEqualTo("-NOAUTH Authentication required.\r\n");
        assertThat(c.call("NOSUCH")).as("existence is checked first, as in Redis")
                .isEqualTo("-ERR unknown command 'NOSUCH', with args beginning with: \r\n");
        assertThat(c.call("AUTH", "wrong")).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
        assertThat(c.call("AUTH", "s3cret")).isEqualTo("+OK\r\n");
        assertThat(c.call("SET", "k", "v")).isEqualTo("+OK\r\n");
    }

    @Test
    void noCommandButAuthHelloQuitAndResetDoesAnythingBeforeAuth() throws Exception {
        // every command and subcommand in the table, with as many arguments as its arity asks: only errors come back
        RespConnection c = server.connect();
        java.util.List<String> answered = new java.util.ArrayList<>();
        for (Command command : Commands.table().allWithSubcommands()) {
            String name = command.name().toUpperCase(java.util.Locale.ROOT);
            if (java.util.Set.of("AUTH", "HELLO", "QUIT", "RESET").contains(name)) {
                continue;
            }
            java.util.List<String> args = new java.util.ArrayList<>(java.util.Arrays.asList(
                    command.fullName().toUpperCase(java.util.Locale.ROOT).split("\\|")));
            while (args.size() < Math.abs(command.arity())) {
                args.add("x");
            }
            String reply = c.call(args.toArray(String[]::new));
            if (!reply.startsWith("-")) {
                answered.add(args + " -> " + reply.strip());
            }
        }
        assertThat(answered).as("commands that did something before AUTH").isEmpty();
        assertThat(c.call("AUTH", "s3cret")).isEqualTo("+OK\r\n");
        assertThat(c.call("DBSIZE")).as("nothing was written before AUTH").isEqualTo(":0\r\n");
    }

    @Test
    void authWithTheDefaultUserName() throws Exception {
        RespConnection c = server.connect();
        assertThat(c.call("AUTH", "someone", "s3cret"))
                .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
        assertThat(c.call("AUTH", "default", "s3cret")).isEqualTo("+OK\r\n");
    }

    @Test
    void helloCanAuthenticateAndSwitchProtocolTogether() throws Exception {
        RespConnection c = server.connect();
        assertThat(c.call("HELLO", "3")).startsWith("-NOAUTH HELLO must be called with the client already authenticated");
        assertThat(c.call("HELLO", "3", "AUTH", "default", "bad"))
                .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
        String hello = c.call("HELLO", "3", "AUTH", "default", "s3cret", "SETNAME", "app");
        assertThat(hello).startsWith("%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n"
                + "$5\r\nproto\r\n:3\r\n$2\r\nid\r\n:");
        assertThat(hello).endsWith("$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n"
                + "$7\r\nmodules\r\n*0\r\n");
        assertThat(c.call("CLIENT", "GETNAME")).isEqualTo("$3\r\napp\r\n");
        assertThat(c.call("GET", "missing")).isEqualTo("_\r\n");
    }

    @Test
    void unauthenticatedClientsCannotSendLargeRequests() throws Exception {
        RespConnection c = server.connect();
        c.sendRaw("*20\r\n");
        assertThat(c.readReply()).isEqualTo("-ERR Protocol error: unauthenticated multibulk length\r\n");
        assertThat(c.isClosedByServer()).isTrue();
    }

    @Test
    void resetForgetsTheAuthentication() throws Exception {
        RespConnection c = server.connect();
        c.call("AUTH", "s3cret");
        assertThat(c.call("RESET")).isEqualTo("+RESET\r\n");
        assertThat(c.call("GET", "k")).isEqualTo("-NOAUTH Authentication required.\r\n");
    }

    @Test
    void configSetRequirepassTakesEffectForNewAuth() throws Exception {
        RespConnection c = server.connect();
        c.call("AUTH", "s3cret");
        assertThat(c.call("CONFIG", "SET", "requirepass", "other")).isEqualTo("+OK\r\n");
        try (RespConnection d = new RespConnection(server.port())) {
            assertThat(d.call("AUTH", "s3cret")).startsWith("-WRONGPASS");
            assertThat(d.call("AUTH", "other")).isEqualTo("+OK\r\n");
            assertThat(d.call("CONFIG", "GET", "requirepass")).isEqualTo("*2\r\n$11\r\nrequirepass\r\n$5\r\nother\r\n");
        } finally {
            c.call("CONFIG", "SET", "requirepass", "s3cret");
        }
    }
}

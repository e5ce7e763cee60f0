package dev.aioj.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that runs one aioj-server per test class on 127.0.0.1 and
 * a free port, empties it before each test, and closes the connections a test
 * opened through {@link #connect}.
 *
 * <pre>{@code
 * @RegisterExtension static final TestServer server = new TestServer();
 * ... try (RespConnection c = server.connect()) { assertThat(c.call("PING")).isEqualTo("+PONG\r\n"); }
 * }</pre>
 */
final class TestServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private final UnaryOperator<ServerConfig.Builder> configure;
    private final List<RespConnection> opened = new ArrayList<>();
    private RedisServer server;

    TestServer() {
        this(b -> b);
    }

    TestServer(UnaryOperator<ServerConfig.Builder> configure) {
        this.configure = configure;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServer.start(configure.apply(ServerConfig.builder().port(0)).build());
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        closeOpened();
        server.onLoop(() -> {
            for (Database db : server.state().dbs) {
                db.flush();
            }
            server.state().stats.reset();
            return null;
        });
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        closeOpened();
        server.close();
    }

    private void closeOpened() throws IOException {
        for (RespConnection c : opened) {
            c.close();
        }
        opened.clear();
    }

    RedisServer server() {
        return server;
    }

    int port() {
        return server.port();
    }

    /** A new connection, closed after the test. */
    RespConnection connect() {
        try {
            RespConnection c = new RespConnection(server.port());
            opened.add(c);
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

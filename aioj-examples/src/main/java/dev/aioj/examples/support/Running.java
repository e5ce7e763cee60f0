package dev.aioj.examples.support;

import java.util.Map;

/**
 * A server example that is up: the ports it listens on (the system's choice
 * when started on port 0, as tests do) and how to stop it.
 *
 * <p>Thread contract: any thread.
 */
public interface Running extends AutoCloseable {

    /** The port it listens on; the first one if it has several. */
    int port();

    /** Every port by role ("time", "echo", ...) for servers with several. */
    default Map<String, Integer> ports() {
        return Map.of("port", port());
    }

    /** Stops listening, closes its connections, ends its threads or loop. Idempotent. */
    @Override
    void close();
}

/**
 * aioj-server-junit: an in-process, Redis-compatible server for tests.
 * {@link dev.aioj.server.junit.EmbeddedRedis#start(String...)} for any test
 * framework; {@link dev.aioj.server.junit.AiojServer @AiojServer} for JUnit 5
 * (the JUnit API is an optional dependency: only the extension needs it).
 */
module dev.aioj.server.junit {
    requires transitive dev.aioj.server;
    requires static org.junit.jupiter.api;

    exports dev.aioj.server.junit;
}

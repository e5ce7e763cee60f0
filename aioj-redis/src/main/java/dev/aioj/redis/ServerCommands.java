package dev.aioj.redis;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The server and connection commands a program uses day to day, typed:
 * liveness (PING, ECHO), INFO as text or parsed, the database's size and
 * flushing, the server's clock, the connection's name and id, CONFIG.
 *
 * <p>CLIENT SETNAME names the current socket only: after a reconnect the new
 * socket is named by the URI's {@code name} option, not by an earlier
 * SETNAME. Set the name in the URI to keep it.
 *
 * <p>Thread contract: any thread (see {@link BaseCommands}).
 *
 * @param <V> what bulk-string replies decode to
 */
public interface ServerCommands<V> extends BaseCommands<V> {

    /** PING: {@code "PONG"}. */
    default CompletableFuture<String> ping() {
        return command(Reply.STATUS, "PING");
    }

    /** PING with a message: the message. */
    default CompletableFuture<V> ping(Object message) {
        return command(Reply.value(), "PING", message);
    }

    /** ECHO: the message. */
    default CompletableFuture<V> echo(Object message) {
        return command(Reply.value(), "ECHO", message);
    }

    /** INFO: the default sections, as the server's text. */
    default CompletableFuture<String> info() {
        return command(Reply.STATUS, "INFO");
    }

    /** INFO of one section ({@code "server"}, {@code "memory"}, {@code "all"}, ...) as text. */
    default CompletableFuture<String> info(String section) {
        return command(Reply.STATUS, "INFO", Objects.requireNonNull(section, "section"));
    }

    /**
     * INFO parsed: sections by lower-case name ({@code "server"}, {@code
     * "clients"}, ...), each its {@code field -> value} text in the server's
     * order: {@code infoSections().join().get("server").get("redis_version")}.
     */
    default CompletableFuture<Map<String, Map<String, String>>> infoSections() {
        return command(CommandReplies.INFO_SECTIONS, "INFO");
    }

    /** INFO of one section, parsed like {@link #infoSections()}. */
    default CompletableFuture<Map<String, Map<String, String>>> infoSections(String section) {
        return command(CommandReplies.INFO_SECTIONS, "INFO", Objects.requireNonNull(section, "section"));
    }

    /** DBSIZE: the number of keys in the connection's database. */
    default CompletableFuture<Long> dbsize() {
        return command(Reply.LONG, "DBSIZE");
    }

    /** FLUSHDB: deletes every key of the connection's database. */
    default CompletableFuture<Void> flushdb() {
        return command(Reply.OK, "FLUSHDB");
    }

    /** FLUSHALL: deletes every key of every database. */
    default CompletableFuture<Void> flushall() {
        return command(Reply.OK, "FLUSHALL");
    }

    /** TIME: the server's clock, to the microsecond. */
    default CompletableFuture<Instant> time() {
        return command(CommandReplies.TIME, "TIME");
    }

    /** LASTSAVE: when the last successful save to disk happened (the server's start if never). */
    default CompletableFuture<Instant> lastsave() {
        return command(CommandReplies.EPOCH_SECONDS, "LASTSAVE");
    }

    /** CLIENT SETNAME: names this connection's current socket (no spaces); see the class comment on reconnects. */
    default CompletableFuture<Void> clientSetname(String name) {
        return command(Reply.OK, "CLIENT", "SETNAME", Objects.requireNonNull(name, "name"));
    }

    /** CLIENT GETNAME: this connection's name, or null if it has none. */
    default CompletableFuture<String> clientGetname() {
        return command(Reply.STATUS, "CLIENT", "GETNAME");
    }

    /** CLIENT ID: the server's id of this connection's current socket (a new one after a reconnect). */
    default CompletableFuture<Long> clientId() {
        return command(Reply.LONG, "CLIENT", "ID");
    }

    /** CONFIG GET: the parameters matching the glob {@code pattern} and their values, as text. */
    default CompletableFuture<Map<String, String>> configGet(String pattern) {
        return command(CommandReplies.TEXT_MAP, "CONFIG", "GET", Objects.requireNonNull(pattern, "pattern"));
    }

    /** CONFIG SET: sets one parameter at run time; fails with ERR for an unknown parameter or a bad value. */
    default CompletableFuture<Void> configSet(String parameter, Object value) {
        return command(Reply.OK, "CONFIG", "SET", Objects.requireNonNull(parameter, "parameter"), value);
    }
}

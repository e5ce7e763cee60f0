package dev.aioj.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The value of every directive: what a config file, the command line and
 * the builder set, on top of the defaults. A {@link ServerConfig} holds a
 * frozen copy; a running server holds its own live copy ({@code
 * ServerState.live}) that CONFIG SET changes.
 *
 * <pre>{@code
 * long maxClients = server.live.number(ClientDirectives.MAXCLIENTS);
 * }</pre>
 *
 * <p>Thread contract: not thread-safe; a live copy belongs to the server's loop thread.
 */
final class ConfigValues {

    private final Map<Directive, Object> values;

    ConfigValues() {
        this.values = new IdentityHashMap<>();
    }

    private ConfigValues(Map<Directive, Object> values) {
        this.values = new IdentityHashMap<>(values);
    }

    ConfigValues copy() {
        return new ConfigValues(values);
    }

    /** The value of {@code d}: what was set, else its default. */
    Object get(Directive d) {
        return values.containsKey(d) ? values.get(d) : d.defaultValue();
    }

    void set(Directive d, Object value) {
        values.put(Objects.requireNonNull(d, "directive"), value);
    }

    long number(Directive d) {
        return (Long) get(d);
    }

    /** A number that fits an int (ports, counts), clamped to int's range. */
    int intValue(Directive d) {
        long n = number(d);
        return n > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(Integer.MIN_VALUE, n);
    }

    boolean bool(Directive d) {
        return (Boolean) get(d);
    }

    /** A text directive's value, or null when unset. */
    String text(Directive d) {
        return (String) get(d);
    }

    /** A choice directive's value, or its OR-ed flags. */
    int choice(Directive d) {
        return (Integer) get(d);
    }

    /** A choice directive's value as its word (loglevel: "notice"). */
    String choiceName(Directive d) {
        return d.format(get(d));
    }

    /** The working directory: the {@code dir} directive, absolute. */
    Path directory() {
        return (Path) get(PersistenceDirectives.DIR);
    }

    /** {@code path} resolved against the {@code dir} directive, as redis-server (which changes into it) does. */
    Path resolve(String path) {
        return directory().resolve(path).normalize();
    }

    /** The directives whose value differs from their default, in table order. */
    List<Directive> changed() {
        List<Directive> changed = new ArrayList<>();
        for (Directive d : DirectiveTable.all()) {
            if (values.containsKey(d) && !Objects.equals(values.get(d), d.defaultValue())) {
                changed.add(d);
            }
        }
        return changed;
    }
}

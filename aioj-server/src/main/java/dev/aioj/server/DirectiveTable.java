package dev.aioj.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every directive of Redis 7.0's config table, found by name or alias in any
 * case, as redis-server finds them. The entries live in one class per
 * redis.conf section ({@link NetworkDirectives}, {@link TlsDirectives},
 * {@link GeneralDirectives}, {@link PersistenceDirectives}, {@link
 * ReplicationDirectives}, {@link ClusterDirectives}, {@link
 * ClientDirectives}, {@link MemoryDirectives}, {@link EncodingDirectives},
 * {@link MonitoringDirectives}, {@link ScriptingDirectives}); adding one is
 * adding it to its section's {@code all()}.
 *
 * <p>Thread contract: immutable, any thread.
 */
final class DirectiveTable {

    private static final List<Directive> ALL;
    private static final Map<String, Directive> BY_NAME = new HashMap<>();

    static {
        List<Directive> all = new ArrayList<>();
        all.addAll(NetworkDirectives.all());
        all.addAll(TlsDirectives.all());
        all.addAll(GeneralDirectives.all());
        all.addAll(PersistenceDirectives.all());
        all.addAll(ReplicationDirectives.all());
        all.addAll(ClusterDirectives.all());
        all.addAll(ClientDirectives.all());
        all.addAll(MemoryDirectives.all());
        all.addAll(EncodingDirectives.all());
        all.addAll(MonitoringDirectives.all());
        all.addAll(ScriptingDirectives.all());
        for (Directive d : all) {
            register(d.name(), d);
            for (String alias : d.aliases()) {
                register(alias, d);
            }
        }
        ALL = Collections.unmodifiableList(all);
    }

    private DirectiveTable() {}

    private static void register(String name, Directive d) {
        if (BY_NAME.putIfAbsent(name, d) != null) {
            throw new IllegalStateException("directive defined twice: " + name);
        }
    }

    /** Every directive, section by section, in redis.conf's order of sections. */
    static List<Directive> all() {
        return ALL;
    }

    /** The directive called {@code name} (or an alias of it) in any case, or null. */
    static Directive find(String name) {
        return BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    /** Every name and alias, each with its directive, for CONFIG GET patterns. */
    static Map<String, Directive> byName() {
        return Collections.unmodifiableMap(BY_NAME);
    }
}

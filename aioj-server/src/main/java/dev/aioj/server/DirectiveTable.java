package dev.aioj.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    private static final Map<String, List<Directive>> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("Network", NetworkDirectives.all());
        SECTIONS.put("TLS", TlsDirectives.all());
        SECTIONS.put("General", GeneralDirectives.all());
        SECTIONS.put("Snapshotting and append-only file", PersistenceDirectives.all());
        SECTIONS.put("Replication", ReplicationDirectives.all());
        SECTIONS.put("Cluster", ClusterDirectives.all());
        SECTIONS.put("Security and clients", ClientDirectives.all());
        SECTIONS.put("Memory, lazy freeing, threads, defragmentation", MemoryDirectives.all());
        SECTIONS.put("Data structure encodings", EncodingDirectives.all());
        SECTIONS.put("Slow log, latency, keyspace events", MonitoringDirectives.all());
        SECTIONS.put("Scripting", ScriptingDirectives.all());
        List<Directive> all = new ArrayList<>();
        SECTIONS.values().forEach(all::addAll);
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

    /** The directives by redis.conf section, in order: for the docs' table. */
    static Map<String, List<Directive>> sections() {
        return Collections.unmodifiableMap(SECTIONS);
    }

    /** Every name and alias, each with its directive, for CONFIG GET patterns. */
    static Map<String, Directive> byName() {
        return Collections.unmodifiableMap(BY_NAME);
    }
}

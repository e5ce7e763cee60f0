package dev.aioj.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Redis 7.0.15's own description of every command (its src/commands/*.json:
 * arity, flags, ACL categories, key specs, tips, arguments, history), shipped
 * as the resource {@code redis-7.0-commands.json} and read once, on first use.
 * COMMAND INFO and COMMAND DOCS render what they say about the commands this
 * server has ({@link CommandDescription}), so the replies are Redis's, and a
 * test checks that the command table agrees with them.
 *
 * <p>The data is Redis's (BSD-3-Clause, Copyright (c) Redis Ltd.);
 * {@code src/build/merge-command-docs.py} rebuilds the resource.
 *
 * <p>Thread contract: immutable once loaded; any thread.
 */
final class CommandDocs {

    private CommandDocs() {}

    /** One command's description, as Redis's JSON gives it. */
    record Doc(String fullName, Map<String, Object> json) {

        int arity() {
            return ((Long) json.get("arity")).intValue();
        }

        String string(String field) {
            return (String) json.get(field);
        }

        @SuppressWarnings("unchecked")
        List<Object> list(String field) {
            Object v = json.get(field);
            return v == null ? List.of() : (List<Object>) v;
        }

        /** {@code command_flags}, upper case as in the JSON ("WRITE", "DENYOOM"). */
        @SuppressWarnings("unchecked")
        List<String> flags() {
            return (List<String>) (List<?>) list("command_flags");
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> keySpecs() {
            return (List<Map<String, Object>>) (List<?>) list("key_specs");
        }
    }

    /** The description of {@code fullName} ("get", "client|id"), or null if Redis 7.0 has no such command. */
    @SuppressWarnings("unchecked")
    static Doc get(String fullName) {
        Object json = Holder.ALL.get(fullName);
        return json instanceof Map<?, ?> m ? new Doc(fullName, (Map<String, Object>) m) : null;
    }

    /** Loaded on first use (COMMAND, or the table check in tests), then shared: it never changes. */
    private static final class Holder {
        static final Map<String, Object> ALL = load();

        @SuppressWarnings("unchecked")
        private static Map<String, Object> load() {
            try (InputStream in = CommandDocs.class.getResourceAsStream("redis-7.0-commands.json")) {
                if (in == null) {
                    throw new IllegalStateException("resource redis-7.0-commands.json is missing");
                }
                return (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read redis-7.0-commands.json", e);
            }
        }
    }
}

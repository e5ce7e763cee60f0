package dev.aioj.server;

import java.util.HashMap;
import java.util.Map;
import org.luaj.vm2.LuaFunction;

/**
 * The scripts EVAL and SCRIPT LOAD compiled, by the SHA1 of their body (in
 * lower case), as Redis's {@code lctx.lua_scripts}: EVALSHA finds them here
 * until SCRIPT FLUSH.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ScriptCache {

    /** A compiled script: its body (for its size), flags from its shebang, and its function. */
    record Script(byte[] body, int flags, LuaFunction function) {}

    private final Map<String, Script> bySha = new HashMap<>();
    private long bodyBytes;

    Script get(String sha) {
        return bySha.get(sha);
    }

    void put(String sha, Script script) {
        if (bySha.put(sha, script) == null) {
            bodyBytes += script.body().length;
        }
    }

    boolean contains(String sha) {
        return bySha.containsKey(sha);
    }

    int size() {
        return bySha.size();
    }

    /** The bytes of the cached bodies (INFO's used_memory_scripts_eval). */
    long bodyBytes() {
        return bodyBytes;
    }

    void clear() {
        bySha.clear();
        bodyBytes = 0;
    }
}

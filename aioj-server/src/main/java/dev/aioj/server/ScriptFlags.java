package dev.aioj.server;

import java.nio.charset.StandardCharsets;

/**
 * Script flags as Redis 7.0 reads them: from a {@code #!lua flags=a,b}
 * shebang on an EVAL body or a FUNCTION library, and from the {@code flags}
 * of {@code redis.register_function}. A script without a shebang runs in
 * EVAL's compatible mode (it may write; no flag checks).
 *
 * <p>Thread contract: pure functions, any thread.
 */
final class ScriptFlags {

    private ScriptFlags() {}

    static final int NO_WRITES = 1;
    static final int ALLOW_OOM = 1 << 1;
    static final int ALLOW_STALE = 1 << 2;
    static final int NO_CLUSTER = 1 << 3;
    static final int ALLOW_CROSS_SLOT = 1 << 4;
    /** A script without a shebang: EVAL's pre-7.0 behaviour. */
    static final int EVAL_COMPAT = 1 << 5;

    static final String[] NAMES = {"no-writes", "allow-oom", "allow-stale", "no-cluster", "allow-cross-slot-keys"};

    /** The flag named {@code name}, or 0 if none is. */
    static int byName(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return 1 << i;
            }
        }
        return 0;
    }

    /** A parsed shebang: its flags, and how many bytes of the body it takes (up to the end of its line). */
    record Shebang(int flags, int length) {}

    /**
     * Reads an EVAL body's shebang (Redis's evalExtractShebangFlags).
     *
     * @return the flags (EVAL_COMPAT and length 0 without a shebang)
     * @throws IllegalArgumentException with Redis's error text (without "ERR ")
     */
    static Shebang evalShebang(byte[] body) {
        if (body.length < 2 || body[0] != '#' || body[1] != '!') {
            return new Shebang(EVAL_COMPAT, 0);
        }
        int end = 0;
        while (end < body.length && body[end] != '\n') {
            end++;
        }
        String line = new String(body, 0, end, StandardCharsets.ISO_8859_1);
        String[] parts = line.split(" ", -1);
        java.util.List<String> words = new java.util.ArrayList<>();
        for (String p : parts) {
            if (!p.isEmpty()) {
                words.add(p);
            }
        }
        if (words.isEmpty() || !words.get(0).equals("#!lua")) {
            throw new IllegalArgumentException("Unexpected engine in script shebang: " + line.split(" ")[0]);
        }
        int flags = 0;
        for (int j = 1; j < words.size(); j++) {
            String w = words.get(j);
            if (!w.startsWith("flags=")) {
                throw new IllegalArgumentException("Unknown lua shebang option: " + w);
            }
            for (String f : w.substring(6).split(",", -1)) {
                if (f.isEmpty()) {
                    continue;
                }
                int bit = byName(f);
                if (bit == 0) {
                    throw new IllegalArgumentException("Unexpected flag in script shebang: " + f);
                }
                flags |= bit;
            }
        }
        return new Shebang(flags, end);
    }
}

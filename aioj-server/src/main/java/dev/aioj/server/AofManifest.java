package dev.aioj.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis 7's multi-part AOF manifest ({@code aof.c}'s aofInfoFormat and
 * aofLoadManifestFromFile): one line per file in {@code appenddirname},
 * {@code file <name> seq <n> type <b|h|i>}: the base (an RDB preamble,
 * {@code .base.rdb}, or commands, {@code .base.aof}), history files waiting
 * to be deleted, and the incremental files in order. Written to a temporary
 * file, fsynced and renamed, as Redis does.
 *
 * <p>Thread contract: the server's loop thread.
 */
final class AofManifest {

    /** One file of the manifest. */
    record Entry(String name, long seq, char type) {}

    Entry base;
    final List<Entry> incrs = new ArrayList<>();
    final List<Entry> history = new ArrayList<>();

    static String manifestName(String appendFilename) {
        return appendFilename + ".manifest";
    }

    static AofManifest read(Path file) throws IOException {
        AofManifest m = new AofManifest();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            List<String> words = words(t);
            String name = null;
            long seq = -1;
            char type = 0;
            for (int i = 0; i + 1 < words.size(); i += 2) {
                switch (words.get(i)) {
                    case "file" -> name = words.get(i + 1);
                    case "seq" -> seq = Long.parseLong(words.get(i + 1));
                    case "type" -> type = words.get(i + 1).charAt(0);
                    default -> { } // Redis skips unknown keys too
                }
            }
            if (name == null || seq < 0 || type == 0) {
                throw new IOException("Invalid AOF manifest file format: " + line);
            }
            Entry e = new Entry(name, seq, type);
            switch (type) {
                case 'b' -> {
                    if (m.base != null) {
                        throw new IOException("Found duplicate base file information");
                    }
                    m.base = e;
                }
                case 'i' -> m.incrs.add(e);
                case 'h' -> m.history.add(e);
                default -> throw new IOException("Unknown AOF file type " + type);
            }
        }
        return m;
    }

    /** Redis quotes names with spaces (sdscatrepr); ours never have any, but read both. */
    private static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    String format() {
        StringBuilder b = new StringBuilder();
        if (base != null) {
            line(b, base);
        }
        for (Entry e : history) {
            line(b, e);
        }
        for (Entry e : incrs) {
            line(b, e);
        }
        return b.toString();
    }

    private static void line(StringBuilder b, Entry e) {
        b.append("file ").append(e.name()).append(" seq ").append(e.seq()).append(" type ").append(e.type())
                .append('\n');
    }

    void write(Path file) throws IOException {
        Path tmp = file.resolveSibling("temp-" + file.getFileName());
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(format().getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    long lastIncrSeq() {
        return incrs.isEmpty() ? 0 : incrs.get(incrs.size() - 1).seq();
    }
}

package dev.aioj.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of {@code config/errors.cases}: files in a fresh folder, standard
 * input and redis-server's arguments, and what redis-server 7.0 printed and
 * returned for them (recorded by {@link ConfigErrorRecorder}). The format is
 * described at the top of the file.
 *
 * @param expectedOut standard output, a log line's pid and time replaced by {@code <log>}
 */
record ConfigErrorCase(String name, int line, Map<String, String> files, String stdin, String args,
        Integer expectedExit, List<String> expectedErr, List<String> expectedOut) {

    static final Path FILE = Path.of("src/test/resources/dev/aioj/server/config/errors.cases");

    /** What a run printed and returned. */
    record Outcome(int exit, List<String> err, List<String> out) {}

    static List<ConfigErrorCase> load() throws IOException {
        return parse(Files.readAllLines(FILE, StandardCharsets.UTF_8));
    }

    static List<ConfigErrorCase> parse(List<String> lines) {
        List<ConfigErrorCase> cases = new ArrayList<>();
        Builder b = null;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("=== ")) {
                if (b != null) {
                    cases.add(b.build());
                }
                b = new Builder(l.substring(4), i + 1);
            } else if (b == null || l.isBlank() || l.startsWith("#")) {
                continue;
            } else if (l.startsWith("file ")) {
                int colon = l.indexOf(": ");
                b.files.put(l.substring(5, colon), unescape(l.substring(colon + 2)));
            } else if (l.startsWith("stdin: ")) {
                b.stdin = unescape(l.substring(7));
            } else if (l.startsWith("args: ")) {
                b.args = l.substring(6);
            } else if (l.startsWith("exit: ")) {
                b.exit = Integer.parseInt(l.substring(6).trim());
            } else if (l.startsWith("err|")) {
                b.err.add(l.length() > 5 ? l.substring(5) : "");
            } else if (l.startsWith("out|")) {
                b.out.add(l.length() > 5 ? l.substring(5) : "");
            } else {
                throw new IllegalArgumentException(FILE + ":" + (i + 1) + ": cannot read: " + l);
            }
        }
        if (b != null) {
            cases.add(b.build());
        }
        return cases;
    }

    /** Writes the case's files into {@code dir}, {@code {dir}} in them replaced. */
    void writeFiles(Path dir) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue().replace("{dir}", dir.toString()),
                    StandardCharsets.UTF_8);
        }
    }

    /** The arguments, {@code {dir}} replaced, split with redis.conf's quoting rules. */
    List<String> argv(Path dir) {
        byte[] text = args.replace("{dir}", dir.toString()).getBytes(StandardCharsets.UTF_8);
        List<String> argv = new ArrayList<>();
        for (byte[] word : InlineArgs.split(text, 0, text.length)) {
            argv.add(new String(word, StandardCharsets.UTF_8));
        }
        return argv;
    }

    /** A printed line with {@code dir} put back as {@code {dir}} and a log line's header as {@code <log>}. */
    static String normalize(String line, Path dir) {
        return line.replace(dir.toString(), "{dir}")
                .replaceFirst("^\\d+:[A-Z] \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d{3} ", "<log> ");
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                b.append(switch (e) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> e;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return name;
    }

    private static final class Builder {
        final String name;
        final int line;
        final Map<String, String> files = new LinkedHashMap<>();
        String stdin;
        String args = "";
        Integer exit;
        final List<String> err = new ArrayList<>();
        final List<String> out = new ArrayList<>();

        Builder(String name, int line) {
            this.name = name;
            this.line = line;
        }

        ConfigErrorCase build() {
            return new ConfigErrorCase(name, line, files, stdin, args, exit, List.copyOf(err), List.copyOf(out));
        }
    }
}

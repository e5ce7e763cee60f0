package dev.aioj.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Request/reply tables: the server's expected behaviour, byte for byte, in
 * files under {@code src/test/resources/dev/aioj/server/cases/}. The same
 * tables run against aioj-server ({@link CompatCasesTest}) and were recorded
 * from a real redis-server 7.0 ({@link CaseRecorder}), so they are both the
 * specification and the compatibility suite.
 *
 * <pre>
 * # a comment
 * === SET with NX               a scenario: a fresh connection on an empty server
 * &gt; SET k v NX                 a command, split like redis-cli splits a line
 * &lt; +OK\r\n                     the exact reply: \r \n \\ \xHH escapes
 * &gt;raw PING\r\n                 exact bytes to send (inline commands, protocol errors)
 * &lt;~ *2\r\n$1\r\na...          an array whose elements may come in any order (KEYS)
 * &lt;? TIME varies                any one reply (what follows is a comment)
 * &lt;eof                          the server closes the connection
 * &gt;2 RPUSH q a                  the same on a second connection (any digit 1-9; none means 1)
 * &lt;2 :1\r\n                     a reply on that connection
 * &lt;blocked 1                    wait until the server counts that many blocked clients (INFO)
 * </pre>
 *
 * <p>A request may be followed by several replies (SUBSCRIBE a b) or none
 * (the next request's replies come after it, as in a pipeline). Numbered
 * connections are opened on first use and let a scenario block a client
 * (BLPOP on 1), wait until the server has it blocked, then serve it from
 * another (RPUSH on 2), and read the woken client's reply where Redis sends
 * it.
 */
final class CaseFile {

    /** What a step does. */
    enum Kind { SEND, SEND_RAW, EXPECT, EXPECT_UNORDERED, EXPECT_ANY, EXPECT_EOF, WAIT_BLOCKED }

    /**
     * One line of a scenario; {@code text} is the line after its marker,
     * {@code line} its number, {@code connection} the numbered connection it
     * runs on (1 unless the marker says).
     */
    record Step(Kind kind, String text, int line, int connection) {
        Step(Kind kind, String text, int line) {
            this(kind, text, line, 1);
        }

        /** The marker this step's line starts with, for rewriting it ("<", "<2"). */
        String marker() {
            String base = kind == Kind.EXPECT_UNORDERED ? "<~" : "<";
            return connection == 1 ? base : base + connection;
        }
    }

    /** A named list of steps, run on one fresh connection. */
    record Scenario(String name, String file, int line, List<Step> steps) {
        @Override
        public String toString() {
            return name;
        }
    }

    private CaseFile() {}

    static List<Scenario> parse(String fileName, List<String> lines) {
        List<Scenario> scenarios = new ArrayList<>();
        String name = null;
        int start = 0;
        List<Step> steps = null;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            int lineNo = i + 1;
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            if (l.startsWith("=== ")) {
                if (steps != null) {
                    scenarios.add(new Scenario(name, fileName, start, steps));
                }
                name = l.substring(4).trim();
                start = lineNo;
                steps = new ArrayList<>();
                continue;
            }
            if (steps == null) {
                throw new IllegalArgumentException(fileName + ":" + lineNo + ": step before any '=== scenario': " + l);
            }
            if (l.length() > 2 && (l.charAt(0) == '>' || l.charAt(0) == '<') && l.charAt(1) >= '1'
                    && l.charAt(1) <= '9' && l.charAt(2) == ' ') {
                Kind kind = l.charAt(0) == '>' ? Kind.SEND : Kind.EXPECT;
                steps.add(new Step(kind, l.substring(3), lineNo, l.charAt(1) - '0'));
            } else if (l.startsWith("<blocked ")) {
                steps.add(new Step(Kind.WAIT_BLOCKED, l.substring(9).trim(), lineNo));
            } else if (l.startsWith(">raw ")) {
                steps.add(new Step(Kind.SEND_RAW, l.substring(5), lineNo));
            } else if (l.startsWith("> ")) {
                steps.add(new Step(Kind.SEND, l.substring(2), lineNo));
            } else if (l.startsWith("<~ ")) {
                steps.add(new Step(Kind.EXPECT_UNORDERED, l.substring(3), lineNo));
            } else if (l.startsWith("<?")) {
                steps.add(new Step(Kind.EXPECT_ANY, l.substring(2).trim(), lineNo));
            } else if (l.startsWith("<eof")) {
                steps.add(new Step(Kind.EXPECT_EOF, "", lineNo));
            } else if (l.startsWith("< ")) {
                steps.add(new Step(Kind.EXPECT, l.substring(2), lineNo));
            } else {
                throw new IllegalArgumentException(fileName + ":" + lineNo + ": unknown step: " + l);
            }
        }
        if (steps != null) {
            scenarios.add(new Scenario(name, fileName, start, steps));
        }
        return scenarios;
    }

    static List<Scenario> load(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** The bytes a SEND step puts on the wire: its arguments as one multibulk request. */
    static byte[] request(Step step) {
        if (step.kind() == Kind.SEND_RAW) {
            return unescape(step.text());
        }
        byte[] line = step.text().getBytes(StandardCharsets.UTF_8);
        byte[][] args = InlineArgs.split(line, 0, line.length);
        if (args == null || args.length == 0) {
            throw new IllegalArgumentException("line " + step.line() + ": cannot split into arguments: " + step.text());
        }
        return RespConnection.encode(args);
    }

    /** Bytes as the table writes them: printable ASCII as is, else \r \n \\ \xHH. */
    static String escape(String latin1) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < latin1.length(); i++) {
            char c = latin1.charAt(i);
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c >= 0x20 && c < 0x7F) {
                        b.append(c);
                    } else {
                        b.append(String.format("\\x%02x", (int) c));
                    }
                }
            }
        }
        return b.toString();
    }

    /** The reverse of {@link #escape}. */
    static byte[] unescape(String text) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                b.write(c);
                continue;
            }
            char e = text.charAt(++i);
            switch (e) {
                case 'r' -> b.write('\r');
                case 'n' -> b.write('\n');
                case '\\' -> b.write('\\');
                case 'x' -> {
                    b.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e + " in " + text);
            }
        }
        return b.toByteArray();
    }
}

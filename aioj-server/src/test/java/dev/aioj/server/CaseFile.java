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
 * &lt;re ^\+\d+\.\d+ \[0 .*      a reply (escaped as above) matching a regular expression (MONITOR)
 * &#64;2 &gt; SET k v               any step on a second connection of the scenario (&#64;3, ... likewise)
 * &lt;blocked 1                    wait until the server reports that many blocked clients (INFO clients)
 * &gt; CLIENT TRACKING on REDIRECT {id&#64;2}   connection 2's client id, in a request or a reply
 * </pre>
 *
 * <p>A request may be followed by several replies (SUBSCRIBE a b) or none
 * (the next request's replies come after it, as in a pipeline). Steps
 * without {@code @N} run on connection 1; a connection opens at its first
 * step, so a subscriber on one connection sees what another one does, and
 * a client blocked on one (BLPOP) is served from another (RPUSH) once
 * {@code <blocked N} has seen the server block it. A scenario that names
 * {@code {id@N}} opens connection N where it is first named and asks it
 * CLIENT ID at once; the recorder writes an integer reply equal to such an
 * id back as {@code {id@N}}.
 */
final class CaseFile {

    /** What a step does. */
    enum Kind { SEND, SEND_RAW, EXPECT, EXPECT_UNORDERED, EXPECT_ANY, EXPECT_MATCH, EXPECT_EOF, WAIT_BLOCKED }

    /**
     * One line of a scenario; {@code text} is the line after its marker,
     * {@code line} its number, {@code connection} the scenario's connection it
     * runs on (1, or N for a line starting {@code @N}).
     */
    record Step(Kind kind, String text, int line, int connection) {
        Step(Kind kind, String text, int line) {
            this(kind, text, line, 1);
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
            int connection = 1;
            if (l.startsWith("@")) {
                int space = l.indexOf(' ');
                try {
                    connection = Integer.parseInt(l.substring(1, space < 0 ? l.length() : space));
                } catch (NumberFormatException e) {
                    connection = 0;
                }
                if (connection < 1 || space < 0) {
                    throw new IllegalArgumentException(fileName + ":" + lineNo + ": '@N step' needs N >= 1: " + l);
                }
                l = l.substring(space + 1);
            }
            if (l.startsWith("<blocked ")) {
                steps.add(new Step(Kind.WAIT_BLOCKED, l.substring(9).trim(), lineNo, connection));
            } else if (l.startsWith(">raw ")) {
                steps.add(new Step(Kind.SEND_RAW, l.substring(5), lineNo, connection));
            } else if (l.startsWith("> ")) {
                steps.add(new Step(Kind.SEND, l.substring(2), lineNo, connection));
            } else if (l.startsWith("<~ ")) {
                steps.add(new Step(Kind.EXPECT_UNORDERED, l.substring(3), lineNo, connection));
            } else if (l.startsWith("<?")) {
                steps.add(new Step(Kind.EXPECT_ANY, l.substring(2).trim(), lineNo, connection));
            } else if (l.startsWith("<re ")) {
                steps.add(new Step(Kind.EXPECT_MATCH, l.substring(4), lineNo, connection));
            } else if (l.startsWith("<eof")) {
                steps.add(new Step(Kind.EXPECT_EOF, "", lineNo, connection));
            } else if (l.startsWith("< ")) {
                steps.add(new Step(Kind.EXPECT, l.substring(2), lineNo, connection));
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

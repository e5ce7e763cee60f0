package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.RedisBinary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/server.md's config-file example, run from the page's own text: its
 * files are written as the page shows them, {@code aioj server} starts on
 * them with the page's command line (another port than 7000), and each
 * documented command answers as the page says. The same session runs
 * against a real redis-server 7.0 when there is one, and the two must agree,
 * the rewritten config file included.
 */
class ConfigFileExampleTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern FILE_BLOCK =
            Pattern.compile("<!-- example-file: (\\S+) -->\n```\n(.*?)```", Pattern.DOTALL);
    private static final String COMMAND_LINE = "$ ./aioj server aioj.conf --port 7000 --save \"\"";

    @TempDir
    Path dir;

    /** What one run shows: the replies in order, and the config file after CONFIG REWRITE. */
    private record Run(List<String> replies, List<String> rewritten) {}

    @Test
    void theDocumentedConfigFileStartsAndAnswersAsThePageSaysAndAsRedisServerDoes() throws Exception {
        String doc = Files.readString(Path.of("../docs/server.md"), StandardCharsets.UTF_8);
        Map<String, String> files = exampleFiles(doc);
        assertThat(files).containsOnlyKeys("aioj.conf", "conf.d/events.conf");
        assertThat(doc).contains(COMMAND_LINE).contains("config_file:/home/me/aioj.conf");

        Path aiojDir = write(files, dir.resolve("aioj"));
        Run aioj;
        int port;
        try (ServerProcess p = ServerProcess.startOnFreePort(free -> ServerProcess.start(aiojDir, List.of("aioj.conf",
                "--port", Integer.toString(free), "--save", "")), WAIT)) {
            port = p.port();
            aioj = session(port, aiojDir);
            assertThat(p.awaitExit(WAIT)).as("exit status after SHUTDOWN").isZero();
        }
        assertThat(aioj.replies()).containsExactly(
                "+OK\r\n",
                "*2\r\n$4\r\nport\r\n$4\r\nPORT\r\n",
                "*2\r\n$22\r\nnotify-keyspace-events\r\n$2\r\nxE\r\n",
                "*2\r\n$2\r\nhz\r\n$2\r\n20\r\n",
                "*2\r\n$10\r\nmaxclients\r\n$3\r\n100\r\n",
                "+OK\r\n",
                "+OK\r\n",
                "config_file:DIR/aioj.conf");
        assertThat(aioj.rewritten()).as("the file's own lines stay where they stand, changed in place")
                .startsWith("# aioj.conf: redis.conf's syntax, one directive a line", "port PORT",
                        "requirepass \"s3cret\"", "maxclients 50", "include conf.d/*.conf")
                .contains("hz 20", "save \"\"", "dir \"DIR\"", "notify-keyspace-events \"xE\"");

        RedisBinary redis = RedisBinary.locate();
        if (!redis.version().startsWith("7.0.")) {
            System.err.println("ConfigFileExampleTest: no redis-server 7.0 to compare with (found " + redis.path()
                    + ", " + redis.version() + "); compared with the page only");
            return;
        }
        Path redisDir = write(files, dir.resolve("redis"));
        Run real;
        int redisPort;
        try (ServerProcess p = ServerProcess.startOnFreePort(free -> ServerProcess.command(redisDir, List.of(
                redis.path().toString(), "aioj.conf", "--port", Integer.toString(free), "--save", "")), WAIT)) {
            redisPort = p.port();
            real = session(redisPort, redisDir);
            assertThat(p.awaitExit(WAIT)).as("redis-server's exit status after SHUTDOWN").isZero();
        }
        assertThat(aioj.replies()).as("replies, aioj-server vs redis-server").isEqualTo(real.replies());
        // Known differences (docs/server.md): appended lines in table order, no `user` line.
        assertThat(aioj.rewritten()).containsExactlyInAnyOrderElementsOf(
                real.rewritten().stream().filter(l -> !l.startsWith("user default ")).toList());
    }

    /** The session the page shows, with the port and folder of this run masked as PORT and DIR. */
    private static Run session(int port, Path folder) throws Exception {
        List<String> replies = new ArrayList<>();
        String dirText = folder.toRealPath().toString();
        try (RespConnection c = new RespConnection(port)) {
            replies.add(c.call("AUTH", "s3cret"));
            replies.add(c.call("CONFIG", "GET", "port"));
            replies.add(c.call("CONFIG", "GET", "notify-keyspace-events"));
            replies.add(c.call("CONFIG", "GET", "hz"));
            replies.add(c.call("CONFIG", "GET", "maxclients"));
            replies.add(c.call("CONFIG", "SET", "maxclients", "50"));
            replies.add(c.call("CONFIG", "REWRITE"));
            replies.add(c.call("INFO", "server").lines().filter(l -> l.startsWith("config_file:")).findFirst()
                    .orElse("no config_file line"));
            c.send("SHUTDOWN");
            assertThat(c.drainUntilClosed()).as("SHUTDOWN closes the connection without a reply").isTrue();
        }
        List<String> masked = new ArrayList<>();
        for (String r : replies) {
            masked.add(mask(r, port, dirText));
        }
        List<String> rewritten = new ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve("aioj.conf"))) {
            rewritten.add(mask(line, port, dirText));
        }
        return new Run(masked, rewritten);
    }

    private static String mask(String text, int port, String dirText) {
        String p = Integer.toString(port);
        return text.replace(dirText, "DIR").replace("$" + p.length() + "\r\n" + p + "\r\n", "$4\r\nPORT\r\n")
                .replace("port " + p, "port PORT");
    }

    /** The blocks of the page marked {@code <!-- example-file: NAME -->}, by name. */
    static Map<String, String> exampleFiles(String doc) {
        Map<String, String> files = new LinkedHashMap<>();
        Matcher m = FILE_BLOCK.matcher(doc);
        while (m.find()) {
            files.put(m.group(1), m.group(2));
        }
        return files;
    }

    private static Path write(Map<String, String> files, Path folder) throws Exception {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = folder.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
        }
        return folder;
    }
}

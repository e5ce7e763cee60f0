package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What describes the command table cannot go stale: {@code commands.cases}
 * pins {@code COMMAND INFO} and {@code COMMAND DOCS} of every command and
 * subcommand (recorded from redis-server 7.0; not containers: Redis lists
 * their subcommands in the order of a hash table seeded at random on start,
 * and this server lists only those it implements), and {@code docs/server.md}
 * states the number {@code COMMAND COUNT} answers. A command added without
 * recording its descriptions, or a docs page left with an old count, fails
 * here and says what to do.
 */
class CommandCatalogTest {

    private static final Path SERVER_DOCS = Path.of("..", "docs", "server.md");
    /** The sentence in docs/server.md's Commands section that carries the count. */
    private static final Pattern COUNT_SENTENCE = Pattern.compile("^(\\d+) commands \\(`COMMAND COUNT`\\)",
            Pattern.MULTILINE);

    @Test
    void commandsCasesDescribeEveryCommand() throws IOException {
        String cases;
        try (InputStream in = CommandCatalogTest.class.getResourceAsStream("cases/commands.cases")) {
            assertThat(in).as("resource cases/commands.cases").isNotNull();
            cases = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> missing = new ArrayList<>();
        for (Command cmd : Commands.table().allWithSubcommands()) {
            if (cmd.subcommands() != null) {
                continue; // Redis lists a container's subcommands in its (random) hash order: see below
            }
            for (String what : List.of("INFO", "DOCS")) {
                String line = "\n> COMMAND " + what + " " + cmd.fullName() + "\n";
                if (!cases.contains(line)) {
                    missing.add(line.trim());
                }
            }
        }
        assertThat(missing)
                .as("add these to commands.cases with '< TODO' replies and record them with CaseRecorder "
                        + "against redis-server 7.0")
                .isEmpty();
    }

    @Test
    void serverDocsStateTheCommandCount() throws IOException {
        assertThat(SERVER_DOCS).as("docs/server.md, from the module's folder").exists();
        String docs = Files.readString(SERVER_DOCS, StandardCharsets.UTF_8);
        Matcher m = COUNT_SENTENCE.matcher(docs);
        assertThat(m.find()).as("docs/server.md has a line starting 'N commands (`COMMAND COUNT`)'").isTrue();
        int count = Commands.table().size(); // what COMMAND COUNT answers (InfoTest checks that over the wire)
        assertThat(Integer.parseInt(m.group(1)))
                .as("docs/server.md's command count; the server's COMMAND COUNT is " + count)
                .isEqualTo(count);
    }
}

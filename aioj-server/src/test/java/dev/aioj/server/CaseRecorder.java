package dev.aioj.server;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the expected replies of the case tables from a real server:
 * {@code java -cp ... dev.aioj.server.CaseRecorder HOST PORT FILE...} plays
 * every scenario against it and rewrites each {@code <} line with the reply it
 * got (lines written {@code < TODO} are how new cases are added). Not a test:
 * run it by hand against redis-server 7.0 when adding cases, then review the
 * diff.
 */
final class CaseRecorder {

    private CaseRecorder() {}

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        for (int i = 2; i < args.length; i++) {
            Path file = Path.of(args[i]);
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            for (CaseFile.Scenario s : CaseFile.load(file)) {
                for (CaseRunner.Observed o : CaseRunner.play(s, host, port)) {
                    String connection = o.step().connection() == 1 ? "" : "@" + o.step().connection() + " ";
                    if (o.step().kind() == CaseFile.Kind.EXPECT) {
                        lines.set(o.step().line() - 1, connection + "< " + o.recorded());
                    } else if (o.step().kind() == CaseFile.Kind.EXPECT_UNORDERED) {
                        lines.set(o.step().line() - 1, connection + "<~ " + o.recorded());
                    }
                }
            }
            Files.write(file, lines, StandardCharsets.UTF_8);
            System.out.println("recorded " + file);
        }
    }
}

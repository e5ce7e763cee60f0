package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The command table agrees with Redis 7.0's own description of each command
 * (the resource COMMAND INFO and DOCS render, {@link CommandDocs}): same
 * arity, same flags, same legacy key positions. A command added with a
 * different arity or a missing flag fails here, naming it, before a client
 * sees COMMAND INFO disagree with what the server does.
 */
class CommandTableTest {

    /** Flags Redis has that this server does not model (modules, cluster, replicas, sentinel-only). */
    private static final Set<String> NOT_MODELLED = Set.of("MODULE", "ASKING", "NO_MANDATORY_KEYS",
            "NO_ASYNC_LOADING", "ONLY_SENTINEL", "TOUCHES_ARBITRARY_KEYS");

    @Test
    void everyCommandMatchesRedisDescription() {
        List<String> problems = new ArrayList<>();
        for (Command cmd : Commands.table().allWithSubcommands()) {
            CommandDocs.Doc doc = CommandDocs.get(cmd.fullName());
            if (doc == null) {
                problems.add(cmd.fullName() + ": not a Redis 7.0 command");
                continue;
            }
            if (doc.arity() != cmd.arity()) {
                problems.add(cmd.fullName() + ": arity " + cmd.arity() + ", Redis " + doc.arity());
            }
            Set<String> ours = new TreeSet<>(Command.jsonFlagNames(cmd.flags()));
            Set<String> theirs = new TreeSet<>(doc.flags());
            theirs.removeAll(NOT_MODELLED);
            if (!ours.equals(theirs)) {
                problems.add(cmd.fullName() + ": flags " + ours + ", Redis " + theirs);
            }
            CommandDescription.LegacyRange range = CommandDescription.legacyRange(doc);
            if (cmd.subcommands() == null && (range.first() != cmd.firstKey() || range.last() != cmd.lastKey()
                    || range.step() != cmd.step())) {
                problems.add(cmd.fullName() + ": keys " + cmd.firstKey() + "," + cmd.lastKey() + "," + cmd.step()
                        + ", Redis " + range.first() + "," + range.last() + "," + range.step());
            }
        }
        assertThat(problems).isEmpty();
    }
}

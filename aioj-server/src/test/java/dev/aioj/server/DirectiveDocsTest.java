package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/server.md's directive table is the one the code has (regenerate it with {@link DirectiveDocs#main}). */
class DirectiveDocsTest {

    @Test
    void theDocsListEveryDirectiveAsTheTableHasIt() throws Exception {
        String doc = Files.readString(Path.of("../docs/server.md"), StandardCharsets.UTF_8);
        assertThat(DirectiveDocs.replaceTable(doc)).as("docs/server.md is out of date: run DirectiveDocs")
                .isEqualTo(doc);
        assertThat(doc).contains("| `maxclients` | `10000` | yes | **honoured**: ");
    }
}

package dev.aioj.server;

import java.util.Set;

/**
 * Checks a {@code proc-title-template} as Redis's {@code
 * validateProcTitleTemplate} does: {@code {name}} variables from a fixed
 * set, {@code {{} for a literal brace, and something left once the title
 * and server mode are blank. aioj cannot set a process title; the check
 * keeps a config that Redis refuses refused here too.
 */
final class ProcTitleTemplate {

    private static final Set<String> VARIABLES =
            Set.of("title", "listen-addr", "server-mode", "config-file", "port", "tls-port", "unixsocket");
    /** Variables that may expand to nothing when Redis validates. */
    private static final Set<String> BLANK = Set.of("title", "server-mode");

    private ProcTitleTemplate() {}

    static boolean isValid(String template) {
        StringBuilder expanded = new StringBuilder();
        int p = 0;
        while (p < template.length()) {
            int open = template.indexOf('{', p);
            if (open < 0) {
                expanded.append(template, p, template.length());
                break;
            }
            expanded.append(template, p, open);
            if (open + 1 >= template.length()) {
                return false; // premature end
            }
            if (template.charAt(open + 1) == '{') {
                expanded.append('{');
                p = open + 2;
                continue;
            }
            int close = template.indexOf('}', open + 1);
            if (close < 0) {
                return false;
            }
            String variable = template.substring(open + 1, close);
            if (!VARIABLES.contains(variable)) {
                return false;
            }
            expanded.append(BLANK.contains(variable) ? "" : "x");
            p = close + 1;
        }
        return !expanded.toString().replaceAll("^ +| +$", "").isEmpty(); // sdstrim(res, " ")
    }
}

package dev.aioj.server.lua;

/**
 * luaj's syntax errors in Lua 5.1's words: luaj reports "unexpected symbol
 * 286 (...)" and drops the "near" part that Lua 5.1 adds ("unexpected symbol
 * near '&lt;eof&gt;'", "unfinished string near ''abc'"); Redis shows them after
 * "Error compiling script".
 *
 * <p>Thread contract: pure functions, any thread.
 */
final class SyntaxErrors {

    private SyntaxErrors() {}

    private static final String[] TOKENS = {
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in", "local",
        "nil", "not", "or", "repeat", "return", "then", "true", "until", "while", "..", "...", "==", ">=", "<=",
        "~=", "::", "<eof>", "<number>", "<name>", "<string>",
    };

    private static final java.util.regex.Pattern UNEXPECTED =
            java.util.regex.Pattern.compile("unexpected symbol (\\d+) \\(.\\)$");

    private static final java.util.regex.Pattern UNFINISHED =
            java.util.regex.Pattern.compile(":(\\d+): (unfinished (?:long )?(?:string|comment))$");

    /**
     * What Lua 5.1 shows after "unfinished string near": {@code <eof>} when the
     * string runs to the end of the code, else the string so far (from its
     * quote to the end of its line); luaj drops it.
     */
    private static String unfinishedToken(byte[] code, int line, String what) {
        int start = 0;
        for (int l = 1; l < line && start < code.length; start++) {
            if (code[start] == '\n') {
                l++;
            }
        }
        int end = start;
        while (end < code.length && code[end] != '\n' && code[end] != '\r') {
            end++;
        }
        if (end >= code.length || what.contains("long")) {
            return "<eof>";
        }
        int quote = -1;
        char open = 0;
        for (int i = start; i < end; i++) {
            char ch = (char) (code[i] & 0xff);
            if (open == 0 && (ch == '"' || ch == '\'')) {
                open = ch;
                quote = i;
            } else if (open != 0 && ch == '\\') {
                i++;
            } else if (open != 0 && ch == open) {
                open = 0;
            }
        }
        return quote < 0 ? "<eof>" : new String(code, quote, end - quote, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** luaj's "unexpected symbol 286 (...)" as Lua 5.1's "unexpected symbol near '&lt;eof&gt;'". */
    static String lua51(String message, byte[] code) {
        java.util.regex.Matcher u = UNFINISHED.matcher(message);
        if (u.find()) {
            return message + " near '" + unfinishedToken(code, Integer.parseInt(u.group(1)), u.group(2)) + "'";
        }
        java.util.regex.Matcher m = UNEXPECTED.matcher(message);
        if (!m.find()) {
            return message;
        }
        int token = Integer.parseInt(m.group(1));
        String text = token >= 257 && token - 257 < TOKENS.length ? TOKENS[token - 257] : String.valueOf((char) token);
        return message.substring(0, m.start()) + "unexpected symbol near '" + text + "'";
    }
}

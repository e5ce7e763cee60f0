package dev.aioj.server.lua;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * luaj's runtime error texts in Lua 5.1's words ("attempt to call nil"
 * becomes "attempt to call a nil value"). Lua 5.1 also names the variable
 * when it can ("local 'x'", "global 'f'"); luaj does not know it, so those
 * messages keep the shorter form Lua 5.1 uses when it has no name.
 *
 * <p>Thread contract: pure functions, any thread.
 */
final class VmMessages {

    private VmMessages() {}

    private static final Pattern ARITH2 = Pattern.compile("^attempt to perform arithmetic \\S+ on (\\w+) and (\\w+)");
    private static final Pattern ARITH1 = Pattern.compile("^attempt to perform arithmetic (?:'\\w+' )?on (\\w+)$");
    private static final Pattern CALL = Pattern.compile("^attempt to call (\\w+)$");
    private static final Pattern INDEX = Pattern.compile("^attempt to index \\? \\(a (\\w+) value\\)");
    private static final Pattern LENGTH = Pattern.compile("^attempt to get length of (\\w+)$");
    private static final Pattern CONCAT = Pattern.compile("^attempt to concatenate (\\w+) and (\\w+)");
    private static final Pattern COMPARE2 = Pattern.compile("^attempt to compare \\S+ on (\\w+) and (\\w+)");
    private static final Pattern COMPARE = Pattern.compile("^attempt to compare (\\w+) with (\\w+)");

    static String lua51(String message) {
        Matcher m;
        if ((m = ARITH2.matcher(message)).find()) {
            String bad = m.group(1).equals("number") ? m.group(2) : m.group(1);
            return "attempt to perform arithmetic on a " + bad + " value";
        }
        if ((m = ARITH1.matcher(message)).find()) {
            return "attempt to perform arithmetic on a " + m.group(1) + " value";
        }
        if ((m = CALL.matcher(message)).find()) {
            return "attempt to call a " + m.group(1) + " value";
        }
        if ((m = INDEX.matcher(message)).find()) {
            return "attempt to index a " + m.group(1) + " value";
        }
        if ((m = LENGTH.matcher(message)).find()) {
            return "attempt to get length of a " + m.group(1) + " value";
        }
        if ((m = CONCAT.matcher(message)).find()) {
            String a = m.group(1);
            String bad = a.equals("string") || a.equals("number") ? m.group(2) : a;
            return "attempt to concatenate a " + bad + " value";
        }
        if ((m = COMPARE2.matcher(message)).find() || (m = COMPARE.matcher(message)).find()) {
            String a = m.group(1);
            String b = m.group(2);
            return a.equals(b) ? "attempt to compare two " + a + " values" : "attempt to compare " + a + " with " + b;
        }
        return message;
    }
}

package dev.aioj.server;

/**
 * Redis's glob-style matching ({@code stringmatchlen} in util.c) for KEYS,
 * SCAN MATCH, PSUBSCRIBE and CONFIG GET: {@code *}, {@code ?}, {@code [abc]},
 * {@code [^a-z]}, backslash escapes. A port, including the early exit that
 * keeps patterns like {@code a*a*a*a*b} from going exponential, so that the
 * same pattern matches the same keys as in Redis.
 *
 * <p>Thread contract: pure functions, any thread.
 */
final class Glob {

    private Glob() {}

    /** Whether {@code string} matches {@code pattern}. */
    static boolean matches(byte[] pattern, byte[] string, boolean nocase) {
        return match(pattern, 0, pattern.length, string, 0, string.length, nocase, new boolean[1]);
    }

    static boolean matches(byte[] pattern, byte[] string) {
        return matches(pattern, string, false);
    }

    /** True for {@code *}, which matches everything: callers skip matching. */
    static boolean isMatchAll(byte[] pattern) {
        return pattern.length == 1 && pattern[0] == '*';
    }

    private static boolean match(byte[] p, int pi, int pl, byte[] s, int si, int sl, boolean nocase,
            boolean[] skipLongerMatches) {
        while (pl > 0 && sl > 0) {
            switch (p[pi]) {
                case '*' -> {
                    while (pl > 1 && p[pi + 1] == '*') {
                        pi++;
                        pl--;
                    }
                    if (pl == 1) {
                        return true;
                    }
                    while (sl > 0) {
                        if (match(p, pi + 1, pl - 1, s, si, sl, nocase, skipLongerMatches)) {
                            return true;
                        }
                        if (skipLongerMatches[0]) {
                            return false;
                        }
                        si++;
                        sl--;
                    }
                    skipLongerMatches[0] = true;
                    return false;
                }
                case '?' -> {
                    si++;
                    sl--;
                }
                case '[' -> {
                    pi++;
                    pl--;
                    boolean not = pl > 0 && p[pi] == '^';
                    if (not) {
                        pi++;
                        pl--;
                    }
                    boolean matched = false;
                    while (true) {
                        if (pl >= 2 && p[pi] == '\\') {
                            pi++;
                            pl--;
                            if (p[pi] == s[si]) {
                                matched = true;
                            }
                        } else if (pl == 0) {
                            pi--;
                            pl++;
                            break;
                        } else if (p[pi] == ']') {
                            break;
                        } else if (pl >= 3 && p[pi + 1] == '-') {
                            int start = p[pi];
                            int end = p[pi + 2];
                            int c = s[si];
                            if (start > end) {
                                int t = start;
                                start = end;
                                end = t;
                            }
                            if (nocase) {
                                start = lower(start);
                                end = lower(end);
                                c = lower(c);
                            }
                            pi += 2;
                            pl -= 2;
                            if (c >= start && c <= end) {
                                matched = true;
                            }
                        } else if (nocase ? lower(p[pi]) == lower(s[si]) : p[pi] == s[si]) {
                            matched = true;
                        }
                        pi++;
                        pl--;
                    }
                    if (not) {
                        matched = !matched;
                    }
                    if (!matched) {
                        return false;
                    }
                    si++;
                    sl--;
                }
                default -> {
                    if (p[pi] == '\\' && pl >= 2) {
                        pi++;
                        pl--;
                    }
                    if (nocase ? lower(p[pi]) != lower(s[si]) : p[pi] != s[si]) {
                        return false;
                    }
                    si++;
                    sl--;
                }
            }
            pi++;
            pl--;
            if (sl == 0) {
                while (pl > 0 && p[pi] == '*') {
                    pi++;
                    pl--;
                }
                break;
            }
        }
        return pl == 0 && sl == 0;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
}

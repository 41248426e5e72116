package dev.herald.platform.text;

/**
 * An upper bound of how many instructions RE2/J compiles a pattern into, worked out from its
 * text before it is compiled: each atom (a character, a class, an escape, {@code .}, an anchor) is one, each {@code ?},
 * {@code *}, {@code +} and {@code |} adds one, a group adds its two captures, and a counted
 * repetition {@code x{n,m}} stands for {@code m} copies of {@code x}, each with its branch, as
 * RE2/J expands it. The engine follows chains of branches recursively, so the size bounds the
 * stack a match takes as well as the memory the compiled pattern holds.
 */
final class ProgramSize {

    private static final java.util.regex.Pattern COUNT = java.util.regex.Pattern.compile("\\{(\\d+)(?:,(\\d*))?}");

    /** What every program has besides its pattern's: the whole match's captures, the match, the failure. */
    private static final long FRAME = 4;

    private final String pattern;
    private final long cap;
    private int at;

    private ProgramSize(String pattern, long cap) {
        this.pattern = pattern;
        this.cap = cap;
    }

    /** The bound, or {@code cap + 1} once it is known to exceed {@code cap}. */
    static long of(String pattern, long cap) {
        ProgramSize size = new ProgramSize(pattern, cap);
        long total = FRAME;
        while (size.at < pattern.length()) {
            total = size.capped(total + size.sequence());
            if (size.at < pattern.length()) { // an unmatched ')': RE2 refuses it anyway
                size.at++;
            }
        }
        return total;
    }

    /** Atoms up to the end or the ')' closing the current group. */
    private long sequence() {
        long total = 0;
        long last = 0;
        while (at < pattern.length() && pattern.charAt(at) != ')') {
            char c = pattern.charAt(at);
            if (c == '|' || c == '*' || c == '+' || c == '?') {
                at++;
                if (c != '|' && at < pattern.length() && pattern.charAt(at) == '?') {
                    at++; // non-greedy
                }
                total = capped(total + 1);
                continue;
            }
            int count = countAt();
            if (count > 0) {
                // last is already in total once: add the other copies and a branch for each.
                total = capped(total + capped(last * (count - 1)) + count);
                last = capped(last * count);
                continue;
            }
            last = atom();
            total = capped(total + last);
        }
        return total;
    }

    /** A counted repetition's largest count at {@code at}, consumed; 0 when there is none. */
    private int countAt() {
        java.util.regex.Matcher count = COUNT.matcher(pattern).region(at, pattern.length());
        if (!count.lookingAt()) {
            return 0;
        }
        at = count.end();
        String low = count.group(1);
        String high = count.group(2);
        String largest = high == null ? low : high.isEmpty() ? low : high;
        int n = largest.length() > 4 ? 10_000 : Integer.parseInt(largest);
        return high != null && high.isEmpty() ? n + 1 : Math.max(n, 1);
    }

    private long atom() {
        char c = pattern.charAt(at++);
        switch (c) {
            case '\\' -> {
                return escape();
            }
            case '[' -> {
                skipClass();
                return 1;
            }
            case '(' -> {
                if (at < pattern.length() && pattern.charAt(at) == '?') {
                    int close = groupStart();
                    if (close < 0) { // flags alone, (?i): no group
                        return 0;
                    }
                }
                long inner = sequence();
                if (at < pattern.length()) {
                    at++; // ')'
                }
                return capped(inner + 2);
            }
            default -> {
                return 1;
            }
        }
    }

    /** Skips {@code ?flags:}, {@code ?P<name>} or {@code ?<name>}; answers -1 for a flags-only group, consumed. */
    private int groupStart() {
        while (at < pattern.length()) {
            char c = pattern.charAt(at++);
            if (c == ':' || c == '>') {
                return at;
            }
            if (c == ')') {
                return -1;
            }
        }
        return at;
    }

    private long escape() {
        if (at >= pattern.length()) {
            return 1;
        }
        char c = pattern.charAt(at++);
        if (c == 'Q') { // literal text up to \E: one atom a character
            int end = pattern.indexOf("\\E", at);
            int stop = end < 0 ? pattern.length() : end;
            long literal = stop - at;
            at = end < 0 ? stop : end + 2;
            return Math.max(literal, 1);
        }
        if ((c == 'p' || c == 'P' || c == 'x') && at < pattern.length() && pattern.charAt(at) == '{') {
            int close = pattern.indexOf('}', at);
            at = close < 0 ? pattern.length() : close + 1;
        } else if (c == 'p' || c == 'P') {
            at = Math.min(at + 1, pattern.length());
        } else if (c == 'x') {
            at = Math.min(at + 2, pattern.length());
        }
        return 1;
    }

    private void skipClass() {
        if (at < pattern.length() && pattern.charAt(at) == '^') {
            at++;
        }
        if (at < pattern.length() && pattern.charAt(at) == ']') {
            at++;
        }
        while (at < pattern.length()) {
            char c = pattern.charAt(at);
            if (c == '\\') {
                at += 2;
            } else if (pattern.startsWith("[:", at)) {
                int close = pattern.indexOf(":]", at + 2);
                at = close < 0 ? at + 1 : close + 2;
            } else if (c == ']') {
                at++;
                return;
            } else {
                at++;
            }
        }
        at = Math.min(at, pattern.length());
    }

    private long capped(long value) {
        return Math.min(value, cap + 1);
    }
}

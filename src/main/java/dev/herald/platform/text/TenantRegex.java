package dev.herald.platform.text;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Regular expressions that tenants write (subscription filters, integration filters, tag
 * patterns), run by RE2/J in time linear in the input: no pattern can backtrack for minutes
 * or overflow a thread's stack, as java.util.regex can. Compiled once and cached. The syntax
 * is RE2's: Java's, less backreferences, lookaround and possessive quantifiers.
 */
public final class TenantRegex {

    /** Longest pattern accepted. */
    public static final int MAX_LENGTH = 500;
    /** Only this much of a value is matched: matching costs pattern length times input length. */
    public static final int MAX_INPUT = 65_536;
    /**
     * Counted repetitions are expanded when compiled; {@code ((a{999}){999}){999}} would need
     * gigabytes, so the product of a pattern's counts is capped.
     */
    static final long MAX_REPETITION = 1_000;

    private static final int CACHE_SIZE = 4_096;
    private static final java.util.regex.Pattern COUNT = java.util.regex.Pattern.compile("\\{(\\d+)(?:,(\\d*))?}");
    private static final Map<String, Compiled> CACHE = new ConcurrentHashMap<>();

    /** A pattern compiled, or why it cannot be: both are kept, so neither is worked out twice. */
    private record Compiled(Pattern pattern, String problem) {}

    private TenantRegex() {}

    /** What is wrong with a pattern, as a message that says what to change; empty when it can be used. */
    public static Optional<String> problemWith(String pattern) {
        return Optional.ofNullable(compile(pattern).problem());
    }

    /** Whether the pattern is found anywhere in the value (unless anchored). A pattern that cannot be used finds nothing. */
    public static boolean find(String pattern, String value) {
        return compiled(pattern).map(p -> p.matcher(limited(value)).find()).orElse(false);
    }

    /**
     * The first match of the pattern in the value: its groups, the whole match first (a group
     * that took no part is null).
     */
    public static Optional<List<String>> firstMatch(String pattern, String value) {
        return compiled(pattern).flatMap(p -> {
            Matcher matcher = p.matcher(limited(value));
            if (!matcher.find()) {
                return Optional.empty();
            }
            String[] groups = new String[matcher.groupCount() + 1];
            for (int i = 0; i < groups.length; i++) {
                groups[i] = matcher.group(i);
            }
            return Optional.of(Arrays.asList(groups));
        });
    }

    /** Patterns stored before they were checked (or that RE2 does not take) match nothing. */
    private static Optional<Pattern> compiled(String pattern) {
        return Optional.ofNullable(compile(pattern).pattern());
    }

    private static Compiled compile(String pattern) {
        Compiled cached = CACHE.get(pattern);
        if (cached != null) {
            return cached;
        }
        if (CACHE.size() >= CACHE_SIZE) {
            CACHE.clear();
        }
        return CACHE.computeIfAbsent(pattern, TenantRegex::tryCompile);
    }

    private static Compiled tryCompile(String pattern) {
        if (pattern.length() > MAX_LENGTH) {
            return new Compiled(null, "is longer than " + MAX_LENGTH + " characters");
        }
        if (repetition(pattern) > MAX_REPETITION) {
            return new Compiled(
                    null, "repeats too much: counted repetitions ({n}) may multiply to at most " + MAX_REPETITION);
        }
        try {
            return new Compiled(Pattern.compile(pattern), null);
        } catch (PatternSyntaxException e) {
            return new Compiled(
                    null,
                    "is not a regular expression Herald can run (RE2 syntax: no backreferences, "
                            + "lookahead or lookbehind): " + e.getDescription());
        }
    }

    private static String limited(String value) {
        return value.length() <= MAX_INPUT ? value : value.substring(0, MAX_INPUT);
    }

    /**
     * The product of every counted repetition's largest count (capped just above the limit):
     * an upper bound of how much compiling expands the pattern.
     */
    static long repetition(String pattern) {
        long product = 1;
        java.util.regex.Matcher count = COUNT.matcher(pattern);
        while (count.find()) {
            String upper = count.group(2) == null || count.group(2).isEmpty() ? count.group(1) : count.group(2);
            long n = upper.length() > 4 ? MAX_REPETITION + 1 : Math.max(1, Long.parseLong(upper));
            product = Math.min(product * n, MAX_REPETITION + 1);
        }
        return product;
    }
}

package dev.herald.platform.text;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
     * The largest pattern accepted, in RE2/J's instructions once compiled ({@link ProgramSize}):
     * counted repetitions are expanded ({@code ((a{999}){999}){999}} would need gigabytes), and a
     * match follows chains of branches recursively, one stack frame each: {@code (?:a?a?…){40}}
     * (489 characters, 19,000 instructions) overflowed a thread's stack, and a 5xx with it.
     * 4,000 keeps a chain's depth well inside a thread's stack.
     */
    static final long MAX_PROGRAM = 4_000;

    /** Compiled patterns kept at most: by count, and by their instructions (4,096 of the largest would fill the heap). */
    private static final int CACHE_SIZE = 4_096;

    private static final long CACHE_BUDGET = 1_000_000;

    private static final Map<String, Compiled> CACHE = new ConcurrentHashMap<>();
    private static final AtomicLong CACHED_SIZE = new AtomicLong();

    /** A pattern compiled, or why it cannot be: both are kept, so neither is worked out twice. */
    private record Compiled(Pattern pattern, String problem, long size) {

        static Compiled refused(String problem) {
            return new Compiled(null, problem, 1);
        }
    }

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
        if (CACHE.size() >= CACHE_SIZE || CACHED_SIZE.get() >= CACHE_BUDGET) {
            CACHE.clear();
            CACHED_SIZE.set(0);
        }
        return CACHE.computeIfAbsent(pattern, uncached -> {
            Compiled made = tryCompile(uncached);
            CACHED_SIZE.addAndGet(made.size());
            return made;
        });
    }

    private static Compiled tryCompile(String pattern) {
        if (pattern.length() > MAX_LENGTH) {
            return Compiled.refused("is longer than " + MAX_LENGTH + " characters");
        }
        long size = ProgramSize.of(pattern, MAX_PROGRAM);
        if (size > MAX_PROGRAM) {
            return Compiled.refused(
                    "is too large to run: with its counted repetitions ({n}) expanded it would take more" + " than "
                            + MAX_PROGRAM + " steps; repeat less, or repeat a shorter part");
        }
        try {
            return new Compiled(Pattern.compile(pattern), null, size);
        } catch (PatternSyntaxException e) {
            return Compiled.refused("is not a regular expression Herald can run (RE2 syntax: no backreferences, "
                    + "lookahead or lookbehind): " + e.getDescription());
        }
    }

    private static String limited(String value) {
        return value.length() <= MAX_INPUT ? value : value.substring(0, MAX_INPUT);
    }
}

package dev.herald.platform.text;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.herald.platform.memo.WeighedMemo;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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

    /**
     * Patterns compiled (or refused) before, kept by count and by weight: a compiled pattern's
     * instructions and the pattern's own characters. One that weighs more than the largest that
     * can compile is refused each time without being kept: as a key it held whatever a request
     * body could (a 1 MiB filter refused 4,096 times kept 4 GiB).
     */
    static final WeighedMemo<String, Compiled> CACHE = new WeighedMemo<>(
            4_096, 1_000_000, MAX_PROGRAM + MAX_LENGTH, (pattern, compiled) -> compiled.size() + pattern.length());

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
     * What finding the pattern in a value of this length costs at most, in {@link FilterWork}'s
     * units: RE2/J's simulation steps each of the pattern's instructions for each character read
     * (one for a pattern that cannot be used, which finds nothing without reading).
     */
    public static long cost(String pattern, int valueLength) {
        Compiled compiled = compile(pattern);
        return compiled.pattern() == null ? 1 : compiled.size() * (1 + Math.min(valueLength, MAX_INPUT));
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
        return CACHE.get(pattern, TenantRegex::tryCompile);
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

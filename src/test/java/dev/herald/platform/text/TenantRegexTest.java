package dev.herald.platform.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenantRegexTest {

    @Test
    void aPatternTooLongIsRefusedWithoutBeingKept() {
        long kept = TenantRegex.CACHE.weight();
        for (int i = 0; i < 20; i++) {
            String huge = "a".repeat(1024 * 1024) + i; // as long as a request body may make it
            assertTrue(TenantRegex.problemWith(huge).orElseThrow().contains("longer than"));
        }
        assertTrue(TenantRegex.CACHE.weight() <= kept, "kept " + TenantRegex.CACHE.weight() + ", before " + kept);
    }

    @Test
    void findsAnywhereUnlessAnchored() {
        assertTrue(TenantRegex.find("prod", "eu-prod-1"));
        assertFalse(TenantRegex.find("^prod$", "eu-prod-1"));
        assertTrue(TenantRegex.find("^v\\d+\\.\\d+$", "v1.2"));
    }

    @Test
    void aCatastrophicPatternRunsInLinearTime() {
        // java.util.regex backtracks on this for minutes (21 s at 32 characters, doubling per character).
        String value = "a".repeat(40) + "!";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertFalse(TenantRegex.find("^(.*a){12}$", value)));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertFalse(TenantRegex.find("^(a+)+$", value)));
    }

    @Test
    void aLongInputCannotOverflowTheStack() {
        // java.util.regex recurses per repetition of an alternation and throws StackOverflowError here.
        String value = "ab".repeat(30_000);
        assertTrue(TenantRegex.find("^(a|b)*$", value));
    }

    @Test
    void whatTheEngineCannotRunIsNamed() {
        assertTrue(TenantRegex.problemWith("(a)\\1").orElseThrow().contains("no backreferences"));
        assertTrue(TenantRegex.problemWith("foo(?=bar)").isPresent());
        assertTrue(TenantRegex.problemWith("(unclosed").isPresent());
        assertTrue(TenantRegex.problemWith("a".repeat(TenantRegex.MAX_LENGTH + 1))
                .orElseThrow()
                .contains("longer"));
        assertEquals(Optional.empty(), TenantRegex.problemWith("^release-(\\d+)\\.(\\d+)$"));
    }

    @Test
    void nestedCountedRepetitionsThatWouldExpandToGigabytesAreRefused() {
        assertTrue(TenantRegex.problemWith("((a{999}){999}){999}").orElseThrow().contains("too large"));
        assertTrue(TenantRegex.problemWith("a{100000}").isPresent());
        assertEquals(Optional.empty(), TenantRegex.problemWith("\\d{1,3}\\.\\d{1,3}"));
        // Counts in sequence add up, they do not multiply: a UUID's five counts are 32 characters.
        assertEquals(
                Optional.empty(),
                TenantRegex.problemWith("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
    }

    /**
     * 489 characters whose counts multiply to 40 (both within the earlier limits) compiled to
     * 19,000 instructions, and a match threw StackOverflowError: RE2/J follows a chain of
     * branches one stack frame each. Refused now; the largest accepted matches on a small stack.
     */
    @Test
    void aPatternWhoseMatchWouldOverflowTheStackIsRefused() throws Exception {
        String chain = "(?:" + "a?".repeat(240) + "){40}b";
        assertTrue(TenantRegex.problemWith(chain).orElseThrow().contains("too large"), chain);
        assertFalse(TenantRegex.find(chain, "aaab")); // stored before the check: matches nothing

        String largestChain = "(?:" + "a?".repeat(3) + "){333}b";
        assertEquals(Optional.empty(), TenantRegex.problemWith(largestChain));
        boolean[] found = new boolean[1];
        Thread smallStack =
                new Thread(null, () -> found[0] = TenantRegex.find(largestChain, "aaab"), "small", 512 * 1024);
        smallStack.start();
        smallStack.join();
        assertTrue(found[0]);
    }

    @Test
    void aStoredPatternTheEngineCannotRunMatchesNothing() {
        assertFalse(TenantRegex.find("(a)\\1", "aa"));
    }

    @Test
    void theFirstMatchGivesItsGroups() {
        assertEquals(
                Optional.of(Arrays.asList("v1.4.0", "1.4.0", null)),
                TenantRegex.firstMatch("^v(\\d+\\.\\d+\\.\\d+)(-rc)?$", "v1.4.0"));
        assertEquals(Optional.<List<String>>empty(), TenantRegex.firstMatch("^v\\d", "1.4.0"));
    }
}

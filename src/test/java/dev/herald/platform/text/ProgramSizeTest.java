package dev.herald.platform.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgramSizeTest {

    /**
     * The estimate is read off the pattern's text, so it must never fall below what RE2/J
     * actually compiles (its program is not public: read here by reflection, which also fails
     * loudly if an upgrade of RE2/J moves it).
     */
    @Test
    void theEstimateIsNeverBelowTheCompiledProgram() throws Exception {
        for (String pattern : List.of(
                "a",
                "^v\\d+\\.\\d+$",
                "^v\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$",
                "^sha256:[0-9a-f]{64}$",
                "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
                "(?:" + "a?".repeat(240) + "){40}b",
                "(a|b|c){0,100}",
                "(?i)prod",
                "(?i:a{3}){5}",
                "\\Qa.b\\E{10}",
                "x{2,}",
                "(?:(?:a?){10}){10}",
                "[]a]{300}",
                "\\p{Greek}{100}",
                "a{0,1000}",
                "(a*)*",
                "^(release|hotfix)/\\d{4}\\.\\d{2}\\.\\d{2}(-rc\\d{1,2})?$",
                "(?P<v>\\d+){50}",
                "a|b|c|d",
                "\\x{41}{20}",
                "[[:alpha:]]{30}",
                "(a?){1000}")) {
            long estimate = ProgramSize.of(pattern, Long.MAX_VALUE - 1);
            long compiled = compiledSize(pattern);
            assertTrue(estimate >= compiled, pattern + ": estimated " + estimate + ", compiled " + compiled);
        }
    }

    @Test
    void beyondTheCapTheEstimateStopsCounting() {
        // Nested counts that would expand to 10^9 instructions: known to be over, not worked out.
        assertEquals(4_001, ProgramSize.of("((a{999}){999}){999}", 4_000));
    }

    private static long compiledSize(String pattern) throws ReflectiveOperationException {
        Pattern compiled = Pattern.compile(pattern);
        Method re2 = Pattern.class.getDeclaredMethod("re2");
        re2.setAccessible(true);
        Object engine = re2.invoke(compiled);
        Field prog = engine.getClass().getDeclaredField("prog");
        prog.setAccessible(true);
        Object program = prog.get(engine);
        Method numInst = program.getClass().getDeclaredMethod("numInst");
        numInst.setAccessible(true);
        return ((Number) numInst.invoke(program)).longValue();
    }
}

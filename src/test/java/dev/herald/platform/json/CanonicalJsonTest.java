package dev.herald.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private static String canonical(String json) {
        try (var reader = Jsons.reader(new StringReader(json))) {
            return CanonicalJson.of(reader.readValue());
        }
    }

    @Test
    void matchesTheExampleOfRfc8785() {
        String input = """
                {"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                 "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                 "literals": [null, true, false]}""";
        assertEquals(
                "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}",
                canonical(input));
    }

    @Test
    void sortsMembersByUtf16CodeUnitsAtEveryDepth() {
        assertEquals(
                "{\"a\":{\"A\":1,\"b\":[{\"x\":1,\"y\":2}]},\"é\":0}",
                canonical("{\"é\":0, \"a\": {\"b\": [{\"y\":2,\"x\":1}], \"A\": 1}}"));
    }

    @Test
    void printsNumbersAsEcmaScriptDoes() {
        assertEquals("0", CanonicalJson.number(new BigDecimal("-0.0")));
        assertEquals("100000000000000000000", CanonicalJson.number(new BigDecimal("1E20")));
        assertEquals("1e+21", CanonicalJson.number(new BigDecimal("1E21")));
        assertEquals("0.000001", CanonicalJson.number(new BigDecimal("0.000001")));
        assertEquals("1e-7", CanonicalJson.number(new BigDecimal("0.0000001")));
        assertEquals("-1.5", CanonicalJson.number(new BigDecimal("-1.50")));
        assertEquals("9007199254740992", CanonicalJson.number(new BigDecimal("9007199254740993")));
        assertEquals("1152921504606847000", CanonicalJson.number(new BigDecimal("1152921504606846976")));
        assertEquals("0.1", CanonicalJson.number(new BigDecimal("0.1")));
        assertEquals("5e-324", CanonicalJson.number(new BigDecimal("4.9E-324")));
    }
}

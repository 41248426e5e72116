package dev.herald.platform.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON Canonicalization Scheme (RFC 8785): members sorted by their names' UTF-16 code
 * units, no whitespace, strings escaped as ECMAScript's {@code JSON.stringify} does, numbers
 * as ECMAScript prints a double. Two parties that parse the same JSON get the same bytes, which
 * is what lets an auditor recompute the history's hashes with any JCS library.
 */
public final class CanonicalJson {

    private static final int MAX_SIGNIFICANT_DIGITS = 17;

    /** What a field error says of a number {@link #numberBeyondDouble} finds. */
    public static final String BEYOND_DOUBLE =
            "is a number beyond the range of a double (about 1.8e308), which the history cannot hash";

    private CanonicalJson() {}

    public static String of(JsonValue value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(JsonValue value, StringBuilder out) {
        switch (value.getValueType()) {
            case OBJECT -> writeObject(value.asJsonObject(), out);
            case ARRAY -> writeArray(value.asJsonArray(), out);
            case STRING -> writeString(((JsonString) value).getString(), out);
            case NUMBER -> out.append(number(((JsonNumber) value).bigDecimalValue()));
            case TRUE -> out.append("true");
            case FALSE -> out.append("false");
            case NULL -> out.append("null");
        }
    }

    private static void writeObject(JsonObject object, StringBuilder out) {
        // String.compareTo orders by UTF-16 code units, exactly as RFC 8785 asks.
        List<String> names = new ArrayList<>(object.keySet());
        names.sort(null);
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeString(names.get(i), out);
            out.append(':');
            write(object.get(names.get(i)), out);
        }
        out.append('}');
    }

    private static void writeArray(JsonArray array, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            write(array.get(i), out);
        }
        out.append(']');
    }

    private static void writeString(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Where {@code value} holds a number no double can represent (such as 1e400), which has
     * no canonical form: its path below the value ({@code .a[2]}), if anywhere.
     */
    public static Optional<String> numberBeyondDouble(JsonValue value) {
        switch (value.getValueType()) {
            case NUMBER:
                // From its text, not bigDecimalValue(): the parser's number keeps the BigDecimal it
                // makes, some 40 bytes for each of a body's numbers, for as long as the body is held.
                return Double.isInfinite(Double.parseDouble(value.toString())) ? Optional.of("") : Optional.empty();
            case OBJECT:
                for (var member : value.asJsonObject().entrySet()) {
                    var found = numberBeyondDouble(member.getValue());
                    if (found.isPresent()) {
                        return found.map(path -> "." + member.getKey() + path);
                    }
                }
                return Optional.empty();
            case ARRAY:
                JsonArray array = value.asJsonArray();
                for (int i = 0; i < array.size(); i++) {
                    int index = i;
                    var found = numberBeyondDouble(array.get(i));
                    if (found.isPresent()) {
                        return found.map(path -> "[" + index + "]" + path);
                    }
                }
                return Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /** ECMAScript's Number.prototype.toString of the double nearest to {@code exact}. */
    static String number(BigDecimal exact) {
        double value = exact.doubleValue();
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("A number beyond the range of a double has no canonical form");
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal shortest = shortestRoundTrip(value);
        String digits = shortest.unscaledValue().abs().toString();
        int k = digits.length();
        int n = k - shortest.scale();
        return (value < 0 ? "-" : "") + layout(digits, k, n);
    }

    /** The fewest significant digits that still read back as {@code value}, nearest first. */
    private static BigDecimal shortestRoundTrip(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision < MAX_SIGNIFICANT_DIGITS; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == value) {
                return candidate.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(MAX_SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN))
                .stripTrailingZeros();
    }

    /** ECMA-262 Number::toString steps 6-10: digits {@code s} of length k, value s × 10^(n−k). */
    private static String layout(String s, int k, int n) {
        if (k <= n && n <= 21) {
            return s + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return s.substring(0, n) + "." + s.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + s;
        }
        String exponent = (n - 1 >= 0 ? "+" : "-") + Math.abs(n - 1);
        return k == 1 ? s + "e" + exponent : s.charAt(0) + "." + s.substring(1) + "e" + exponent;
    }
}

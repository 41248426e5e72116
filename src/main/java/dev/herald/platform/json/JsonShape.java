package dev.herald.platform.json;

import java.util.Optional;

/**
 * A look at a JSON text before it is parsed, for what would make parsing or using it costly
 * rather than wrong: nesting deeper than any payload needs (a recursive reader, writer or
 * canonicalizer would run out of stack) and numbers of absurd length or exponent (turning
 * {@code 1e999999999} into an integer takes minutes and gigabytes), and values packed so densely
 * that the parsed tree outweighs the text many times over. Linear in the text.
 */
final class JsonShape {

    static final int MAX_DEPTH = 64;
    static final int MAX_NUMBER_LENGTH = 100;
    static final int MAX_EXPONENT = 400;

    /**
     * Values any body may hold, however densely (about 32 KB of {@code [1,2,…]}, a megabyte
     * parsed); past them a body may hold one value per
     * {@link #BYTES_A_VALUE} bytes. A parsed value weighs some 30 to 60 bytes whatever its text,
     * so {@code [0,0,0,…]} (two bytes a value) parsed into thirty times its size: one tenant's 8 MiB
     * batch of it took the whole heap every tenant shares. Ordinary JSON has five bytes or more a value.
     */
    static final int VALUES_FREE = 16_384;

    static final int BYTES_A_VALUE = 3;

    private JsonShape() {}

    /** What is wrong with the text's shape, said so a caller can fix it; empty when nothing is. */
    static Optional<String> problemWith(byte[] text) {
        int depth = 0;
        long values = 0; // strings (names too), numbers, literals, objects and arrays
        boolean inString = false;
        for (int i = 0; i < text.length; i++) {
            byte c = text[i];
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                values++;
            } else if (c == 't' || c == 'f' || c == 'n') {
                values++;
                i += 3; // true, null, or fals(e): its other letters are no value of their own
            } else if (c == '{' || c == '[') {
                values++;
                if (++depth > MAX_DEPTH) {
                    return Optional.of("nests deeper than " + MAX_DEPTH + " levels");
                }
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (c == '-' || c >= '0' && c <= '9') {
                int end = numberEnd(text, i);
                Optional<String> problem =
                        problemWithNumber(new String(text, i, end - i, java.nio.charset.StandardCharsets.US_ASCII));
                if (problem.isPresent()) {
                    return problem;
                }
                values++;
                i = end - 1;
            }
        }
        long allowed = VALUES_FREE + (long) text.length / BYTES_A_VALUE;
        if (values > allowed) {
            return Optional.of("holds " + values + " values in " + text.length + " bytes, more than one value per "
                    + BYTES_A_VALUE + " bytes beyond the first " + VALUES_FREE + ": parsed, so dense a text outweighs"
                    + " its size many times over. Send a long list of small values as one string, or fewer items a"
                    + " call");
        }
        return Optional.empty();
    }

    private static int numberEnd(byte[] text, int start) {
        int end = start;
        while (end < text.length && isNumberChar(text[end])) {
            end++;
        }
        return end;
    }

    private static boolean isNumberChar(byte c) {
        return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    }

    private static Optional<String> problemWithNumber(String number) {
        if (number.length() > MAX_NUMBER_LENGTH) {
            return Optional.of("has a number of more than " + MAX_NUMBER_LENGTH + " characters");
        }
        int e = Math.max(number.indexOf('e'), number.indexOf('E'));
        if (e >= 0) {
            String exponent = number.substring(e + 1).replaceFirst("^[+-]", "");
            // Anything but digits is not a number at all: the parser says so, with its position.
            if (exponent.matches("\\d+") && (exponent.length() > 3 || Integer.parseInt(exponent) > MAX_EXPONENT)) {
                return Optional.of("has a number with an exponent beyond " + MAX_EXPONENT + ": " + number);
            }
        }
        return Optional.empty();
    }
}

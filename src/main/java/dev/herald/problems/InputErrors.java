package dev.herald.problems;

import dev.herald.platform.text.Texts;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects everything wrong with one request, so a client learns it all in one answer: up to
 * {@value #MAX_LISTED} of them, each field clipped to {@value #MAX_FIELD} characters, and how
 * many more there were. A body of a hundred thousand bad items (or a schema of as many bad
 * properties under a long name) must not build an answer, or fill a heap, with as many; the
 * first ones already say what to fix.
 */
public final class InputErrors {

    public static final int MAX_LISTED = 100;
    public static final int MAX_FIELD = 500;

    private final List<FieldError> errors = new ArrayList<>();
    private int unlisted;

    public void add(String field, String message) {
        if (errors.size() < MAX_LISTED) {
            errors.add(new FieldError(Texts.clip(field, MAX_FIELD), message));
        } else {
            unlisted++;
        }
    }

    /** Everything a refusal holds, its unlisted problems counted too. */
    public void addAll(InvalidInputException refused) {
        refused.errors().forEach(error -> add(error.field(), error.message()));
        unlisted += refused.unlisted();
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** The errors listed: the first {@value #MAX_LISTED}. */
    public List<FieldError> list() {
        return List.copyOf(errors);
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors, unlisted);
        }
    }
}

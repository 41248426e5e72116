package dev.herald.problems;

import dev.herald.platform.text.Texts;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects everything wrong with one request, so a client learns it all in one answer: up to
 * {@value #MAX_LISTED} of them, each field clipped. A body of a hundred thousand bad items (or a
 * schema of as many bad properties under a long name) must not build an answer, or fill a heap,
 * with as many; the first ones already say what to fix.
 */
public final class InputErrors {

    public static final int MAX_LISTED = 100;
    private static final int MAX_FIELD = 500;

    private final List<FieldError> errors = new ArrayList<>();
    private String firstUnlisted;
    private int unlisted;

    public void add(String field, String message) {
        if (errors.size() < MAX_LISTED) {
            errors.add(new FieldError(Texts.clip(field, MAX_FIELD), message));
        } else {
            if (unlisted == 0) {
                firstUnlisted = Texts.clip(field, MAX_FIELD);
            }
            unlisted++;
        }
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** The errors listed, and then, when there were more, one that counts the rest. */
    public List<FieldError> list() {
        if (unlisted == 0) {
            return List.copyOf(errors);
        }
        List<FieldError> all = new ArrayList<>(errors);
        all.add(new FieldError(
                firstUnlisted,
                "and " + unlisted + " more problem(s) from here on, not listed past the first " + MAX_LISTED));
        return List.copyOf(all);
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(list());
        }
    }
}

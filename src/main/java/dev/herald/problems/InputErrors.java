package dev.herald.problems;

import java.util.ArrayList;
import java.util.List;

/** Collects everything wrong with one request, so a client learns it all in one answer. */
public final class InputErrors {

    private final List<FieldError> errors = new ArrayList<>();

    public void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<FieldError> list() {
        return List.copyOf(errors);
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(list());
        }
    }
}

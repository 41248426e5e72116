package dev.herald.problems;

import java.util.List;
import java.util.stream.Collectors;

/** The request is malformed or breaks a rule; answered 400 with every {@link FieldError}. */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;
    private final int unlisted;

    public InvalidInputException(List<FieldError> errors) {
        this(errors, 0);
    }

    /** @param unlisted how many more problems the request has than {@code errors} lists */
    public InvalidInputException(List<FieldError> errors, int unlisted) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
        this.unlisted = unlisted;
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** How many more problems the request has than {@link #errors} lists. */
    public int unlisted() {
        return unlisted;
    }

    /** What the answer says of them: how many, and how many are listed when not all are. */
    public String summary() {
        return unlisted == 0
                ? "The request has " + errors.size() + " problem(s); see errors"
                : "The request has " + (errors.size() + unlisted) + " problems; errors lists the first "
                        + errors.size();
    }
}

package dev.herald.problems;

/** The request is well-formed but clashes with the current state (a taken name, a wrong state): 409. */
public class ConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String detail) {
        super(detail);
    }
}

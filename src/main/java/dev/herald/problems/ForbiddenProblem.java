package dev.herald.problems;

/** The caller is known but its role does not allow this: 403. */
public class ForbiddenProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ForbiddenProblem(String detail) {
        super(detail);
    }
}

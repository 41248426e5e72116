package dev.herald.problems;

/** No bearer token, or one Herald does not know: 401. */
public class UnauthorizedProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnauthorizedProblem(String detail) {
        super(detail);
    }
}

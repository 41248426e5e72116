package dev.herald.problems;

/** The request body is larger than {@code herald.max-body-bytes}: 413. */
public class PayloadTooLargeProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PayloadTooLargeProblem(long limit) {
        super("The request body is larger than the limit of " + limit + " bytes (herald.max-body-bytes)");
    }
}

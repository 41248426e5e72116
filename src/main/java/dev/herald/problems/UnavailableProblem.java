package dev.herald.problems;

/**
 * Herald could not do what was asked in time (its database, or the writer of a batch the call
 * waited for, did not answer): 503 with {@code Retry-After}. The detail says whether the
 * change may yet have been made.
 */
public class UnavailableProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnavailableProblem(String detail, Throwable cause) {
        super(detail, cause);
    }
}

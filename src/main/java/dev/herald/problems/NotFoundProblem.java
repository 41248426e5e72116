package dev.herald.problems;

/**
 * The object does not exist for the caller's tenant: 404. Objects of other tenants are
 * reported exactly like missing ones, so ids do not leak across tenants.
 */
public class NotFoundProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFoundProblem(String kind, String id) {
        super("No " + kind + " with id '" + id + "'");
    }
}

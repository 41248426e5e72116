package dev.herald.problems;

import jakarta.annotation.Priority;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Takes failures at commit away from the JAX-RS runtime's own transactional mapper, which
 * rethrows them and ends in a bare HTML 500, and renders them like every other problem.
 */
@Provider
@Priority(1)
public class TransactionalProblemMapper implements ExceptionMapper<TransactionalException> {

    private final ProblemMapper problems = new ProblemMapper();

    @Override
    public Response toResponse(TransactionalException exception) {
        return problems.toResponse(exception);
    }
}

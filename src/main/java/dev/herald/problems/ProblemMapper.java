package dev.herald.problems;

import dev.herald.platform.logging.LogIds;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renders every failure as {@code application/problem+json}. Known problems keep their
 * message; anything unexpected is logged and answered 500 without internals.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());
    private static final int DATABASE_RETRY_AFTER_SECONDS = 5;
    private static final Set<String> LOCK_CONFLICT_STATES = Set.of("40001", "40P01", "55P03", "HYT00", "90131");

    @Override
    public Response toResponse(Throwable thrown) {
        Response response = problemOf(thrown).toResponse();
        if (thrown instanceof UnauthorizedProblem) {
            return Response.fromResponse(response)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .build();
        }
        if (response.getStatus() == 503) {
            return Response.fromResponse(response)
                    .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS)
                    .build();
        }
        if (meaningfulCause(thrown) instanceof TooManyRequestsProblem tooMany) {
            return Response.fromResponse(response)
                    .header(HttpHeaders.RETRY_AFTER, tooMany.retryAfterSeconds())
                    .build();
        }
        if (thrown instanceof NotAllowedException notAllowed) {
            return Response.fromResponse(response)
                    .allow(notAllowed.getResponse().getAllowedMethods())
                    .build();
        }
        return response;
    }

    /** The problem a failure is answered with, wherever it is shown: the API's answer or a console page. */
    public static Problem problemOf(Throwable thrown) {
        Throwable cause = meaningfulCause(thrown);
        if (cause instanceof InvalidInputException invalid) {
            return new Problem("invalid-input", 400, "Invalid input", invalid.summary(), invalid.errors());
        }
        if (cause instanceof UnauthorizedProblem) {
            return new Problem("unauthorized", 401, "Unauthorized", cause.getMessage());
        }
        if (cause instanceof ForbiddenProblem forbidden) {
            return new Problem(forbidden.slug(), 403, "Forbidden", cause.getMessage());
        }
        if (cause instanceof NotFoundProblem) {
            return new Problem("not-found", 404, "Not found", cause.getMessage());
        }
        if (cause instanceof ConflictException) {
            return new Problem("conflict", 409, "Conflict", cause.getMessage());
        }
        if (cause instanceof OptimisticLockException || isLockConflict(thrown)) {
            return new Problem(
                    "conflict",
                    409,
                    "Conflict",
                    "The object was changed by another request at the same time; read it again and retry");
        }
        if (isConstraintViolation(cause)) {
            return new Problem(
                    "conflict",
                    409,
                    "Conflict",
                    "The change conflicts with an existing object (for example a name already taken)");
        }
        if (cause instanceof TooManyRequestsProblem) {
            return new Problem("too-many-requests", 429, "Too many requests", cause.getMessage());
        }
        if (cause instanceof PayloadTooLargeProblem) {
            return new Problem("payload-too-large", 413, "Payload too large", cause.getMessage());
        }
        if (cause instanceof WebApplicationException web) {
            return fromJaxRs(web);
        }
        if (cause instanceof UnavailableProblem) {
            return new Problem("unavailable", 503, "Service unavailable", cause.getMessage());
        }
        if (isDatabaseUnavailable(thrown)) {
            LogIds.none().log(LOG, Level.WARNING, "The database cannot be reached: " + cause);
            return new Problem(
                    "unavailable",
                    503,
                    "Service unavailable",
                    // Not "nothing was changed": a connection lost while a commit was on its way may
                    // have lost only the answer, and a client that believes otherwise publishes twice.
                    "Herald cannot reach its database right now; try again after Retry-After. A change whose"
                            + " commit the outage cut short may have been recorded: an event resent with the same"
                            + " Idempotency-Key is not recorded twice");
        }
        LogIds.none().log(LOG, Level.SEVERE, "Unexpected failure", thrown);
        return new Problem(
                "internal", 500, "Internal error", "Herald failed unexpectedly; the server log has the details");
    }

    private static Problem fromJaxRs(WebApplicationException web) {
        String detail;
        if (web instanceof NotFoundException) {
            detail = "There is no such resource; see /openapi for the API's paths";
        } else if (web instanceof NotAllowedException notAllowed) {
            detail = "This method is not allowed here; allowed: "
                    + String.join(", ", notAllowed.getResponse().getAllowedMethods());
        } else if (web instanceof NotSupportedException) {
            detail = "Send the body as application/json (Content-Type header)";
        } else if (web instanceof NotAcceptableException) {
            detail = "This resource answers application/json only (Accept header)";
        } else {
            detail = web.getMessage();
        }
        return Problem.ofStatus(web.getResponse().getStatus(), detail);
    }

    /**
     * Transaction and EJB layers wrap the exception that matters: Herald's own, JAX-RS's, an
     * optimistic lock failure, or else the innermost cause (a driver's SQLException).
     */
    public static Throwable meaningfulCause(Throwable thrown) {
        Throwable current = thrown;
        for (int depth = 0; depth < 10 && current.getCause() != null; depth++) {
            if (isOurs(current) || current instanceof WebApplicationException) {
                return current;
            }
            current = current.getCause();
        }
        return current;
    }

    private static boolean isOurs(Throwable thrown) {
        return thrown.getClass().getPackageName().startsWith("dev.herald") || thrown instanceof OptimisticLockException;
    }

    /**
     * The database refused a change because a concurrent transaction holds or changed the row:
     * PostgreSQL's serialization failure, deadlock and lock-not-available, H2's lock timeout and
     * concurrent update, wherever in the causes the driver's exception is (H2 puts its own
     * storage exception beneath it). The client retries, like after an optimistic lock failure.
     */
    private static boolean isLockConflict(Throwable thrown) {
        Throwable current = thrown;
        for (int depth = 0; depth < 20 && current != null; depth++) {
            if (current instanceof SQLException sql
                    && sql.getSQLState() != null
                    && LOCK_CONFLICT_STATES.contains(sql.getSQLState())) {
                return true;
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return false;
    }

    /**
     * The database is down or unreachable, wherever in the causes that shows: a connection
     * failure (SQLState class 08), a server shutting down or starting (57P01 to 57P03), or the
     * container's pool unable to hand out a connection.
     */
    public static boolean isDatabaseUnavailable(Throwable thrown) {
        Throwable current = thrown;
        for (int depth = 0; depth < 20 && current != null; depth++) {
            if (current instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
            String type = current.getClass().getName();
            if (type.endsWith("PoolingException")
                    || type.equals("jakarta.resource.ResourceException")
                    || type.endsWith("ResourceAllocationException")) {
                return true;
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return false;
    }

    /**
     * A failure another try, a moment later, may not meet: a lock conflict (the database's, or
     * an optimistic lock's) or the database unavailable.
     */
    public static boolean isTransient(Throwable thrown) {
        return isLockConflict(thrown)
                || isDatabaseUnavailable(thrown)
                || meaningfulCause(thrown) instanceof OptimisticLockException;
    }

    /** A unique, foreign-key or check constraint refused the change, wherever in the causes it is. */
    public static boolean isConstraintViolation(Throwable thrown) {
        return meaningfulCause(thrown) instanceof SQLException sql
                && sql.getSQLState() != null
                && sql.getSQLState().startsWith("23");
    }
}

package dev.herald.platform;

import dev.herald.problems.InvalidInputException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * Refuses a NUL character (%00) in a query parameter before any resource sees it: filters end
 * up as database parameters, and PostgreSQL cannot hold NUL in text, so without this
 * {@code ?productId=%00} would fail as a server error. (Payara itself refuses %00 in a path.)
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHORIZATION)
public class NulCharacterFilter implements ContainerRequestFilter {

    private static final String WHY = "must not contain the NUL character (%00)";

    @Override
    public void filter(ContainerRequestContext request) {
        request.getUriInfo().getQueryParameters(true).forEach((name, values) -> {
            if (holdsNul(name, values)) {
                throw InvalidInputException.of(name, WHY);
            }
        });
    }

    /** A NUL in a parameter's name or in any of its values; the console's pages refuse it too. */
    public static boolean holdsNul(String name, List<String> values) {
        return name.indexOf('\u0000') >= 0 || values.stream().anyMatch(value -> value.indexOf('\u0000') >= 0);
    }
}

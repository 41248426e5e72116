package dev.herald.access.boundary;

import dev.herald.access.control.Authenticator;
import dev.herald.access.control.Caller;
import dev.herald.problems.UnauthorizedProblem;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * Authenticates every API call by its bearer token before anything else runs, so an
 * unauthenticated client learns nothing, not even which paths exist. The exceptions are the
 * {@link OpenPath}s features declare (inbound webhooks, the validation link), whose calls carry
 * a credential of their own. (Before matching, so no annotation on a resource could say it.)
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class AccessFilter implements ContainerRequestFilter {

    @Inject
    Authenticator authenticator;

    @Inject
    Caller caller;

    @Inject
    Instance<OpenPath> openPaths;

    private List<String> openPrefixes;

    @PostConstruct
    void collectOpenPaths() {
        openPrefixes = openPaths.stream().map(open -> open.segment() + "/").toList();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (openPrefixes.stream().anyMatch(path::startsWith)) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            throw new UnauthorizedProblem("Send an API token as 'Authorization: Bearer <token>'");
        }
        String token = BearerToken.of(header)
                .orElseThrow(() -> new UnauthorizedProblem("The Authorization header must use the Bearer scheme"));
        // Checked already, in most cases, to know whose turn the call waits for (CallAdmission).
        Authenticator.Outcome outcome =
                request.getProperty(CallAdmission.CHECKED) instanceof CallAdmission.CheckedToken checked
                                && checked.token().equals(token)
                        ? checked.outcome()
                        : authenticator.authenticate(token);
        if (outcome instanceof Authenticator.Valid valid) {
            caller.authenticate(valid.who());
        } else if (outcome instanceof Authenticator.Expired expired) {
            throw new UnauthorizedProblem("The bearer token expired at " + expired.expiredAt()
                    + "; ask an admin of the tenant for a new one");
        } else {
            throw new UnauthorizedProblem("The bearer token is not valid");
        }
    }
}

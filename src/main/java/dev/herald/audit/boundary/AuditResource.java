package dev.herald.audit.boundary;

import dev.herald.access.control.Caller;
import dev.herald.access.control.Needs;
import dev.herald.access.entity.Scope;
import dev.herald.audit.control.AuditTrail;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.QueryParams;
import dev.herald.problems.InputErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's audit trail: who changed what, and who was refused (admin scope). */
@ApplicationScoped
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Access")
@Needs(Scope.ADMIN)
public class AuditResource {

    @Inject
    AuditTrail trail;

    @Inject
    Caller caller;

    @GET
    @Needs(Scope.ADMIN)
    @Operation(
            summary = "Page the audit trail, newest first: every state-changing call with its actor, token, "
                    + "scope, target and outcome; since is inclusive, until exclusive")
    public Page<AuditEntryOut> list(
            @QueryParam("actor") String actor,
            @QueryParam("tokenId") String tokenId,
            @QueryParam("outcome") String outcome,
            @QueryParam("targetId") String targetId,
            @QueryParam("since") String since,
            @QueryParam("until") String until,
            @QueryParam("page") String page,
            @QueryParam("pageSize") String pageSize) {
        InputErrors errors = new InputErrors();
        String wantedOutcome = QueryParams.orNull(outcome);
        if (wantedOutcome != null && !AuditTrail.OUTCOMES.contains(wantedOutcome)) {
            errors.add("outcome", "must be one of " + new TreeSet<>(AuditTrail.OUTCOMES) + ", got '" + outcome + "'");
        }
        var query = new AuditTrail.Query(
                QueryParams.orNull(actor),
                QueryParams.orNull(tokenId),
                wantedOutcome,
                QueryParams.orNull(targetId),
                QueryParams.instant("since", since, errors),
                QueryParams.instant("until", until, errors));
        errors.throwIfAny();
        return trail.list(caller.tenantId(), query, PageRequest.of(page, pageSize))
                .map(AuditEntryOut::of);
    }
}

package dev.herald.governance.approval.boundary;

import dev.herald.access.control.Caller;
import dev.herald.access.control.Needs;
import dev.herald.access.entity.Scope;
import dev.herald.governance.GovernanceSettings;
import dev.herald.governance.approval.control.Approvals;
import dev.herald.governance.approval.entity.ApprovalStatus;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.QueryParams;
import dev.herald.platform.Times;
import dev.herald.platform.WireEnums;
import dev.herald.platform.json.JsonBodies;
import dev.herald.platform.json.JsonFields;
import dev.herald.problems.InputErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Approvals of releases: requested, then approved or rejected once, or expired by the timer. */
@ApplicationScoped
@Path("approvals")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Governance")
@Needs(Scope.GOVERN)
public class ApprovalsResource {

    @Inject
    Approvals approvals;

    @Inject
    JsonBodies bodies;

    @Inject
    Caller caller;

    @Inject
    GovernanceSettings settings;

    @POST
    @Operation(
            summary =
                    "Request an approval of a draft (or rejected) release (approval.requested); the release "
                            + "becomes pending_approval. Undecided at expiresAt (default: herald.approval.default-ttl), it expires")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples =
                                    @ExampleObject(
                                            name = "approval",
                                            value =
                                                    "{\"releaseId\": \"rel_01J9Z3\", \"expiresAt\": \"2026-12-01T12:00:00Z\"}")))
    public Response request(JsonObject body) {
        InputErrors errors = new InputErrors();
        JsonFields fields = JsonFields.of(body, errors).allowOnly(Set.of("releaseId", "expiresAt"));
        String releaseId = fields.text("releaseId", 40, "the id of the release to approve");
        Instant now = Times.now();
        Instant expiresAt = fields.instant("expiresAt");
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            errors.add("expiresAt", "must be in the future");
        }
        errors.throwIfAny();
        Instant due = expiresAt != null ? expiresAt : now.plus(settings.approvalDefaultTtl());
        var approval = approvals.request(caller.tenantId(), caller.actor(), releaseId, due);
        return Response.created(URI.create("approvals/" + approval.id()))
                .entity(ApprovalOut.of(approval))
                .build();
    }

    @GET
    @Operation(summary = "Page the tenant's approvals, newest first, optionally of one release or status")
    public Page<ApprovalOut> list(
            @QueryParam("releaseId") String releaseId,
            @QueryParam("status") String status,
            @QueryParam("page") String page,
            @QueryParam("pageSize") String pageSize) {
        var query = new Approvals.Query(
                QueryParams.orNull(releaseId), WireEnums.parse(ApprovalStatus.class, "status", status));
        return approvals
                .list(caller.tenantId(), query, PageRequest.of(page, pageSize))
                .map(ApprovalOut::of);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read one approval")
    public ApprovalOut get(@PathParam("id") String id) {
        return ApprovalOut.of(approvals.get(caller.tenantId(), id));
    }

    @POST
    @Path("{id}/approve")
    @Operation(
            summary = "Approve (approval.approved and release.approved); deciding twice, or an expired "
                    + "approval, is 409")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples =
                                    @ExampleObject(
                                            name = "decision",
                                            value = "{\"comment\": \"Security review passed\"}")))
    public ApprovalOut approve(@PathParam("id") String id, InputStream body) throws IOException {
        return decide(id, true, body);
    }

    @POST
    @Path("{id}/reject")
    @Operation(
            summary = "Reject (approval.rejected and release.rejected); deciding twice, or an expired "
                    + "approval, is 409")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples =
                                    @ExampleObject(
                                            name = "decision",
                                            value = "{\"comment\": \"Fails the license scan\"}")))
    public ApprovalOut reject(@PathParam("id") String id, InputStream body) throws IOException {
        return decide(id, false, body);
    }

    private ApprovalOut decide(String id, boolean approve, InputStream rawBody) throws IOException {
        JsonObject body = bodies.readOptional(rawBody);
        InputErrors errors = new InputErrors();
        String comment =
                JsonFields.of(body, errors).allowOnly(Set.of("comment")).optionalText("comment", Approvals.MAX_COMMENT);
        errors.throwIfAny();
        return ApprovalOut.of(approvals.decide(caller.tenantId(), caller.actor(), id, approve, comment));
    }
}

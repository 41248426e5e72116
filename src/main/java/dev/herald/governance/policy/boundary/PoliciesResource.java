package dev.herald.governance.policy.boundary;

import dev.herald.access.control.Caller;
import dev.herald.access.control.Needs;
import dev.herald.access.entity.Scope;
import dev.herald.governance.policy.control.Policies;
import dev.herald.governance.policy.control.PolicyInput;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Release policies. Publishing needs an approval unless the tenant has a policy with
 * {@code requireApproval: false} and none with {@code true} (the strictest policy wins).
 * Separation of duties ({@code separationOfDuties}, true when left out) works the same way:
 * four eyes are needed unless every policy of the tenant turns them off.
 */
@ApplicationScoped
@Path("policies")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Governance")
@Needs(Scope.ADMIN)
public class PoliciesResource {

    private static final String EXAMPLE =
            "{\"name\": \"hotfixes\", \"rules\": {\"requireApproval\": false, \"separationOfDuties\": true}}";

    @Inject
    Policies policies;

    @Inject
    Caller caller;

    @POST
    @Operation(summary = "Create a policy (policy.created)")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "policy", value = EXAMPLE)))
    public Response create(JsonObject body) {
        PolicyInput in = PolicyInput.read(body);
        var policy = policies.create(caller.tenantId(), caller.actor(), in.name(), in.rules());
        return Response.created(URI.create("policies/" + policy.id()))
                .entity(PolicyOut.of(policy))
                .build();
    }

    @GET
    @Operation(summary = "Page the tenant's policies, newest first")
    public Page<PolicyOut> list(@QueryParam("page") String page, @QueryParam("pageSize") String pageSize) {
        return policies.list(caller.tenantId(), PageRequest.of(page, pageSize)).map(PolicyOut::of);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read one policy")
    public PolicyOut get(@PathParam("id") String id) {
        return PolicyOut.of(policies.get(caller.tenantId(), id));
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Replace a policy's name and rules (policy.updated)")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "policy", value = EXAMPLE)))
    public PolicyOut replace(@PathParam("id") String id, JsonObject body) {
        PolicyInput in = PolicyInput.read(body);
        return PolicyOut.of(policies.replace(caller.tenantId(), caller.actor(), id, in.name(), in.rules()));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a policy (policy.deleted)")
    public Response delete(@PathParam("id") String id) {
        policies.delete(caller.tenantId(), caller.actor(), id);
        return Response.noContent().build();
    }
}

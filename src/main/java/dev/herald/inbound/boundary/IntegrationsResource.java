package dev.herald.inbound.boundary;

import dev.herald.access.boundary.PageRoom;
import dev.herald.access.control.Caller;
import dev.herald.access.control.Needs;
import dev.herald.access.entity.Scope;
import dev.herald.catalog.control.GovernedCategories;
import dev.herald.inbound.control.IntegrationInput;
import dev.herald.inbound.control.Integrations;
import dev.herald.inbound.control.Receipts;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.PublicUrl;
import dev.herald.platform.QueryParams;
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

/** Integrations: the senders Herald receives webhooks from, and the receipts of their calls. */
@ApplicationScoped
@Path("integrations")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inbound webhooks")
@Needs(Scope.PUBLISH)
public class IntegrationsResource {

    @Inject
    Integrations integrations;

    @Inject
    Receipts receipts;

    /** Where a page of receipts must fit, with their bodies, before it is loaded. */
    @Inject
    PageRoom pageRoom;

    @Inject
    Caller caller;

    @Inject
    PublicUrl publicUrl;

    @POST
    @Operation(
            summary = "Create an integration; its url is where the sender delivers (its pushes fire components'"
                    + " release triggers only if the caller holds the govern scope too)")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(name = "github", value = """
                    {"name": "shop-api repo", "type": "github", "secret": "a-long-random-secret",
                     "filters": [{"path": "$.kind", "op": "equals", "value": "tag"}]}"""),
                                @ExampleObject(name = "harbor", value = """
                    {"name": "harbor", "type": "registry-push", "token": "a-long-random-token",
                     "filters": [{"path": "$.tag", "op": "matches", "value": "^v\\\\d+\\\\.\\\\d+\\\\.\\\\d+$"}]}""")
                            }))
    public Response create(JsonObject body) {
        var integration =
                integrations.create(caller.tenantId(), IntegrationInput.read(body, false), caller.has(Scope.GOVERN));
        return Response.created(URI.create("integrations/" + integration.id()))
                .entity(IntegrationOut.of(integration, publicUrl))
                .build();
    }

    @GET
    @Operation(summary = "Page the tenant's integrations, newest first")
    public Page<IntegrationOut> list(@QueryParam("page") String page, @QueryParam("pageSize") String pageSize) {
        return integrations
                .list(caller.tenantId(), PageRequest.of(page, pageSize), pageRoom)
                .map(integration -> IntegrationOut.of(integration, publicUrl));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read one integration (secrets and tokens are never shown)")
    public IntegrationOut get(@PathParam("id") String id) {
        return IntegrationOut.of(integrations.get(caller.tenantId(), id), publicUrl);
    }

    @PUT
    @Path("{id}")
    @Operation(
            summary = "Replace an integration's settings; an absent secret or token keeps the current one (one whose"
                    + " pushes fire release triggers needs the govern scope too)")
    public IntegrationOut replace(@PathParam("id") String id, JsonObject body) {
        requireScopeToChange(id);
        return IntegrationOut.of(
                integrations.replace(caller.tenantId(), id, IntegrationInput.read(body, true)), publicUrl);
    }

    @DELETE
    @Path("{id}")
    @Operation(
            summary = "Delete an integration and its receipts; its sender's calls are 404 afterwards (one whose"
                    + " pushes fire release triggers needs the govern scope too)")
    public Response delete(@PathParam("id") String id) {
        requireScopeToChange(id);
        integrations.delete(caller.tenantId(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/receipts")
    @Operation(
            summary = "Page what the integration received, newest first, with each call's outcome "
                    + "(processing, processed, ignored, duplicate, failed) and why")
    public Page<ReceiptOut> receipts(
            @PathParam("id") String id,
            @QueryParam("outcome") String outcome,
            @QueryParam("page") String page,
            @QueryParam("pageSize") String pageSize) {
        integrations.get(caller.tenantId(), id);
        return receipts.list(
                        caller.tenantId(), id, QueryParams.orNull(outcome), PageRequest.of(page, pageSize), pageRoom)
                .map(ReceiptOut::of);
    }

    /** An integration whose pushes fire release triggers is changed or deleted only with {@code govern}. */
    private void requireScopeToChange(String id) {
        Integrations.raises(integrations.get(caller.tenantId(), id))
                .ifPresent(type -> GovernedCategories.requireScopeFor(type, caller, Integrations.CHANGING_A_FEED));
    }
}

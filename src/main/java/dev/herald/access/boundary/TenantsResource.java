package dev.herald.access.boundary;

import dev.herald.access.control.AccessInput;
import dev.herald.access.control.Authenticator;
import dev.herald.access.control.Caller;
import dev.herald.access.control.Needs;
import dev.herald.access.control.Tenants;
import dev.herald.access.entity.Scope;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.problems.NotFoundProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tenants (admin only) and their tokens (admin, or the tenant itself). */
@ApplicationScoped
@Path("tenants")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Access")
@Needs(Scope.ADMIN)
public class TenantsResource {

    @Inject
    Tenants tenants;

    @Inject
    Authenticator authenticator;

    @Inject
    Caller caller;

    @POST
    @Operation(
            summary = "Create a tenant (platform admin); the answer carries its first token (scope admin, "
                    + "acting as 'actor', default 'admin'), shown only once")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples =
                                    @ExampleObject(
                                            name = "tenant",
                                            value = "{\"name\": \"payments-team\", \"actor\": \"alice\"}")))
    public Response create(JsonObject body) {
        caller.requirePlatformAdmin("create tenants");
        var wanted = AccessInput.newTenant(body);
        var created = tenants.create(wanted.name(), wanted.firstActor());
        return Response.status(Response.Status.CREATED)
                .entity(TenantOut.withToken(
                        created.tenant(), created.firstToken().plainText()))
                .build();
    }

    @GET
    @Operation(summary = "List tenants (admin)")
    public Page<TenantOut> list(@QueryParam("page") String page, @QueryParam("pageSize") String pageSize) {
        caller.requirePlatformAdmin("list tenants");
        return tenants.list(PageRequest.of(page, pageSize)).map(TenantOut::of);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a tenant (admin, or the tenant itself)")
    public TenantOut get(@PathParam("id") String id) {
        requireOwnOrAdmin(id);
        return TenantOut.of(tenants.get(id));
    }

    @POST
    @Path("{id}/tokens")
    @Operation(
            summary = "Issue another token of a tenant, acting as 'actor' with 'scopes' (admin, publish, "
                    + "govern, subscribe, read) until 'expiresAt' (optional); the answer is the only time it is shown")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples =
                                    @ExampleObject(
                                            name = "token",
                                            value = "{\"actor\": \"release-bot\", \"scopes\": [\"publish\", \"read\"], "
                                                    + "\"expiresAt\": \"2027-06-30T00:00:00Z\"}")))
    public Response issueToken(@PathParam("id") String id, JsonObject body) {
        requireOwnOrAdmin(id);
        var issued = tenants.issue(
                id,
                AccessInput.tokenSpec(body),
                caller.isPlatformAdmin()
                        ? null
                        : caller.current()
                                .map(Authenticator.Authenticated::expiresAt)
                                .orElse(null));
        return Response.status(Response.Status.CREATED)
                .entity(TokenOut.withToken(issued.token(), issued.plainText()))
                .build();
    }

    @GET
    @Path("{id}/tokens")
    @Operation(summary = "List a tenant's tokens (never their values)")
    public Page<TokenOut> tokens(
            @PathParam("id") String id, @QueryParam("page") String page, @QueryParam("pageSize") String pageSize) {
        requireOwnOrAdmin(id);
        return tenants.tokens(id, PageRequest.of(page, pageSize)).map(TokenOut::of);
    }

    @DELETE
    @Path("{id}/tokens/{tokenId}")
    @Operation(summary = "Revoke a token")
    public Response revoke(@PathParam("id") String id, @PathParam("tokenId") String tokenId) {
        requireOwnOrAdmin(id);
        tenants.revoke(id, tokenId);
        authenticator.forget(tokenId);
        return Response.noContent().build();
    }

    /** Another tenant's objects are reported as missing, never as forbidden. */
    private void requireOwnOrAdmin(String tenantId) {
        if (!caller.isPlatformAdmin() && !caller.tenantId().equals(tenantId)) {
            throw new NotFoundProblem("tenant", tenantId);
        }
    }
}

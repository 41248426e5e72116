package dev.herald.access.boundary;

import dev.herald.access.control.Authenticator;
import dev.herald.access.control.Caller;
import dev.herald.access.control.Needs;
import dev.herald.access.control.Tenants.TokenSpec;
import dev.herald.access.control.Tenants;
import dev.herald.access.entity.Scope;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.Times;
import dev.herald.platform.json.JsonFields;
import dev.herald.problems.InputErrors;
import dev.herald.problems.NotFoundProblem;
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
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tenants (admin only) and their tokens (admin, or the tenant itself). */
@Path("tenants")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Access")
@Needs(Scope.ADMIN)
public class TenantsResource {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    /** A person or a system: a login, an e-mail address, {@code release-bot}. */
    private static final Pattern ACTOR = Pattern.compile("[A-Za-z0-9._@+-]{1,100}");
    private static final String ACTOR_RULE = "must be 1 to 100 letters, digits, '.', '_', '@', '+' or '-'";
    /** Who a new tenant's first token acts as when the request does not say. */
    private static final String FIRST_ACTOR = "admin";

    @Inject
    Tenants tenants;

    @Inject
    Authenticator authenticator;

    @Inject
    Caller caller;

    @POST
    @Operation(summary = "Create a tenant (platform admin); the answer carries its first token (scope admin, "
            + "acting as 'actor', default 'admin'), shown only once")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "tenant",
            value = "{\"name\": \"payments-team\", \"actor\": \"alice\"}")))
    public Response create(JsonObject body) {
        caller.requirePlatformAdmin("create tenants");
        InputErrors errors = new InputErrors();
        JsonFields fields = JsonFields.of(body, errors).allowOnly(Set.of("name", "actor"));
        String name = fields.string("name");
        if (name == null && !fields.hasValue("name")) {
            errors.add("name", "is required");
        } else if (name != null && !NAME.matcher(name).matches()) {
            errors.add("name", "must be 1 to 100 letters, digits, '-' or '_'");
        }
        String actor = actor(fields, false);
        errors.throwIfAny();
        var created = tenants.create(name, actor == null ? FIRST_ACTOR : actor);
        return Response.status(Response.Status.CREATED)
                .entity(TenantOut.withToken(created.tenant(), created.firstToken().plainText())).build();
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
    @Operation(summary = "Issue another token of a tenant, acting as 'actor' with 'scopes' (admin, publish, "
            + "govern, subscribe, read) until 'expiresAt' (optional); the answer is the only time it is shown")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "token",
            value = "{\"actor\": \"release-bot\", \"scopes\": [\"publish\", \"read\"], "
                    + "\"expiresAt\": \"2027-06-30T00:00:00Z\"}")))
    public Response issueToken(@PathParam("id") String id, JsonObject body) {
        requireOwnOrAdmin(id);
        var issued = tenants.issue(id, tokenSpec(body));
        return Response.status(Response.Status.CREATED)
                .entity(TokenOut.withToken(issued.token(), issued.plainText())).build();
    }

    @GET
    @Path("{id}/tokens")
    @Operation(summary = "List a tenant's tokens (never their values)")
    public Page<TokenOut> tokens(@PathParam("id") String id, @QueryParam("page") String page,
            @QueryParam("pageSize") String pageSize) {
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

    private static TokenSpec tokenSpec(JsonObject body) {
        InputErrors errors = new InputErrors();
        JsonFields fields = JsonFields.of(body, errors).allowOnly(Set.of("actor", "scopes", "expiresAt"));
        String actor = actor(fields, true);
        fields.require("scopes", "the scopes the token gets, some of " + Scope.wireNames());
        List<String> names = fields.strings("scopes");
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (names != null && names.isEmpty()) {
            errors.add("scopes", "must name at least one scope of " + Scope.wireNames());
        }
        for (int i = 0; names != null && i < names.size(); i++) {
            String name = names.get(i);
            var scope = Scope.fromWire(name);
            if (scope.isPresent()) {
                scopes.add(scope.get());
            } else {
                errors.add("scopes[" + i + "]", "is not a scope: '" + name + "'; scopes are " + Scope.wireNames());
            }
        }
        Instant expiresAt = fields.instant("expiresAt");
        if (expiresAt != null && !expiresAt.isAfter(Times.now())) {
            errors.add("expiresAt", "must be in the future");
        }
        errors.throwIfAny();
        return new TokenSpec(actor, scopes, expiresAt);
    }

    private static String actor(JsonFields fields, boolean required) {
        if (required) {
            fields.require("actor", "who acts with the token, a person or a system such as release-bot");
        }
        String actor = fields.string("actor");
        if (actor != null && !ACTOR.matcher(actor).matches()) {
            fields.errors().add("actor", ACTOR_RULE);
            return null;
        }
        return actor;
    }

    /** Another tenant's objects are reported as missing, never as forbidden. */
    private void requireOwnOrAdmin(String tenantId) {
        if (!caller.isPlatformAdmin() && !caller.tenantId().equals(tenantId)) {
            throw new NotFoundProblem("tenant", tenantId);
        }
    }
}

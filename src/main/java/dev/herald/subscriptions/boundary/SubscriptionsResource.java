package dev.herald.subscriptions.boundary;

import dev.herald.access.boundary.PageRoom;
import dev.herald.access.control.Caller;
import dev.herald.access.control.Needs;
import dev.herald.access.entity.Scope;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.json.JsonBodies;
import dev.herald.platform.json.JsonFields;
import dev.herald.problems.InputErrors;
import dev.herald.subscriptions.control.SecretGenerator;
import dev.herald.subscriptions.control.SubscriptionInput;
import dev.herald.subscriptions.control.SubscriptionSecrets;
import dev.herald.subscriptions.control.SubscriptionSpec;
import dev.herald.subscriptions.control.Subscriptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Webhook subscriptions of the caller's tenant. */
@ApplicationScoped
@Path("webhooks")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Subscriptions")
@Needs(Scope.SUBSCRIBE)
public class SubscriptionsResource {

    private static final String FULL_EXAMPLE = """
            {"name": "deploy-notifier", "url": "https://hooks.example.com:8443/in?team=a",
             "events": ["release.created", "approval.*"], "method": "POST",
             "headers": {"my-api-key": "k-123"}, "authType": "signature",
             "filters": [{"field": "data.channel", "operator": "equals", "value": "stable"}],
             "retryPolicy": {"maxRetries": 5, "backoffType": "exponential", "backoffSeconds": 1},
             "timeout": 30000, "enabled": true, "ordering": "none",
             "options": {"oneTime": false, "quota": {"limit": 1000, "period": "P1D"}, "rateLimit": 50,
                         "sharingUpdates": false},
             "presentation": {"preset": "stella", "timestampForm": "iso8601"}}""";
    private static final String MINIMAL_EXAMPLE = """
            {"url": "https://hooks.example.com/in", "events": ["release.*"]}""";

    @Inject
    Subscriptions subscriptions;

    @Inject
    SubscriptionSecrets secrets;

    @Inject
    JsonBodies bodies;

    @Inject
    Caller caller;

    @Inject
    PageRoom pageRoom;

    @POST
    @Operation(
            summary = "Create a subscription; only url and events are required. "
                    + "The answer carries the signing secret.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(name = "minimal", value = MINIMAL_EXAMPLE),
                                @ExampleObject(name = "full", value = FULL_EXAMPLE)
                            }))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = SubscriptionOut.class)))
    public Response create(JsonObject body) {
        var read = SubscriptionInput.read(body, SubscriptionSpec.defaults(), true);
        var created = subscriptions.create(caller.tenantId(), read.spec(), read.secret());
        return Response.status(Response.Status.CREATED)
                .entity(SubscriptionOut.of(created.subscription(), created.secret()))
                .build();
    }

    @GET
    @Operation(summary = "List the tenant's subscriptions, newest first")
    public Page<SubscriptionOut> list(@QueryParam("page") String page, @QueryParam("pageSize") String pageSize) {
        return subscriptions
                .list(caller.tenantId(), PageRequest.of(page, pageSize), pageRoom)
                .map(SubscriptionOut::of);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a subscription")
    public SubscriptionOut get(@PathParam("id") String id) {
        return SubscriptionOut.of(subscriptions.get(caller.tenantId(), id));
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Replace a subscription's settings; omitted fields take their defaults")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "full", value = FULL_EXAMPLE)))
    public SubscriptionOut replace(@PathParam("id") String id, JsonObject body) {
        return SubscriptionOut.of(subscriptions.change(
                caller.tenantId(),
                id,
                null,
                current -> SubscriptionInput.read(body, SubscriptionSpec.defaults(), current, false)
                        .spec()));
    }

    @PATCH
    @Path("{id}")
    @Operation(summary = "Change some settings; fields not sent keep their values, null resets one")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples =
                                    @ExampleObject(
                                            name = "patch",
                                            value =
                                                    "{\"events\": [\"release.*\", \"deployment.*\"], \"timeout\": 10000}")))
    public SubscriptionOut patch(@PathParam("id") String id, JsonObject body) {
        return SubscriptionOut.of(subscriptions.change(
                caller.tenantId(),
                id,
                null,
                current -> SubscriptionInput.read(body, current, false).spec()));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a subscription")
    public Response delete(@PathParam("id") String id) {
        subscriptions.delete(caller.tenantId(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/activate")
    @Operation(summary = "Resume deliveries; an expired subscription is renewed for the default TTL")
    public SubscriptionOut activate(@PathParam("id") String id) {
        return SubscriptionOut.of(subscriptions.activate(caller.tenantId(), id));
    }

    @POST
    @Path("{id}/deactivate")
    @Operation(summary = "Pause deliveries")
    public SubscriptionOut deactivate(@PathParam("id") String id) {
        return SubscriptionOut.of(subscriptions.deactivate(caller.tenantId(), id));
    }

    @GET
    @Path("{id}/secret")
    @Needs(Scope.SUBSCRIBE)
    @Operation(
            summary = "Read the secret the subscription's deliveries are signed with; during a rotation's "
                    + "overlap, also until when the previous one still signs")
    public SubscriptionSecrets.Secret secret(@PathParam("id") String id) {
        return secrets.secret(caller.tenantId(), id);
    }

    @POST
    @Path("{id}/rotate-secret")
    @Operation(
            summary = "Replace the signing secret; the old one keeps signing beside it for 24 hours "
                    + "(herald.subscription.rotation-overlap), both signatures sent, the new one first")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(name = "generated", value = "{}"),
                                @ExampleObject(
                                        name = "chosen",
                                        value = "{\"secret\": \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}")
                            }))
    public SubscriptionSecrets.Secret rotateSecret(@PathParam("id") String id, InputStream rawBody) throws IOException {
        JsonObject body = bodies.readOptional(rawBody);
        InputErrors errors = new InputErrors();
        String chosen = JsonFields.of(body, errors)
                .allowOnly(java.util.Set.of("secret"))
                .string("secret");
        if (chosen != null && SecretGenerator.problemWith(chosen) != null) {
            errors.add("secret", SecretGenerator.problemWith(chosen));
        }
        errors.throwIfAny();
        return secrets.rotate(caller.tenantId(), id, chosen);
    }
}

package dev.herald.subscriptions.boundary;

import dev.herald.subscriptions.control.SubscriptionValidation;
import dev.herald.subscriptions.control.SubscriptionView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The manual confirmation of an endpoint: the one-time link sent in
 * {@code WebHook-Request-Callback}. The token is the credential, so no bearer token is asked.
 */
@ApplicationScoped
@Path(ValidationCallbackResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Subscriptions")
public class ValidationCallbackResource {

    /** Outside bearer authentication: see the access filter. */
    public static final String PATH = "subscription-validations";

    @Inject
    SubscriptionValidation validation;

    @GET
    @Path("{token}")
    @SecurityRequirements
    @Operation(summary = "Confirm a subscription's endpoint by its one-time link (within 48 hours of the request)")
    public JsonObject confirm(@PathParam("token") String token) {
        SubscriptionView confirmed = validation.confirmByToken(token);
        return dev.herald.platform.json.Jsons.object()
                .add("id", confirmed.id())
                .add("status", confirmed.status().wireName())
                .build();
    }
}

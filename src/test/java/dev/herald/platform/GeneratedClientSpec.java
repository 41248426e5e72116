package dev.herald.platform;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.client.api.ApiException;
import dev.herald.client.api.DeliveriesApi;
import dev.herald.client.api.EventsApi;
import dev.herald.client.api.SubscriptionsApi;
import dev.herald.client.model.CreateWebhooks201Response;
import dev.herald.client.model.Page;
import dev.herald.it.Api;
import dev.herald.it.Api.Tenant;
import dev.herald.it.HeraldServer;
import dev.herald.it.Receiver;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.junit.jupiter.api.Test;

/**
 * An API client as its users make it: a MicroProfile Rest Client generated from the committed
 * docs/openapi.json by openapi-generator (see pom.xml), run by Jersey's implementation.
 */
public abstract class GeneratedClientSpec {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theGeneratedClientSubscribesPublishesAndReadsTheDelivery() throws ApiException {
        Tenant tenant = Api.newTenant();
        SubscriptionsApi subscriptions = client(SubscriptionsApi.class, tenant.token());
        EventsApi events = client(EventsApi.class, tenant.token());
        DeliveriesApi deliveries = client(DeliveriesApi.class, tenant.token());
        try (Receiver receiver = Receiver.start()) {
            CreateWebhooks201Response subscription = subscriptions.createWebhooks(
                    Map.of("url", receiver.url("/generated"), "events", List.of("build.finished")));
            assertEquals("active", subscription.getStatus());

            Map<?, ?> event = (Map<?, ?>) events.publishEvents(
                    Map.of("type", "build.finished", "data", Map.of("build_id", "generated-1", "status", "success")));
            receiver.await(1, WAIT);

            await().atMost(WAIT).untilAsserted(() -> {
                Page succeeded = deliveries.listWebhooksDeliveries(subscription.getId(), "succeeded", null, null);
                assertEquals(1, succeeded.getTotal().intValue());
                assertEquals(event.get("id"), ((Map<?, ?>) succeeded.getItems().get(0)).get("eventId"));
            });
        }
        // A refusal reaches the caller as the generated ApiException with Herald's problem, which
        // Jersey hands back wrapped (as the cause of a WebApplicationException) since it is checked.
        Exception thrown = assertThrows(
                Exception.class,
                () -> subscriptions.createWebhooks(Map.of("url", "ftp://nowhere", "events", List.of("build.*"))));
        ApiException refused = thrown instanceof ApiException api ? api : (ApiException) thrown.getCause();
        assertEquals(400, refused.getResponse().getStatus());
        assertEquals(
                "application/problem+json", refused.getResponse().getMediaType().toString());
        assertTrue(refused.getResponse().readEntity(String.class).contains("\"field\":\"url\""));
    }

    private static <T> T client(Class<T> api, String token) {
        return RestClientBuilder.newBuilder()
                .baseUri(HeraldServer.base())
                .register((ClientRequestFilter)
                        request -> request.getHeaders().putSingle("Authorization", "Bearer " + token))
                .build(api);
    }
}

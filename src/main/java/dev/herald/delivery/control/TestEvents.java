package dev.herald.delivery.control;

import dev.herald.catalog.control.EventCatalog;
import dev.herald.catalog.control.EventType;
import dev.herald.catalog.control.SampleData;
import dev.herald.delivery.entity.Delivery;
import dev.herald.events.control.EventLog;
import dev.herald.events.control.RaisedEvent;
import dev.herald.events.control.RecordedEvent;
import dev.herald.platform.Ids;
import dev.herald.platform.Times;
import dev.herald.platform.json.Jsons;
import dev.herald.problems.ConflictException;
import dev.herald.problems.InvalidInputException;
import dev.herald.subscriptions.control.SubscriptionView;
import dev.herald.subscriptions.control.Subscriptions;
import dev.herald.subscriptions.entity.SubscriptionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;

/**
 * Prepares a test delivery in one transaction: the sample event, recorded without fan-out,
 * and its one delivery, claimed for the caller to attempt.
 */
@ApplicationScoped
@Transactional
public class TestEvents {

    public static final String PING = "webhook.ping";

    @Inject
    Subscriptions subscriptions;

    @Inject
    EventCatalog catalog;

    @Inject
    EventLog eventLog;

    @Inject
    NewDeliveries newDeliveries;

    @Inject
    DeliverySettings settings;

    public Claim prepare(String tenantId, String subscriptionId, String type) {
        SubscriptionView subscription = subscriptions.get(tenantId, subscriptionId);
        if (subscription.status() != SubscriptionStatus.ACTIVE) {
            // Not before its endpoint consented: a test must not make Herald a proxy to any URL.
            throw new ConflictException("Subscription " + subscriptionId + " is "
                    + subscription.status().wireName() + "; test sends go to active subscriptions only");
        }
        EventType eventType = catalog.find(tenantId, type)
                .orElseThrow(() -> InvalidInputException.of(
                        "event", "'" + type + "' is not a known event type; see GET /api/v1/event-types"));
        JsonObject data = PING.equals(type)
                ? Jsons.object()
                        .add("message", "Test delivery from Herald")
                        .add("subscription_id", subscriptionId)
                        .build()
                : SampleData.of(eventType.schema());
        RecordedEvent event = eventLog.recordWithoutFanOut(new RaisedEvent(tenantId, type, null, data, null));
        String deliveryId = Ids.next("dlv");
        boolean dataBody = subscription.spec().presentation().dataBody();
        Payloads.Kept kept = newDeliveries.keep(Payloads.body(Payloads.of(deliveryId, event), dataBody), dataBody);
        Delivery delivery = new Delivery(
                deliveryId,
                tenantId,
                event.id(),
                subscriptionId,
                type,
                kept.copy(),
                kept.form(),
                null,
                null,
                event.sequence(),
                Times.now());
        Claim claim = new Claim(deliveryId, tenantId, DeliveryLedger.newToken());
        delivery.claim(claim.token(), Times.now().plus(settings.lease()));
        newDeliveries.add(delivery);
        newDeliveries.write();
        return claim;
    }
}

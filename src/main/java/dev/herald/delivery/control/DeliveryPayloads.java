package dev.herald.delivery.control;

import dev.herald.delivery.entity.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * A delivery's payload as every attempt sends it: the copy it keeps, or, for a large one
 * ({@link Payloads#kept}), rendered from its event, which cannot be pruned while the delivery
 * is there (its row refers to it).
 */
@ApplicationScoped
public class DeliveryPayloads {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** The payload of the delivery with this id, read for its attempt. */
    String of(String deliveryId) {
        Object[] row =
                (Object[]) em.createNativeQuery("SELECT payload, payload_form, event_id FROM deliveries WHERE id = ?1")
                        .setParameter(1, deliveryId)
                        .getSingleResult();
        return row[0] != null ? (String) row[0] : rendered(deliveryId, (String) row[1], (String) row[2]);
    }

    /** The payload of a delivery read whole. */
    String of(Delivery delivery) {
        return delivery.payload() != null
                ? delivery.payload()
                : rendered(delivery.id(), delivery.payloadForm(), delivery.eventId());
    }

    private String rendered(String deliveryId, String form, String eventId) {
        Object[] event = em.createQuery(
                        "SELECT e.tenantId, e.type, e.subject, e.createdAt, e.dataJson FROM Event e WHERE e.id = :id",
                        Object[].class)
                .setParameter("id", eventId)
                .getSingleResult();
        return Payloads.rendered(
                deliveryId,
                form,
                new Payloads.StoredEvent(
                        eventId, (String) event[0], (String) event[1], (String) event[2], (Instant) event[3], (String)
                                event[4]));
    }
}

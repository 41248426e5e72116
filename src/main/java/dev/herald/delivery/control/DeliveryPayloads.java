package dev.herald.delivery.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * A delivery's payload as every attempt sends it: the copy it keeps, or, when it keeps none
 * ({@link NewDeliveries#keep}), rendered from its event, which cannot be pruned while the
 * delivery is there (its row refers to it).
 */
@ApplicationScoped
public class DeliveryPayloads {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** The payload of the delivery with this id, for its attempt: its length read now, its text when asked for. */
    Payload forAttempt(String deliveryId) {
        Object[] row = em.createQuery(
                        "SELECT LENGTH(d.payload), d.payloadForm, e.id, e.tenantId, e.type, e.subject, e.createdAt,"
                                + " LENGTH(e.dataJson),"
                                + " CASE WHEN LENGTH(d.payload) <= " + NewDeliveries.COPIED_AT_MOST
                                + " THEN d.payload ELSE NULL END"
                                + " FROM Delivery d, Event e WHERE d.id = :id AND e.id = d.eventId",
                        Object[].class)
                .setParameter("id", deliveryId)
                .getSingleResult();
        String form = (String) row[1];
        if (row[8] != null) {
            return Payload.of((String) row[8]); // a copy as small as every copy made since: read with its length
        }
        if (form == null) {
            return Payload.toRead(((Number) row[0]).intValue(), () -> copy(deliveryId));
        }
        String eventId = (String) row[2];
        String head = Payloads.envelopeHead(
                deliveryId,
                new Payloads.StoredEvent(eventId, (String) row[3], (String) row[4], (String) row[5], (Instant) row[6]));
        return Payload.toRead(
                Payloads.renderedChars(form, head, ((Number) row[7]).intValue()),
                () -> Payloads.rendered(form, head, data(eventId)));
    }

    private String copy(String deliveryId) {
        return em.createQuery("SELECT d.payload FROM Delivery d WHERE d.id = :id", String.class)
                .setParameter("id", deliveryId)
                .getSingleResult();
    }

    private String data(String eventId) {
        return em.createQuery("SELECT e.dataJson FROM Event e WHERE e.id = :id", String.class)
                .setParameter("id", eventId)
                .getSingleResult();
    }
}

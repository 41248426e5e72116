package dev.herald.console;

import dev.herald.access.control.RequestBodyRoom;
import dev.herald.delivery.control.DeliveryQueries;
import dev.herald.events.control.EventDeliveries.DeliverySummary;
import dev.herald.events.control.EventLog;
import dev.herald.events.control.HistoryAudit;
import dev.herald.events.control.RecordedEvent;
import dev.herald.platform.ReadRoom;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * The history beyond its list: one event with the deliveries it caused, and "verify the
 * chain" with its result, through the same control classes as the API.
 */
@Named
@RequestScoped
public class ConsoleHistory {

    /** Only for the size of a read's batches: a person's console reads take no room. */
    @Inject
    RequestBodyRoom bodyRoom;

    @Inject
    ConsoleSession session;

    @Inject
    OncePerRequest once;

    @Inject
    EventLog eventLog;

    @Inject
    DeliveryQueries deliveries;

    @Inject
    HistoryAudit audit;

    /** Deliveries an event's page lists at most. */
    static final int DELIVERIES_SHOWN = 200;

    private String id;
    private RecordedEvent shown;
    private HistoryAudit.Verification verification;

    /** The event the URL names, if the token may read the history and it is this tenant's; else none. */
    public RecordedEvent getEvent() {
        if (shown == null && id != null && session.canRead("publish")) {
            shown = ConsolePages.foundOrNull(() -> eventLog.get(session.getTenantId(), id, ReadRoom.NONE));
        }
        return shown;
    }

    /**
     * The deliveries the event caused, the first {@link #DELIVERIES_SHOWN} by id, shown to a token
     * that may read deliveries: an event to a tenant's thousands of subscriptions made a page of
     * thousands of rows.
     */
    public List<DeliverySummary> getDeliveries() {
        List<DeliverySummary> found = deliveriesAndOneMore();
        return found.subList(0, Math.min(found.size(), DELIVERIES_SHOWN));
    }

    /** Whether the event caused more deliveries than the page shows (each subscription's page lists its own). */
    public boolean isMoreDeliveries() {
        return deliveriesAndOneMore().size() > DELIVERIES_SHOWN;
    }

    private List<DeliverySummary> deliveriesAndOneMore() {
        if (getEvent() == null || !session.canRead("subscribe")) {
            return List.of();
        }
        return once.get("deliveries", () -> deliveries.forEvent(session.getTenantId(), id, DELIVERIES_SHOWN + 1));
    }

    /** Walks the whole chain of the tenant's history, as GET /events/verify does. */
    public void verify() {
        if (session.canRead("publish")) {
            verification = audit.verify(session.getTenantId(), null, null, bodyRoom.readBatchChars());
        }
    }

    public HistoryAudit.Verification getVerification() {
        return verification;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = ConsolePages.given(id);
    }
}

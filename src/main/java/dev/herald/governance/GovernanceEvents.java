package dev.herald.governance;

import dev.herald.events.control.RaisedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Raises the event of a governance change in the change's own transaction (MANDATORY: there is
 * no governance event without a change), so both commit together or not at all.
 */
@ApplicationScoped
public class GovernanceEvents {

    @Inject
    Event<RaisedEvent> raised;

    /** @param subject the id of the object the event is about, as API.md asks */
    @Transactional(TxType.MANDATORY)
    public void raise(String tenantId, String type, String subject, EventData data) {
        raised.fire(new RaisedEvent(tenantId, type, subject, data.build(), null));
    }
}

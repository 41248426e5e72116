package dev.herald.events.control;

import dev.herald.audit.control.AuditTrail;
import dev.herald.audit.control.AuditedCall;
import dev.herald.audit.entity.AuditEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * Records published events and the audit entries of the calls that published them in one
 * transaction: a publish's entry commits with its event, so a publish costs one commit, not
 * two, and no event is ever without its entry. (A bean of its own so that the transaction
 * wraps each batch.)
 */
@ApplicationScoped
public class PublishBatches {

    /** The accepted {@code 202} a publish answers, as its entry records it. */
    private static final int ACCEPTED = 202;

    @Inject
    EventLog eventLog;

    @Inject
    AuditTrail auditTrail;

    /** One event of {@code POST /events} and the call that published it. */
    public record Publication(RaisedEvent raised, AuditedCall call) {}

    /** Single publishes of one tenant, batched by {@link EventIngest}: each call's entry names its event. */
    @Transactional
    public List<RecordedEvent> write(List<Publication> publications) {
        // A repeated key's event comes without its data: each call reads it once the batch has committed.
        List<RecordedEvent> recorded = eventLog.recordAll(
                publications.stream().map(Publication::raised).toList(), false);
        List<AuditEntry> entries = new ArrayList<>(recorded.size());
        for (int i = 0; i < recorded.size(); i++) {
            entries.add(publications.get(i).call().succeeded(recorded.get(i).id(), ACCEPTED));
        }
        auditTrail.recordWithChanges(entries);
        return recorded;
    }

    /** One {@code POST /events/batch}: its events and the call's one entry (its target is no single event). */
    @Transactional
    public List<RecordedEvent> writeBatch(List<RaisedEvent> events, AuditedCall call) {
        List<RecordedEvent> recorded = eventLog.recordAll(events, false); // its answer names events, no data
        auditTrail.recordWithChanges(List.of(call.succeeded(null, ACCEPTED)));
        return recorded;
    }
}

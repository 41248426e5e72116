package dev.herald.events.control;

import dev.herald.platform.Ids;
import dev.herald.platform.JdbcBatch;
import dev.herald.platform.Times;
import dev.herald.platform.json.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Events raised inside a transaction that every tenant shares (the attempt log's batches), and
 * recorded after it commits, in a transaction of their tenant's own. Recording an event takes
 * its tenant's chain head and runs its tenant's filters: inside a shared batch, a tenant whose
 * head was held (by its own batch publish) made every tenant's attempts wait for it. A deferred
 * event is a row written with the batch, so it commits with the decision that raised it or not
 * at all, and it is recorded once, by whichever instance takes its row first.
 */
@ApplicationScoped
public class DeferredEvents {

    /** The most deferred events one transaction records. */
    public static final int BATCH = 100;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    EventLog eventLog;

    @Inject
    jakarta.enterprise.event.Event<EventsDeferred> deferred;

    /** Writes the event in the caller's transaction, to be recorded once that commits. */
    @Transactional(TxType.MANDATORY)
    public void defer(RaisedEvent raised) {
        em.createNativeQuery("INSERT INTO deferred_events (id, tenant_id, type, subject, data_json, raised_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, Ids.next("dfe"))
                .setParameter(2, raised.tenantId())
                .setParameter(3, raised.type())
                .setParameter(4, raised.subject())
                .setParameter(5, raised.data().toString())
                .setParameter(6, utc(Times.now()))
                .executeUpdate();
        deferred.fire(new EventsDeferred(raised.tenantId()));
    }

    /**
     * Records up to {@link #BATCH} of the tenant's deferred events, oldest first, and deletes
     * their rows, in one transaction. Rows another transaction holds (another instance recording
     * them) are skipped, never waited for.
     *
     * @return how many were recorded: {@link #BATCH} when there may be more
     */
    @Transactional
    public int recordSome(String tenantId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, type, subject, data_json FROM deferred_events"
                        + " WHERE tenant_id = ?1 ORDER BY raised_at, id LIMIT ?2 FOR UPDATE SKIP LOCKED")
                .setParameter(1, tenantId)
                .setParameter(2, BATCH)
                .getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        eventLog.recordAll(rows.stream()
                .map(row -> new RaisedEvent(
                        tenantId, (String) row[1], (String) row[2], Jsons.parseObject((String) row[3]), null))
                .toList());
        JdbcBatch.run(
                em.unwrap(Connection.class),
                "DELETE FROM deferred_events WHERE id = ?",
                rows,
                (delete, row) -> delete.setString(1, (String) row[0]),
                "Deleting " + rows.size() + " recorded deferred events");
        return rows.size();
    }

    /** The tenants with events deferred before the given time (whose recording an instance may have died in). */
    @Transactional
    public List<String> tenantsWaitingSince(Instant before) {
        @SuppressWarnings("unchecked")
        List<String> tenants = em.createNativeQuery(
                        "SELECT DISTINCT tenant_id FROM deferred_events WHERE raised_at < ?1")
                .setParameter(1, utc(before))
                .getResultList();
        return tenants;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

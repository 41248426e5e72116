package dev.herald.delivery.control;

import dev.herald.cluster.control.Instances;
import dev.herald.delivery.entity.Delivery;
import dev.herald.platform.JdbcBatch;
import dev.herald.platform.JdbcInstants;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.TransactionLocals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The deliveries a transaction made, written together as JDBC batches: EclipseLink inserted
 * them one statement each (4.3 % of Herald's CPU under single publishes on PostgreSQL, a round
 * trip a delivery). A fan-out's are written once the transaction's events are all recorded
 * ({@link FanOut}), and before any read of deliveries at fan-out ({@link DeliveryLedger}), so
 * that a later event of the same transaction sees them; a backfill's and a test send's once
 * they are all made. Whoever adds one writes it before commit: nothing else does.
 */
@ApplicationScoped
public class NewDeliveries {

    private static final Object ADDED = new Object();

    private static final Object COPIED = new Object();

    /**
     * Payload characters a transaction copies into its new deliveries. A copy is what a claim
     * carries and a retry reads with its claim; past this a fan-out's payloads are rendered from
     * their events instead: copied, a 1 MiB event to 32 subscriptions wrote 32 MiB in its
     * publish's transaction, which ran the README's heap out on H2 and left its file unreadable,
     * and a tenant's thousands of subscriptions made it gigabytes.
     */
    static final int COPIED_A_TRANSACTION = 1 << 20;

    /** The largest payload copied: what a claim reads with it ({@link DeliveryLedger#PAYLOAD_READ_WITH_CLAIM}). */
    static final int COPIED_AT_MOST = 65_536;

    /** The most deliveries kept to be written together: a batch of 500 events to 1,000 subscriptions makes 500,000. */
    static final int WRITTEN_AT_MOST = 1_000;

    private static final String INSERT = "INSERT INTO deliveries (id, tenant_id, created_at, event_id,"
            + " subscription_id, event_type, payload, status, attempt_count, next_attempt_at, ordering_key,"
            + " event_sequence, claim_token, claimed_until, last_error, subject, updated_at, payload_form)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    TransactionLocals transaction;

    @Inject
    Instances instances;

    /**
     * What a new delivery of this transaction keeps of its payload: a copy while it is no larger
     * than {@link #COPIED_AT_MOST} and the transaction has copied fewer than
     * {@link #COPIED_A_TRANSACTION} characters; otherwise nothing, and it is rendered from its
     * event ({@link DeliveryPayloads}). While an instance from before that is alive, everything is
     * copied as it used to be.
     */
    Payloads.Kept keep(String body, boolean dataBody) {
        Copies copies = transaction.get(COPIED, () -> new Copies(!instances.allRenderPayloads()));
        if (copies.all || body.length() <= COPIED_AT_MOST && copies.chars + body.length() <= COPIED_A_TRANSACTION) {
            copies.chars += body.length();
            return Payloads.Kept.copied(body);
        }
        return Payloads.Kept.rendered(dataBody);
    }

    /** What a transaction copies: everything while an instance from before is alive, asked once. */
    private static final class Copies {
        final boolean all;
        long chars;

        Copies(boolean all) {
            this.all = all;
        }
    }

    /**
     * Adds a delivery to be written with the rest of this transaction's; it is complete (claimed
     * or not). Its event is written already, so a wide fan-out's deliveries are written as they
     * come, {@link #WRITTEN_AT_MOST} at a time, or once their copied payloads hold
     * {@link ReadRoom#BATCH_CHARS} (only while an instance from before makes every payload be
     * copied can they: a thousand of 1 MiB held a GiB), instead of all kept until the end.
     */
    void add(Delivery delivery) {
        Added added = added();
        added.deliveries.add(delivery);
        added.chars += delivery.payload() == null ? 0 : delivery.payload().length();
        if (added.deliveries.size() >= WRITTEN_AT_MOST || added.chars >= ReadRoom.BATCH_CHARS) {
            write();
        }
    }

    /** Writes the deliveries added since the last write, in this transaction. */
    void write() {
        Added added = added();
        if (added.deliveries.isEmpty()) {
            return;
        }
        JdbcBatch.run(
                em.unwrap(Connection.class),
                INSERT,
                added.deliveries,
                NewDeliveries::bind,
                "Writing " + added.deliveries.size() + " new deliveries");
        added.deliveries.clear();
        added.chars = 0;
    }

    /** The deliveries added since the last write, and their copied payloads' characters. */
    private static final class Added {
        final List<Delivery> deliveries = new ArrayList<>();
        long chars;
    }

    private Added added() {
        return transaction.get(ADDED, Added::new);
    }

    private static void bind(PreparedStatement insert, Delivery delivery) throws SQLException {
        insert.setString(1, delivery.id());
        insert.setString(2, delivery.tenantId());
        JdbcInstants.set(insert, 3, delivery.createdAt());
        insert.setString(4, delivery.eventId());
        insert.setString(5, delivery.subscriptionId());
        insert.setString(6, delivery.eventType());
        insert.setString(7, delivery.payload());
        insert.setString(8, delivery.status().name());
        insert.setInt(9, delivery.attemptCount());
        JdbcInstants.set(insert, 10, delivery.nextAttemptAt());
        insert.setString(11, delivery.orderingKey());
        insert.setObject(12, delivery.eventSequence(), Types.BIGINT);
        insert.setString(13, delivery.claimToken());
        JdbcInstants.set(insert, 14, delivery.claimedUntil());
        insert.setString(15, delivery.lastError());
        insert.setString(16, delivery.subject());
        JdbcInstants.set(insert, 17, delivery.updatedAt());
        insert.setString(18, delivery.payloadForm());
    }
}

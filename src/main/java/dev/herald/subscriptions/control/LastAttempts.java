package dev.herald.subscriptions.control;

import dev.herald.subscriptions.entity.SubscriptionLastAttempt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;

/**
 * Each subscription's latest attempt, which a subscription shows as {@code lastDelivery} and
 * {@code lastStatus}. Kept in a table of its own beside the subscription: the attempt log
 * moves it once per subscription per batch of attempts, so neither a busy subscription's
 * attempts nor edits of it wait for each other on its row.
 */
@ApplicationScoped
@Transactional(TxType.MANDATORY)
public class LastAttempts {

    private static final String MOVE = "UPDATE subscription_last_attempts SET attempted_at = ?, status_code = ?"
            + " WHERE subscription_id = ? AND (attempted_at IS NULL OR attempted_at <= ?)";

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** @param statusCode null when the attempt got no answer (a timeout, a refused connection) */
    public record LastAttempt(Instant at, Integer statusCode) {}

    /** Starts the record of a new subscription, in the transaction that created it. */
    void start(String subscriptionId) {
        em.persist(new SubscriptionLastAttempt(subscriptionId));
    }

    /**
     * Records the latest of a batch's attempts per subscription, in the batch's transaction.
     * In subscription id order, so that two batches never wait for each other's rows in turn.
     */
    public void record(SortedMap<String, LastAttempt> latestBySubscription) {
        if (latestBySubscription.isEmpty()) {
            return;
        }
        try (PreparedStatement move = em.unwrap(Connection.class).prepareStatement(MOVE)) {
            for (Map.Entry<String, LastAttempt> entry : latestBySubscription.entrySet()) {
                OffsetDateTime at = entry.getValue().at().atOffset(ZoneOffset.UTC);
                move.setObject(1, at, Types.TIMESTAMP_WITH_TIMEZONE);
                move.setObject(2, entry.getValue().statusCode(), Types.INTEGER);
                move.setString(3, entry.getKey());
                move.setObject(4, at, Types.TIMESTAMP_WITH_TIMEZONE);
                move.addBatch();
            }
            move.executeBatch();
        } catch (SQLException e) {
            throw new PersistenceException(
                    "Recording the last attempts of " + latestBySubscription.size() + " subscriptions failed", e);
        }
    }

    /** The latest attempt of each of the subscriptions that had one. */
    @Transactional(TxType.SUPPORTS)
    public Map<String, LastAttempt> of(Collection<String> subscriptionIds) {
        Map<String, LastAttempt> latest = new HashMap<>();
        if (!subscriptionIds.isEmpty()) {
            em.createQuery(
                            "SELECT l FROM SubscriptionLastAttempt l WHERE l.subscriptionId IN :ids"
                                    + " AND l.attemptedAt IS NOT NULL",
                            SubscriptionLastAttempt.class)
                    .setParameter("ids", subscriptionIds)
                    .getResultStream()
                    .forEach(l -> latest.put(l.subscriptionId(), new LastAttempt(l.attemptedAt(), l.statusCode())));
        }
        return latest;
    }
}

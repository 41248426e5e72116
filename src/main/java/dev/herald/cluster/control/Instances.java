package dev.herald.cluster.control;

import dev.herald.platform.HeraldVersion;
import dev.herald.platform.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instances sharing this database, as rows each instance renews: every instance knows how
 * many share the deployment's limits (a cap of 16 is 16 / n on each of n instances) and
 * whether another can take work it sheds. Nothing else is coordinated: claims, leases,
 * quotas and rate limits are rows that any instance locks and updates.
 */
@ApplicationScoped
@Transactional
public class Instances {

    /** Rows of instances silent this long are removed by whichever instance beats next. */
    private static final Duration FORGOTTEN_AFTER = Duration.ofDays(1);

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    ClusterSettings settings;

    /** One until the first heartbeat has counted the others. */
    private final AtomicInteger live = new AtomicInteger(1);

    /** Whether every live instance renders payloads from their events; not until the first heartbeat has asked. */
    private final AtomicBoolean allRenderPayloads = new AtomicBoolean();

    /**
     * Starts this instance's row afresh (a restarted instance with a fixed id takes over the row
     * its earlier run left) and counts who is alive.
     */
    public int join() {
        em.createNativeQuery("DELETE FROM instances WHERE id = ?1")
                .setParameter(1, settings.instanceId())
                .executeUpdate();
        return beat();
    }

    /** Renews (or writes) this instance's row and counts who is alive; answers that count. */
    public int beat() {
        Instant now = Times.now();
        int renewed = em.createNativeQuery("UPDATE instances SET seen_at = ?1 WHERE id = ?2")
                .setParameter(1, utc(now))
                .setParameter(2, settings.instanceId())
                .executeUpdate();
        if (renewed == 0) {
            em.createNativeQuery("INSERT INTO instances (id, host, version, started_at, seen_at, renders_payloads)"
                            + " VALUES (?1, ?2, ?3, ?4, ?4, TRUE)")
                    .setParameter(1, settings.instanceId())
                    .setParameter(2, settings.host())
                    .setParameter(3, HeraldVersion.get())
                    .setParameter(4, utc(now))
                    .executeUpdate();
        }
        em.createNativeQuery("DELETE FROM instances WHERE seen_at < ?1")
                .setParameter(1, utc(now.minus(FORGOTTEN_AFTER)))
                .executeUpdate();
        int counted = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM instances WHERE seen_at >= ?1")
                        .setParameter(1, utc(now.minus(settings.silenceMeansGone())))
                        .getSingleResult())
                .intValue();
        live.set(Math.max(1, counted));
        allRenderPayloads.set(((Number) em.createNativeQuery(
                                        "SELECT COUNT(*) FROM instances WHERE seen_at >= ?1 AND renders_payloads IS NULL")
                                .setParameter(1, utc(now.minus(settings.silenceMeansGone())))
                                .getSingleResult())
                        .intValue()
                == 0);
        return live.get();
    }

    /** A clean stop: the others stop counting this instance at their next heartbeat. */
    public void leave() {
        em.createNativeQuery("DELETE FROM instances WHERE id = ?1")
                .setParameter(1, settings.instanceId())
                .executeUpdate();
    }

    /**
     * Whether every live instance, as of the last heartbeat, renders a delivery's payload from its
     * event when the delivery keeps none (migration V26): an instance from before does not (its
     * row does not say it does), and until it is gone every payload is copied as it used to be.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean allRenderPayloads() {
        return allRenderPayloads.get();
    }

    /** How many instances are alive, this one included, as of the last heartbeat. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public int live() {
        return live.get();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

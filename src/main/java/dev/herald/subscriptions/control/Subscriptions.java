package dev.herald.subscriptions.control;

import static dev.herald.platform.crypto.SealedField.SUBSCRIPTION_SECRET;

import dev.herald.catalog.control.EventCatalog;
import dev.herald.egress.TargetUrlPolicy;
import dev.herald.events.control.HashChain;
import dev.herald.platform.Ids;
import dev.herald.platform.Listing;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.TenantOwned;
import dev.herald.platform.Times;
import dev.herald.platform.crypto.SecretBox;
import dev.herald.problems.ConflictException;
import dev.herald.problems.InputErrors;
import dev.herald.subscriptions.entity.Subscription;
import dev.herald.subscriptions.entity.SubscriptionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A tenant's subscriptions: creating, reading, changing, switching on and off, deleting, and
 * expiring them. Their secrets ({@link SubscriptionSecrets}), endpoint validation
 * ({@link SubscriptionValidation}) and what delivery reads ({@link SubscriptionRoutes}) are
 * their own classes. Every query is scoped to one tenant.
 */
@ApplicationScoped
@Transactional
public class Subscriptions {

    /**
     * What a tenant's subscriptions may hold in all, in characters, each counted as the settings
     * it stores and 1 KiB for its row: each fan-out of the tenant's events reads its active ones
     * whole (one subscription's headers alone may hold 110,000 characters sealed).
     */
    private static final long SETTINGS_OF_A_TENANT = 16L * 1024 * 1024;

    private static final long ROW_CHARS = 1024;

    /** The columns {@link Subscription#storedChars} counts, summed over the tenant's subscriptions. */
    private static final String SETTINGS_WEIGHED =
            "SELECT SUM(" + settingsLength("s") + "), COUNT(s) FROM Subscription s WHERE s.tenantId = :tenant";

    private static final EnumSet<SubscriptionStatus> EXPIRABLE =
            EnumSet.of(SubscriptionStatus.ACTIVE, SubscriptionStatus.INACTIVE, SubscriptionStatus.PENDING_VALIDATION);

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    LastAttempts lastAttempts;

    @Inject
    SecretBox secretBox;

    @Inject
    SubscriptionSpecs specs;

    @Inject
    SubscriptionViews views;

    @Inject
    SubscriptionValidation validation;

    @Inject
    EventCatalog catalog;

    @Inject
    TargetUrlPolicy targetUrlPolicy;

    @Inject
    SubscriptionSettings settings;

    @Inject
    HashChain chain;

    /** A new subscription with the secret it signs with, which the creator sees this once. */
    public record Created(SubscriptionView subscription, String secret) {}

    public Created create(String tenantId, SubscriptionSpec spec, String chosenSecret) {
        checkAgainstCatalogAndNetwork(tenantId, spec);
        requireNameFree(tenantId, spec.name(), null);
        if (spec.enabled()) {
            // Before its time is taken: every event chained before it is then earlier (and so what
            // a backfill delivers), and every one chained after it is matched against it.
            chain.countSubscriptionTurnedOn(tenantId);
        }
        Instant now = Times.now();
        String secret = chosenSecret != null ? chosenSecret : SecretGenerator.newSecret();
        String id = Ids.next("wh");
        Subscription subscription =
                new Subscription(id, tenantId, secretBox.seal(secret, SUBSCRIPTION_SECRET, id), now);
        specs.apply(spec, subscription, now);
        subscription.deactivate();
        if (spec.enabled()) {
            validation.activateOrValidate(subscription, now);
        }
        em.persist(subscription);
        // Constraint violations surface here, as a 409, rather than at commit.
        em.flush();
        requireRoomForSettings(tenantId, 0, subscription.storedChars());
        lastAttempts.start(id);
        return new Created(views.of(subscription), secret);
    }

    public SubscriptionView get(String tenantId, String id) {
        return views.of(find(tenantId, id));
    }

    /**
     * A page of the tenant's subscriptions, newest first.
     *
     * @param room where the page's settings must fit before they are loaded: 200 subscriptions
     *     could hold the tenant's whole settings budget (16 MiB), opened besides
     */
    public Page<SubscriptionView> list(String tenantId, PageRequest request, ReadRoom room) {
        Page<Subscription> page = Listing.page(
                em,
                Subscription.class,
                tenantId,
                request,
                new Listing.Bulk(settingsLength("x"), "subscriptions", room));
        return new Page<>(views.of(page.items()), page.page(), page.pageSize(), page.total());
    }

    /** How many subscriptions the tenant has: counted, none of them read or opened. */
    public long count(String tenantId) {
        return em.createQuery("SELECT COUNT(s) FROM Subscription s WHERE s.tenantId = :tenant", Long.class)
                .setParameter("tenant", tenantId)
                .getSingleResult();
    }

    /**
     * The characters of settings a subscription's row stores, as a JPQL expression over the alias
     * (as {@link Subscription#storedChars()} counts them).
     */
    private static String settingsLength(String alias) {
        return ("LENGTH(%1$s.url) + LENGTH(%1$s.eventsJson) + COALESCE(LENGTH(%1$s.headersSealed), 0)"
                        + " + COALESCE(LENGTH(%1$s.credentialsSealed), 0) + LENGTH(%1$s.filtersJson)"
                        + " + LENGTH(%1$s.retryPolicyJson) + LENGTH(%1$s.optionsJson)"
                        + " + COALESCE(LENGTH(%1$s.presentationJson), 0)")
                .formatted(alias);
    }

    /** The tenant's subscriptions that fail or were disabled for failing, most failures first. */
    public List<SubscriptionView> troubled(String tenantId, int limit) {
        return views.of(em.createQuery(
                        "SELECT s FROM Subscription s WHERE s.tenantId = :tenant"
                                + " AND (s.consecutiveFailures > 0 OR s.status = :disabled)"
                                + " ORDER BY s.consecutiveFailures DESC, s.id",
                        Subscription.class)
                .setParameter("tenant", tenantId)
                .setParameter("disabled", SubscriptionStatus.DISABLED)
                .setMaxResults(limit)
                .getResultList());
    }

    /** The settings as stored: what a form starts from. */
    public SubscriptionSpec currentSpec(String tenantId, String id) {
        return specs.of(find(tenantId, id));
    }

    /** The subscription's version: its settings and status as a form loaded them. */
    public long version(String tenantId, String id) {
        return find(tenantId, id).version();
    }

    /**
     * Changes the settings as {@code change} reads them onto the current ones (a PATCH),
     * reading and writing in this one transaction: a change committed meanwhile (another
     * PATCH, a deactivation) makes this one fail its version check (409), where, read in a
     * transaction of its own, the base was stale and the change undid the other.
     *
     * @param loaded the version the change was made against (a console form's, loaded with the
     *     page), or null for the current one: a form saved after its subscription changed, its
     *     status included, is 409 instead of putting back what the page showed
     */
    public SubscriptionView change(String tenantId, String id, Long loaded, UnaryOperator<SubscriptionSpec> change) {
        Subscription subscription = find(tenantId, id);
        if (loaded != null && subscription.version() != loaded) {
            throw new ConflictException("Subscription " + id + " changed since this form was loaded (saved, activated"
                    + " or deactivated elsewhere); load it again and repeat your change");
        }
        return update(tenantId, id, change.apply(specs.of(subscription)));
    }

    /** Replaces the settings (PUT and PATCH alike, once the request is merged onto its base). */
    public SubscriptionView update(String tenantId, String id, SubscriptionSpec spec) {
        Subscription subscription = find(tenantId, id);
        checkAgainstCatalogAndNetwork(tenantId, spec);
        requireNameFree(tenantId, spec.name(), id);
        boolean urlChanged = !subscription.url().equals(spec.url());
        long before = subscription.storedChars();
        Instant now = Times.now();
        specs.apply(spec, subscription, now);
        SubscriptionStatus status = subscription.status();
        boolean switchable = status == SubscriptionStatus.ACTIVE
                || status == SubscriptionStatus.INACTIVE
                || status == SubscriptionStatus.PENDING_VALIDATION;
        if (switchable && !spec.enabled()) {
            subscription.deactivate();
        } else if (switchable && (status != SubscriptionStatus.PENDING_VALIDATION || urlChanged)) {
            validation.activateOrValidate(subscription, now);
        }
        em.flush();
        requireRoomForSettings(tenantId, before, subscription.storedChars());
        return views.of(subscription);
    }

    /**
     * Refuses a subscription written with more settings than before ({@code before} and
     * {@code after} characters) when the tenant's subscriptions then hold more than
     * {@link #SETTINGS_OF_A_TENANT}; the caller's transaction rolls back. A write that does not grow
     * them passes, so a tenant past it (from before the bound) can always shrink.
     */
    private void requireRoomForSettings(String tenantId, long before, long after) {
        if (after <= before) {
            return;
        }
        Object[] weight = em.createQuery(SETTINGS_WEIGHED, Object[].class)
                .setParameter("tenant", tenantId)
                .getSingleResult();
        long held = ((Number) weight[0]).longValue() + ((Number) weight[1]).longValue() * ROW_CHARS;
        if (held > SETTINGS_OF_A_TENANT) {
            throw new ConflictException("This tenant's subscriptions would hold " + held / 1024
                    + " KiB of settings (each counted with 1 KiB for itself), more than the "
                    + SETTINGS_OF_A_TENANT / 1024 + " KiB a tenant's may: make headers or filters smaller,"
                    + " or delete subscriptions no longer used");
        }
    }

    public void delete(String tenantId, String id) {
        em.remove(find(tenantId, id));
    }

    /** Turns deliveries back on; an expired subscription is renewed for the default TTL. */
    public SubscriptionView activate(String tenantId, String id) {
        Subscription subscription = find(tenantId, id);
        if (subscription.status() == SubscriptionStatus.PENDING_VALIDATION) {
            throw new ConflictException("The subscription is pending_validation: its endpoint must confirm it first");
        }
        Instant now = Times.now();
        if (subscription.expiresAt() != null && !subscription.expiresAt().isAfter(now)) {
            subscription.expireAt(settings.defaultExpiry(now));
        }
        validation.activateOrValidate(subscription, now);
        subscription.clearFailures();
        subscription.touch(now);
        return views.of(subscription);
    }

    public SubscriptionView deactivate(String tenantId, String id) {
        Subscription subscription = find(tenantId, id);
        subscription.deactivate();
        subscription.touch(Times.now());
        return views.of(subscription);
    }

    /** Marks every subscription whose {@code expiresAt} has passed as expired. */
    public int expireDue(Instant now) {
        return em.createQuery("UPDATE Subscription s SET s.status = :expired, s.updatedAt = :now, "
                        + "s.version = s.version + 1 WHERE s.status IN :expirable AND s.expiresAt <= :now")
                .setParameter("expired", SubscriptionStatus.EXPIRED)
                .setParameter("expirable", EXPIRABLE)
                .setParameter("now", now)
                .executeUpdate();
    }

    private Subscription find(String tenantId, String id) {
        return TenantOwned.get(em, Subscription.class, "subscription", tenantId, id);
    }

    private void checkAgainstCatalogAndNetwork(String tenantId, SubscriptionSpec spec) {
        InputErrors errors = new InputErrors();
        for (int i = 0; i < spec.events().size(); i++) {
            int index = i;
            catalog.problemWithPattern(tenantId, spec.events().get(i))
                    .ifPresent(problem -> errors.add("events[" + index + "]", problem));
        }
        targetUrlPolicy
                .problemWithForm(spec.url())
                .or(() -> targetUrlPolicy.problemWithTarget(spec.url()))
                .ifPresent(problem -> errors.add("url", problem));
        errors.throwIfAny();
    }

    private void requireNameFree(String tenantId, String name, String exceptId) {
        if (name == null) {
            return;
        }
        boolean taken = em.createQuery(
                        "SELECT s.id FROM Subscription s WHERE s.tenantId = :tenant AND s.name = :name", String.class)
                .setParameter("tenant", tenantId)
                .setParameter("name", name)
                .getResultStream()
                .anyMatch(id -> !id.equals(exceptId));
        if (taken) {
            throw new ConflictException("A subscription named '" + name + "' already exists");
        }
    }
}

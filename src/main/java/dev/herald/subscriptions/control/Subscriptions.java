package dev.herald.subscriptions.control;

import static dev.herald.platform.crypto.SealedField.SUBSCRIPTION_CREDENTIALS;
import static dev.herald.platform.crypto.SealedField.SUBSCRIPTION_HEADERS;
import static dev.herald.platform.crypto.SealedField.SUBSCRIPTION_PREVIOUS_SECRET;
import static dev.herald.platform.crypto.SealedField.SUBSCRIPTION_SECRET;

import dev.herald.egress.TargetUrlPolicy;
import dev.herald.platform.Times;
import dev.herald.catalog.control.EventCatalog;
import dev.herald.platform.Ids;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.crypto.SecretBox;
import dev.herald.platform.json.Jsons;
import dev.herald.problems.ConflictException;
import dev.herald.problems.InputErrors;
import dev.herald.problems.NotFoundProblem;
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
import java.util.Map;

/** The subscription use cases. Every query is scoped to one tenant. */
@ApplicationScoped
@Transactional
public class Subscriptions {

    private static final EnumSet<SubscriptionStatus> EXPIRABLE = EnumSet.of(SubscriptionStatus.ACTIVE,
            SubscriptionStatus.INACTIVE, SubscriptionStatus.PENDING_VALIDATION);

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    LastAttempts lastAttempts;

    @Inject
    SecretBox secretBox;

    @Inject
    EventCatalog catalog;

    @Inject
    TargetUrlPolicy targetUrlPolicy;

    @Inject
    SubscriptionSettings settings;

    @Inject
    jakarta.enterprise.event.Event<ValidationRequested> validationRequests;

    /** A new subscription with the secret it signs with, which the creator sees this once. */
    public record Created(SubscriptionView subscription, String secret) {
    }

    public Created create(String tenantId, SubscriptionSpec spec, String chosenSecret) {
        checkAgainstCatalogAndNetwork(tenantId, spec);
        requireNameFree(tenantId, spec.name(), null);
        Instant now = Times.now();
        String secret = chosenSecret != null ? chosenSecret : SecretGenerator.newSecret();
        String id = Ids.next("wh");
        Subscription subscription = new Subscription(id, tenantId, secretBox.seal(secret, SUBSCRIPTION_SECRET, id),
                now);
        apply(spec, subscription, now);
        subscription.setStatus(SubscriptionStatus.INACTIVE);
        if (spec.enabled()) {
            activateOrValidate(subscription, now);
        }
        em.persist(subscription);
        // Constraint violations surface here, as a 409, rather than at commit.
        em.flush();
        lastAttempts.start(id);
        return new Created(view(subscription), secret);
    }

    public SubscriptionView get(String tenantId, String id) {
        return view(find(tenantId, id));
    }

    public Page<SubscriptionView> list(String tenantId, PageRequest request) {
        List<Subscription> items = em.createQuery(
                        "SELECT s FROM Subscription s WHERE s.tenantId = :tenant ORDER BY s.createdAt DESC, s.id DESC",
                        Subscription.class)
                .setParameter("tenant", tenantId)
                .setFirstResult(request.offset()).setMaxResults(request.pageSize())
                .getResultList();
        long total = em.createQuery("SELECT COUNT(s) FROM Subscription s WHERE s.tenantId = :tenant", Long.class)
                .setParameter("tenant", tenantId).getSingleResult();
        return new Page<>(views(items), request.page(), request.pageSize(), total);
    }

    /** The tenant's subscriptions that fail or were disabled for failing, most failures first. */
    public List<SubscriptionView> troubled(String tenantId, int limit) {
        return views(em.createQuery("SELECT s FROM Subscription s WHERE s.tenantId = :tenant"
                        + " AND (s.consecutiveFailures > 0 OR s.status = :disabled)"
                        + " ORDER BY s.consecutiveFailures DESC, s.id", Subscription.class)
                .setParameter("tenant", tenantId).setParameter("disabled", SubscriptionStatus.DISABLED)
                .setMaxResults(limit).getResultList());
    }

    /** The settings to read a PATCH onto. */
    public SubscriptionSpec currentSpec(String tenantId, String id) {
        return spec(find(tenantId, id));
    }

    /** Replaces the settings (PUT and PATCH alike, once the request is merged onto its base). */
    public SubscriptionView update(String tenantId, String id, SubscriptionSpec spec) {
        Subscription subscription = find(tenantId, id);
        checkAgainstCatalogAndNetwork(tenantId, spec);
        requireNameFree(tenantId, spec.name(), id);
        boolean urlChanged = !subscription.getUrl().equals(spec.url());
        Instant now = Times.now();
        apply(spec, subscription, now);
        SubscriptionStatus status = subscription.getStatus();
        boolean switchable = status == SubscriptionStatus.ACTIVE || status == SubscriptionStatus.INACTIVE
                || status == SubscriptionStatus.PENDING_VALIDATION;
        if (switchable && !spec.enabled()) {
            subscription.setStatus(SubscriptionStatus.INACTIVE);
        } else if (switchable && (status != SubscriptionStatus.PENDING_VALIDATION || urlChanged)) {
            activateOrValidate(subscription, now);
        }
        em.flush();
        return view(subscription);
    }

    public void delete(String tenantId, String id) {
        em.remove(find(tenantId, id));
    }

    /** Turns deliveries back on; an expired subscription is renewed for the default TTL. */
    public SubscriptionView activate(String tenantId, String id) {
        Subscription subscription = find(tenantId, id);
        if (subscription.getStatus() == SubscriptionStatus.PENDING_VALIDATION) {
            throw new ConflictException("The subscription is pending_validation: its endpoint must confirm it first");
        }
        Instant now = Times.now();
        if (subscription.getExpiresAt() != null && !subscription.getExpiresAt().isAfter(now)) {
            subscription.setExpiresAt(settings.defaultExpiry(now));
        }
        activateOrValidate(subscription, now);
        subscription.clearFailures();
        subscription.touch(now);
        return view(subscription);
    }

    public SubscriptionView deactivate(String tenantId, String id) {
        Subscription subscription = find(tenantId, id);
        subscription.setStatus(SubscriptionStatus.INACTIVE);
        subscription.touch(Times.now());
        return view(subscription);
    }

    /** The signing secret, and until when the previous one still signs beside it (null: none does). */
    public record Secret(String secret, Instant previousSecretExpiresAt) {
    }

    public Secret secret(String tenantId, String id) {
        Subscription subscription = find(tenantId, id);
        return new Secret(secretBox.open(subscription.getSecretSealed(), SUBSCRIPTION_SECRET, id),
                overlapEnd(subscription, Times.now()));
    }

    /**
     * Replaces the signing secret ({@code chosen}, or a generated one); the old secret keeps
     * signing beside it for the overlap, so receivers can switch without missing a delivery.
     */
    public Secret rotateSecret(String tenantId, String id, String chosen) {
        Subscription subscription = find(tenantId, id);
        Instant now = Times.now();
        String secret = chosen != null ? chosen : SecretGenerator.newSecret();
        subscription.rotateSecret(secretBox.seal(secret, SUBSCRIPTION_SECRET, id),
                now.plus(settings.rotationOverlap()));
        subscription.touch(now);
        return new Secret(secret, subscription.getPreviousSecretExpiresAt());
    }

    private static Instant overlapEnd(Subscription subscription, Instant now) {
        Instant end = subscription.getPreviousSecretExpiresAt();
        return end != null && end.isAfter(now) ? end : null;
    }

    /** How each active subscription of a tenant selects events: what a new event is matched against. */
    public List<SubscriptionRoute> activeRoutes(String tenantId) {
        return em.createQuery("SELECT s FROM Subscription s WHERE s.tenantId = :tenant AND s.status = :active",
                        Subscription.class)
                .setParameter("tenant", tenantId).setParameter("active", SubscriptionStatus.ACTIVE)
                .getResultStream()
                .map(s -> {
                    SubscriptionSpec.Options options = SubscriptionJson.options(s.getOptionsJson());
                    return new SubscriptionRoute(s.getId(), Jsons.strings(s.getEventsJson()),
                            SubscriptionJson.filters(s.getFiltersJson()), "subject".equals(s.getOrdering()),
                            options.oneTime(), options.sharingUpdates(),
                            SubscriptionJson.presentation(s.getPresentationJson()).dataBody());
                })
                .toList();
    }

    /** Everything needed to deliver to a subscription, or empty once it is deleted. */
    public java.util.Optional<DeliveryTarget> deliveryTarget(String subscriptionId) {
        Subscription s = em.find(Subscription.class, subscriptionId);
        if (s == null) {
            return java.util.Optional.empty();
        }
        String current = secretBox.open(s.getSecretSealed(), SUBSCRIPTION_SECRET, s.getId());
        List<String> secrets = overlapEnd(s, Times.now()) == null ? List.of(current)
                : List.of(current, secretBox.open(s.getPreviousSecretSealed(), SUBSCRIPTION_PREVIOUS_SECRET, s.getId()));
        return java.util.Optional.of(new DeliveryTarget(s.getId(), s.getTenantId(), s.getStatus(), spec(s), secrets,
                s.getConsecutiveFailures()));
    }

    /**
     * Turns a subscription on: at once when its endpoint already confirmed this URL (or
     * validation is off), otherwise it waits in {@code pending_validation} while the endpoint
     * is asked, by an OPTIONS handshake right after commit and a one-time link it may open.
     */
    private void activateOrValidate(Subscription subscription, Instant now) {
        if (!settings.validate() || subscription.isValidatedFor(subscription.getUrl())) {
            subscription.setStatus(SubscriptionStatus.ACTIVE);
            return;
        }
        String token = dev.herald.access.control.TokenCodec.newToken().substring("hrld_".length());
        subscription.requestValidation(dev.herald.access.control.TokenCodec.hash(token), now);
        validationRequests.fire(new ValidationRequested(subscription.getId(), subscription.getUrl(),
                settings.publicUrl().resolve("api/v1/subscription-validations/" + token).toString(),
                settings.origin(), subscription.getMethod()));
    }

    /** The handshake succeeded: activates the subscription if it still waits for that same URL. */
    public void confirmValidation(String subscriptionId, String url) {
        Subscription subscription = em.find(Subscription.class, subscriptionId);
        if (subscription != null && subscription.getStatus() == SubscriptionStatus.PENDING_VALIDATION
                && subscription.getUrl().equals(url)) {
            subscription.validated(Times.now());
        }
    }

    /** The endpoint's owner opened the one-time link: activates the subscription within the window. */
    public SubscriptionView confirmValidationByToken(String token) {
        Instant now = Times.now();
        Subscription subscription = em.createQuery("SELECT s FROM Subscription s WHERE s.validationTokenHash = :hash",
                        Subscription.class)
                .setParameter("hash", dev.herald.access.control.TokenCodec.hash(token))
                .getResultStream().findFirst()
                .filter(s -> s.getStatus() == SubscriptionStatus.PENDING_VALIDATION)
                .filter(s -> s.getValidationRequestedAt().plus(settings.validationWindow()).isAfter(now))
                .orElseThrow(() -> new NotFoundProblem("validation link", "(this link)"));
        subscription.validated(now);
        return view(subscription);
    }

    /** Deletes subscriptions whose endpoint did not confirm within the window. */
    public int deleteUnvalidated(Instant now) {
        return em.createQuery("DELETE FROM Subscription s WHERE s.status = :pending"
                        + " AND s.validationRequestedAt < :cutoff")
                .setParameter("pending", SubscriptionStatus.PENDING_VALIDATION)
                .setParameter("cutoff", now.minus(settings.validationWindow()))
                .executeUpdate();
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
        Subscription subscription = em.find(Subscription.class, id);
        if (subscription == null || !subscription.getTenantId().equals(tenantId)) {
            throw new NotFoundProblem("subscription", id);
        }
        return subscription;
    }

    private void checkAgainstCatalogAndNetwork(String tenantId, SubscriptionSpec spec) {
        InputErrors errors = new InputErrors();
        for (int i = 0; i < spec.events().size(); i++) {
            int index = i;
            catalog.problemWithPattern(tenantId, spec.events().get(i))
                    .ifPresent(problem -> errors.add("events[" + index + "]", problem));
        }
        targetUrlPolicy.problemWithForm(spec.url()).or(() -> targetUrlPolicy.problemWithTarget(spec.url()))
                .ifPresent(problem -> errors.add("url", problem));
        errors.throwIfAny();
    }

    private void requireNameFree(String tenantId, String name, String exceptId) {
        if (name == null) {
            return;
        }
        boolean taken = em.createQuery("SELECT s.id FROM Subscription s WHERE s.tenantId = :tenant AND s.name = :name",
                        String.class)
                .setParameter("tenant", tenantId).setParameter("name", name)
                .getResultStream().anyMatch(id -> !id.equals(exceptId));
        if (taken) {
            throw new ConflictException("A subscription named '" + name + "' already exists");
        }
    }

    private void apply(SubscriptionSpec spec, Subscription subscription, Instant now) {
        subscription.setName(spec.name());
        subscription.setUrl(spec.url());
        subscription.setEventsJson(Jsons.stringArray(spec.events()));
        subscription.setMethod(spec.method());
        subscription.setHeadersSealed(spec.headers().isEmpty() ? null
                : secretBox.seal(SubscriptionJson.map(spec.headers()), SUBSCRIPTION_HEADERS, subscription.getId()));
        subscription.setAuthType(spec.authType());
        subscription.setCredentialsSealed(spec.credentials().isEmpty() ? null
                : secretBox.seal(SubscriptionJson.map(spec.credentials()), SUBSCRIPTION_CREDENTIALS,
                        subscription.getId()));
        subscription.setFiltersJson(SubscriptionJson.filters(spec.filters()));
        subscription.setRetryPolicyJson(SubscriptionJson.retryPolicy(spec.retryPolicy()));
        subscription.setTimeoutMs(spec.timeoutMs());
        subscription.setOrdering(spec.ordering());
        subscription.setOptionsJson(SubscriptionJson.options(spec.options()));
        subscription.setPresentationJson(SubscriptionJson.presentation(spec.presentation()));
        subscription.setExpiresAt(spec.expiresAt() != null ? spec.expiresAt() : settings.defaultExpiry(now));
        subscription.touch(now);
    }

    private SubscriptionSpec spec(Subscription s) {
        Map<String, String> headers = s.getHeadersSealed() == null ? Map.of()
                : SubscriptionJson.map(secretBox.open(s.getHeadersSealed(), SUBSCRIPTION_HEADERS, s.getId()));
        Map<String, String> credentials = s.getCredentialsSealed() == null ? Map.of()
                : SubscriptionJson.map(secretBox.open(s.getCredentialsSealed(), SUBSCRIPTION_CREDENTIALS, s.getId()));
        return new SubscriptionSpec(s.getName(), s.getUrl(), Jsons.strings(s.getEventsJson()),
                s.getMethod(), headers, s.getAuthType(), credentials, SubscriptionJson.filters(s.getFiltersJson()),
                SubscriptionJson.retryPolicy(s.getRetryPolicyJson()), s.getTimeoutMs(),
                s.getStatus() != SubscriptionStatus.INACTIVE, s.getExpiresAt(), s.getOrdering(),
                SubscriptionJson.options(s.getOptionsJson()), SubscriptionJson.presentation(s.getPresentationJson()));
    }

    /** Views of several subscriptions, their last attempts read at once. */
    private List<SubscriptionView> views(List<Subscription> subscriptions) {
        Map<String, LastAttempts.LastAttempt> latest = lastAttempts.of(subscriptions.stream()
                .map(Subscription::getId).toList());
        return subscriptions.stream().map(s -> view(s, latest.get(s.getId()))).toList();
    }

    private SubscriptionView view(Subscription s) {
        return view(s, lastAttempts.of(List.of(s.getId())).get(s.getId()));
    }

    private SubscriptionView view(Subscription s, LastAttempts.LastAttempt lastAttempt) {
        return new SubscriptionView(s.getId(), spec(s), s.getStatus(), s.getCreatedAt(), s.getUpdatedAt(),
                s.getConsecutiveFailures(), s.getFailingSince(), s.getQuotaUsed(), s.getQuotaPeriodStart(),
                s.getStatus() == SubscriptionStatus.PENDING_VALIDATION && s.getValidationRequestedAt() != null
                        ? s.getValidationRequestedAt().plus(settings.validationWindow()) : null, lastAttempt);
    }
}

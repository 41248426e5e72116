package dev.herald.subscriptions.control;

import dev.herald.access.control.TokenCodec;
import dev.herald.events.control.HashChain;
import dev.herald.platform.Times;
import dev.herald.problems.NotFoundProblem;
import dev.herald.subscriptions.entity.Subscription;
import dev.herald.subscriptions.entity.SubscriptionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Endpoint validation: an endpoint confirms it wants a subscription's deliveries, by answering
 * the OPTIONS handshake or by its owner opening a one-time link, before any delivery is sent.
 */
@ApplicationScoped
@Transactional
public class SubscriptionValidation {

    /** A link's token: {@link TokenCodec#newToken()}'s 32 random bytes, base64url, without its prefix. */
    private static final Pattern LINK_TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    SubscriptionSettings settings;

    /** Where turning a subscription on is counted, for publishes that matched before it (HashChain). */
    @Inject
    HashChain chain;

    @Inject
    SubscriptionViews views;

    @Inject
    Event<ValidationRequested> validationRequests;

    /**
     * Turns a subscription on: at once when its endpoint already confirmed this URL (or
     * validation is off), otherwise it waits in {@code pending_validation} while the endpoint
     * is asked, by an OPTIONS handshake right after commit and a one-time link it may open.
     */
    void activateOrValidate(Subscription subscription, Instant now) {
        if (!settings.validate() || subscription.isValidatedFor(subscription.url())) {
            subscription.activate();
            chain.countSubscriptionTurnedOn(subscription.tenantId());
            return;
        }
        String token = TokenCodec.newToken().substring("hrld_".length());
        subscription.requestValidation(TokenCodec.hash(token), now);
        validationRequests.fire(new ValidationRequested(
                subscription.id(),
                subscription.tenantId(),
                subscription.url(),
                settings.publicUrl()
                        .resolve("api/v1/subscription-validations/" + token)
                        .toString(),
                settings.origin(),
                subscription.method()));
    }

    /** The handshake succeeded: activates the subscription if it still waits for that same URL. */
    public void confirm(String subscriptionId, String url) {
        Subscription subscription = em.find(Subscription.class, subscriptionId);
        if (subscription != null
                && subscription.status() == SubscriptionStatus.PENDING_VALIDATION
                && subscription.url().equals(url)) {
            subscription.validated(Times.now());
            chain.countSubscriptionTurnedOn(subscription.tenantId());
        }
    }

    /**
     * The tenant whose subscription waits for this one-time link, asked before the call is let in:
     * empty for a string that cannot be a link's token (not looked up) and for a token no
     * subscription waits for.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> tenantOfLink(String token) {
        if (!LINK_TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return em.createQuery("SELECT s.tenantId FROM Subscription s WHERE s.validationTokenHash = :hash", String.class)
                .setParameter("hash", TokenCodec.hash(token))
                .getResultStream()
                .findFirst();
    }

    /** The endpoint's owner opened the one-time link: activates the subscription within the window. */
    public SubscriptionView confirmByToken(String token) {
        Instant now = Times.now();
        Subscription subscription = em.createQuery(
                        "SELECT s FROM Subscription s WHERE s.validationTokenHash = :hash", Subscription.class)
                .setParameter("hash", TokenCodec.hash(token))
                .getResultStream()
                .findFirst()
                .filter(s -> s.status() == SubscriptionStatus.PENDING_VALIDATION)
                .filter(s -> s.validationRequestedAt()
                        .plus(settings.validationWindow())
                        .isAfter(now))
                .orElseThrow(() -> new NotFoundProblem("validation link", "(this link)"));
        subscription.validated(now);
        chain.countSubscriptionTurnedOn(subscription.tenantId());
        return views.of(subscription);
    }

    /** Deletes subscriptions whose endpoint did not confirm within the window. */
    public int deleteUnconfirmed(Instant now) {
        return em.createQuery("DELETE FROM Subscription s WHERE s.status = :pending"
                        + " AND s.validationRequestedAt < :cutoff")
                .setParameter("pending", SubscriptionStatus.PENDING_VALIDATION)
                .setParameter("cutoff", now.minus(settings.validationWindow()))
                .executeUpdate();
    }
}

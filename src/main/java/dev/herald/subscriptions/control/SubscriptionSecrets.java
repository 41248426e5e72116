package dev.herald.subscriptions.control;

import static dev.herald.platform.crypto.SealedField.SUBSCRIPTION_PREVIOUS_SECRET;
import static dev.herald.platform.crypto.SealedField.SUBSCRIPTION_SECRET;

import dev.herald.platform.TenantOwned;
import dev.herald.platform.Times;
import dev.herald.platform.crypto.SecretBox;
import dev.herald.subscriptions.entity.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** A subscription's signing secrets: reading, rotating with an overlap, and the ones a delivery signs with. */
@ApplicationScoped
@Transactional
public class SubscriptionSecrets {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    SecretBox secretBox;

    @Inject
    SubscriptionSettings settings;

    /** The signing secret, and until when the previous one still signs beside it (null: none does). */
    public record Secret(String secret, Instant previousSecretExpiresAt) {}

    public Secret secret(String tenantId, String id) {
        Subscription subscription = TenantOwned.get(em, Subscription.class, "subscription", tenantId, id);
        return new Secret(
                secretBox.open(subscription.secretSealed(), SUBSCRIPTION_SECRET, id),
                overlapEnd(subscription.previousSecretExpiresAt(), Times.now()));
    }

    /**
     * Replaces the signing secret ({@code chosen}, or a generated one); the old secret keeps
     * signing beside it for the overlap, so receivers can switch without missing a delivery.
     */
    public Secret rotate(String tenantId, String id, String chosen) {
        Subscription subscription = TenantOwned.get(em, Subscription.class, "subscription", tenantId, id);
        Instant now = Times.now();
        String secret = chosen != null ? chosen : SecretGenerator.newSecret();
        subscription.rotateSecret(
                secretBox.seal(secret, SUBSCRIPTION_SECRET, id), now.plus(settings.rotationOverlap()));
        subscription.touch(now);
        return new Secret(secret, subscription.previousSecretExpiresAt());
    }

    /** A subscription's signing secrets as stored: what a delivery's read of it takes, opened only if it matched. */
    record Sealed(String current, String previous, Instant previousExpiresAt) {}

    /** The secrets a delivery signs with now: the current one, and the previous one during its overlap. */
    List<String> signingSecrets(String subscriptionId, Sealed sealed) {
        String current = secretBox.open(sealed.current(), SUBSCRIPTION_SECRET, subscriptionId);
        return overlapEnd(sealed.previousExpiresAt(), Times.now()) == null
                ? List.of(current)
                : List.of(current, secretBox.open(sealed.previous(), SUBSCRIPTION_PREVIOUS_SECRET, subscriptionId));
    }

    private static Instant overlapEnd(Instant end, Instant now) {
        return end != null && end.isAfter(now) ? end : null;
    }
}

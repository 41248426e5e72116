package dev.herald.subscriptions.control;

import static dev.herald.platform.crypto.SealedField.SUBSCRIPTION_EARLIER_SECRET;
import static dev.herald.platform.crypto.SealedField.SUBSCRIPTION_PREVIOUS_SECRET;
import static dev.herald.platform.crypto.SealedField.SUBSCRIPTION_SECRET;

import dev.herald.platform.TenantOwned;
import dev.herald.platform.Times;
import dev.herald.platform.crypto.SecretBox;
import dev.herald.problems.ConflictException;
import dev.herald.subscriptions.entity.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
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
        Instant earlierSignsUntil = overlapEnd(subscription.earlierSecretExpiresAt(), now);
        if (earlierSignsUntil != null) {
            // A fourth would sign beside three, or one promised its overlap would stop at once.
            throw new ConflictException("Subscription " + id + " already has two earlier secrets signing beside"
                    + " its current one, the older until " + earlierSignsUntil + "; rotate again after that");
        }
        String secret = chosen != null ? chosen : SecretGenerator.newSecret();
        subscription.rotateSecret(
                secretBox.seal(secret, SUBSCRIPTION_SECRET, id), now, now.plus(settings.rotationOverlap()));
        subscription.touch(now);
        return new Secret(secret, subscription.previousSecretExpiresAt());
    }

    /** A subscription's signing secrets as stored: what a delivery's read of it takes, opened only if it matched. */
    record Sealed(
            String current, String previous, Instant previousExpiresAt, String earlier, Instant earlierExpiresAt) {}

    /**
     * The secrets a delivery signs with now, newest first: the current one, and each earlier one
     * during its overlap.
     */
    List<String> signingSecrets(String subscriptionId, Sealed sealed) {
        Instant now = Times.now();
        List<String> signing = new ArrayList<>(3);
        signing.add(secretBox.open(sealed.current(), SUBSCRIPTION_SECRET, subscriptionId));
        if (overlapEnd(sealed.previousExpiresAt(), now) != null) {
            signing.add(secretBox.open(sealed.previous(), SUBSCRIPTION_PREVIOUS_SECRET, subscriptionId));
        }
        if (overlapEnd(sealed.earlierExpiresAt(), now) != null) {
            signing.add(secretBox.open(sealed.earlier(), SUBSCRIPTION_EARLIER_SECRET, subscriptionId));
        }
        return List.copyOf(signing);
    }

    private static Instant overlapEnd(Instant end, Instant now) {
        return end != null && end.isAfter(now) ? end : null;
    }
}

package dev.herald.delivery.control;

import dev.herald.catalog.control.EventCatalog;
import java.util.Optional;

/**
 * Why a subscription's options keep an event from it, if they do: {@code oneTime} (a subject's
 * first event only) and {@code sharingUpdates} (a subject's updates only once it was shared).
 * At fan-out and at backfill alike: a backfill sent a oneTime subscription every event of a
 * subject, and updates of subjects never shared with it.
 */
final class SuppressedByOptions {

    private final DeliveryLedger ledger;
    private final String shareType;

    private SuppressedByOptions(DeliveryLedger ledger, String shareType) {
        this.ledger = ledger;
        this.shareType = shareType;
    }

    /**
     * For one event: its type's share type ({@code incident.shared} for {@code incident.updated})
     * is looked up in the tenant's catalog only if a subscription that may take it shares updates.
     * (An update of a category that is never shared, such as {@code policy.updated}, is not held.)
     */
    static SuppressedByOptions of(
            DeliveryLedger ledger, EventCatalog catalog, String tenantId, String eventType, boolean anySharing) {
        String shareType = SharingUpdates.waitsForShare(eventType)
                        && anySharing
                        && catalog.isKnown(tenantId, SharingUpdates.shareOf(eventType))
                ? SharingUpdates.shareOf(eventType)
                : null;
        return new SuppressedByOptions(ledger, shareType);
    }

    /** Why the subscription does not take the event of {@code subject}, if it does not. */
    Optional<String> why(String subscriptionId, boolean oneTime, boolean sharingUpdates, String subject) {
        if (oneTime && subject != null && ledger.hasDelivered(subscriptionId, subject)) {
            return Optional.of(
                    "oneTime: the first event of subject '" + subject + "' was already delivered; later ones are not");
        }
        if (sharingUpdates && shareType != null && !ledger.hasShared(subscriptionId, subject, shareType)) {
            return Optional.of("sharingUpdates: subject '" + subject + "' was not shared with this"
                    + " subscription (no " + shareType + " of it), so its updates are not either");
        }
        return Optional.empty();
    }
}

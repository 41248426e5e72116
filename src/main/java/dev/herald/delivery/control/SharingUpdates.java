package dev.herald.delivery.control;

/**
 * BigPanda's "sharing updates": a subscription with {@code options.sharingUpdates} takes a
 * subject's {@code <category>.updated} events only once it got that subject's
 * {@code <category>.shared} event, where the tenant's catalog has such a type (an update of a
 * category that is never shared, such as {@code policy.updated}, is not held). An update
 * without a subject is about nothing shared: it is suppressed.
 */
final class SharingUpdates {

    private static final String UPDATED = ".updated";
    private static final String SHARED = ".shared";

    private SharingUpdates() {}

    static boolean waitsForShare(String eventType) {
        return eventType.endsWith(UPDATED);
    }

    /** {@code incident.updated} → {@code incident.shared}. */
    static String shareOf(String updateType) {
        return updateType.substring(0, updateType.length() - UPDATED.length()) + SHARED;
    }
}

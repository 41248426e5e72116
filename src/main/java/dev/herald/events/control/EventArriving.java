package dev.herald.events.control;

import jakarta.json.JsonObject;

/**
 * An event about to be chained, fired in the recording transaction before the tenant's chain
 * head is locked: work that only needs the event's content (matching it against
 * subscriptions) happens here, so that it never holds up the tenant's other appends.
 * {@link RecordedEvent} follows once the event has its place, time and hash.
 */
public record EventArriving(String id, String tenantId, String type, String subject, JsonObject data) {}

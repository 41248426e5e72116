package dev.herald.events.control;

import jakarta.json.JsonObject;

/**
 * The CDI event a feature fires, inside the transaction of its change, to add a fact to
 * the tenant's history; {@link EventLog} records it and schedules its deliveries in that
 * same transaction, so the change and its event commit together or not at all.
 *
 * @param subject        what the event is about (e.g. a release id); orders and groups events; may be null
 * @param idempotencyKey a client's key; the same key within 24 hours records nothing new; may be null
 */
public record RaisedEvent(String tenantId, String type, String subject, JsonObject data, String idempotencyKey) {}

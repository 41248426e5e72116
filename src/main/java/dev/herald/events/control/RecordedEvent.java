package dev.herald.events.control;

import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * An event as recorded in the history. Observed synchronously (in the recording
 * transaction) by the delivery feature, which schedules its deliveries.
 *
 * @param data     its data; {@code null} for a replay read without it ({@link EventLog#dataText} reads it)
 * @param replayed true when an idempotency key returned an earlier event instead of a new one
 * @param fanOut   whether subscriptions get it (false for a test delivery's event, which goes to one only)
 */
public record RecordedEvent(
        String id,
        String tenantId,
        String type,
        String subject,
        JsonObject data,
        Instant createdAt,
        long sequence,
        boolean replayed,
        boolean fanOut) {}

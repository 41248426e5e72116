package dev.herald.governance.release.boundary;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * A release's story, oldest first: its own events and those of its approvals and artifacts.
 * {@code prunedThrough}, once the tenant's oldest events were pruned, says that events
 * recorded up to then are no longer in it.
 */
public record TimelineOut(List<Entry> items, Instant prunedThrough) {

    /** One event of the timeline. */
    public record Entry(String eventId, String type, Instant timestamp, JsonObject data) {}
}

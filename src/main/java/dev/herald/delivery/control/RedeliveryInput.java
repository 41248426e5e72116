package dev.herald.delivery.control;

import dev.herald.delivery.entity.DeliveryStatus;
import dev.herald.platform.json.JsonFields;
import dev.herald.problems.InputErrors;
import dev.herald.subscriptions.control.SubscriptionInput;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reads a replay or a backfill request, checked: the API's body and the console's form (built
 * into the same JSON) are read by this one rule, with its messages.
 */
public final class RedeliveryInput {

    private static final String SINCE = "an ISO-8601 UTC time such as 2026-01-15T10:30:00Z";
    /** What a replay may pick: every status a delivery ends in (a pending one is still under way). */
    public static final List<String> REPLAYABLE_STATUSES = List.of("failed", "succeeded", "suppressed");

    private RedeliveryInput() {}

    /** Redeliver the deliveries created since a time that ended in a status (failed unless said). */
    public record Replay(Instant since, DeliveryStatus status) {}

    /** Deliver the events of some types (all when null) recorded since a time. */
    public record BackfillRequest(Instant since, List<String> types) {}

    public static Replay replay(JsonObject body) {
        InputErrors errors = new InputErrors();
        JsonFields fields = JsonFields.of(body, errors).allowOnly(Set.of("since", "status"));
        fields.require("since", SINCE);
        Instant since = fields.instant("since");
        String statusText = fields.string("status");
        DeliveryStatus status = statusText == null
                ? DeliveryStatus.FAILED
                : !REPLAYABLE_STATUSES.contains(statusText)
                        ? null
                        : Arrays.stream(DeliveryStatus.values())
                                .filter(s -> s.wireName().equals(statusText))
                                .findFirst()
                                .orElseThrow();
        if (status == null) {
            errors.add(
                    "status",
                    "must be one of " + String.join(", ", REPLAYABLE_STATUSES) + ", not '" + statusText + "'");
        }
        errors.throwIfAny();
        return new Replay(since, status);
    }

    public static BackfillRequest backfill(JsonObject body) {
        InputErrors errors = new InputErrors();
        JsonFields fields = JsonFields.of(body, errors).allowOnly(Set.of("since", "types"));
        fields.require("since", SINCE);
        Instant since = fields.instant("since");
        List<String> types = fields.strings("types");
        if (types != null && types.isEmpty()) {
            errors.add("types", "must name at least one type or pattern, or be left out");
        } else if (types != null) {
            SubscriptionInput.checkPatterns("types", types, errors);
        }
        errors.throwIfAny();
        return new BackfillRequest(since, types);
    }
}

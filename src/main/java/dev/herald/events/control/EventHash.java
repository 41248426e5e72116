package dev.herald.events.control;

import dev.herald.platform.crypto.Digests;
import dev.herald.platform.json.CanonicalJson;
import dev.herald.platform.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/**
 * How an event of the history is hashed (docs/audit.md explains it to auditors): SHA-256, in
 * lower-case hex, over the RFC 8785 canonical form of the event's exported line without its
 * {@code hash} member, that is of {@code {data, id, prevHash, sequence, subject, tenantId,
 * timestamp, type}}. Since {@code prevHash} is inside what is hashed, each hash seals the
 * whole history before it.
 */
public final class EventHash {

    private EventHash() {}

    /** The exported line of an event without its own hash: exactly what its hash covers. */
    public static JsonObjectBuilder content(
            long sequence,
            String id,
            String tenantId,
            String type,
            String subject,
            Instant timestamp,
            JsonObject data,
            String prevHash) {
        JsonObjectBuilder line = Jsons.object()
                .add("sequence", sequence)
                .add("id", id)
                .add("tenantId", tenantId)
                .add("type", type);
        if (subject == null) {
            line.addNull("subject");
        } else {
            line.add("subject", subject);
        }
        return line.add("timestamp", timestamp.toString()).add("data", data).add("prevHash", prevHash);
    }

    public static String of(JsonObject content) {
        return Digests.sha256Hex(CanonicalJson.of(content));
    }
}

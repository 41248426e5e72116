package dev.herald.inbound.boundary;

import dev.herald.inbound.control.ReleaseTrigger;
import dev.herald.inbound.entity.Component;
import dev.herald.inbound.entity.ComponentVersion;
import java.time.Instant;
import java.util.List;

/** A component as clients see it: the repository, the product it builds, its release triggers. */
public record ComponentOut(
        String id, String name, String repository, String productId, List<ReleaseTrigger> triggers, Instant createdAt) {

    static ComponentOut of(Component component) {
        return new ComponentOut(
                component.id(),
                component.name(),
                component.repository(),
                component.productId(),
                ReleaseTrigger.fromJson(component.triggersJson()),
                component.createdAt());
    }

    /** One recorded version, with the receipt that recorded it and the release it became, if any. */
    public record VersionOut(
            String id,
            String version,
            String tag,
            String digest,
            String commit,
            String receiptId,
            String releaseId,
            Instant createdAt) {

        static VersionOut of(ComponentVersion version) {
            return new VersionOut(
                    version.id(),
                    version.version(),
                    version.tag(),
                    version.digest(),
                    version.commitSha(),
                    version.receiptId(),
                    version.releaseId(),
                    version.createdAt());
        }
    }
}

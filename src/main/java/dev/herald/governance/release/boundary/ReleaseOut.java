package dev.herald.governance.release.boundary;

import dev.herald.governance.artifact.boundary.ArtifactOut;
import dev.herald.governance.release.entity.Release;
import java.time.Instant;
import java.util.List;

/** A release as clients see it, with its artifacts. */
public record ReleaseOut(
        String id,
        String productId,
        String version,
        String channel,
        String status,
        List<ArtifactOut> artifacts,
        Instant publishedAt,
        Instant createdAt,
        Instant updatedAt) {

    static ReleaseOut of(Release release, List<ArtifactOut> artifacts) {
        return new ReleaseOut(
                release.id(),
                release.productId(),
                release.version(),
                release.channel(),
                release.status().wireName(),
                artifacts,
                release.publishedAt(),
                release.createdAt(),
                release.updatedAt());
    }
}

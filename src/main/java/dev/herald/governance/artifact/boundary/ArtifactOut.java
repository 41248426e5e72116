package dev.herald.governance.artifact.boundary;

import dev.herald.governance.artifact.entity.Artifact;
import java.time.Instant;

/** An artifact as clients see it; {@code status} is registered or verified. */
public record ArtifactOut(
        String id,
        String releaseId,
        String name,
        String digest,
        String platform,
        String arch,
        String status,
        Instant verifiedAt,
        Instant createdAt) {

    public static ArtifactOut of(Artifact artifact) {
        return new ArtifactOut(
                artifact.id(),
                artifact.releaseId(),
                artifact.name(),
                artifact.digest(),
                artifact.platform(),
                artifact.arch(),
                artifact.status(),
                artifact.verifiedAt(),
                artifact.createdAt());
    }
}

package dev.herald.governance.artifact.control;

import dev.herald.governance.EventData;
import dev.herald.governance.GovernanceEvents;
import dev.herald.governance.artifact.entity.Artifact;
import dev.herald.platform.Ids;
import dev.herald.platform.Listing;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.TenantOwned;
import dev.herald.platform.Times;
import dev.herald.problems.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Registering and verifying artifacts, each change with its event. */
@ApplicationScoped
@Transactional
public class Artifacts {

    /**
     * The most artifacts a release holds: its event lists them, its answers carry them, and its
     * timeline reads the events of each.
     */
    public static final int MOST_OF_A_RELEASE = 100;

    /** What an artifact read whole weighs besides its text columns, in characters: ids, times, the object. */
    private static final int ROW_CHARS = 200;

    private static final String OF_RELEASES =
            " FROM Artifact a WHERE a.tenantId = :tenant AND a.releaseId IN :releases";

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    GovernanceEvents events;

    @Inject
    ArtifactReleases releases;

    /** What a client says of a new artifact; the release it belongs to has been checked by the caller. */
    public record ArtifactSpec(String name, String digest, String platform, String arch) {

        /** An OCI content digest: algorithm, colon, hex of at least 128 bits (sha256:3f5a…). */
        private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,128}");

        /** Whether {@code digest} names content the way every artifact's digest must. */
        public static boolean isContentDigest(String digest) {
            return DIGEST.matcher(digest).matches();
        }
    }

    /**
     * Registers an artifact on its own, or into a release that is a draft or rejected (what an
     * approval is asked for, and a published release, is fixed).
     */
    public Artifact register(String tenantId, String releaseId, ArtifactSpec spec) {
        if (releaseId != null) {
            releases.lockTakingArtifacts(tenantId, releaseId);
            // Exact: two registrations into one release at once fail one of them at its commit.
            if (TenantOwned.count(em, Artifact.class, tenantId, "releaseId", releaseId) >= MOST_OF_A_RELEASE) {
                throw new ConflictException("Release " + releaseId + " already holds " + MOST_OF_A_RELEASE
                        + " artifacts, the most a release may; register this one with a new release");
            }
        }
        return register(tenantId, Ids.next("art"), releaseId, spec);
    }

    /** Registers an artifact under an id the caller chose (a release lists its artifacts' ids in its own event). */
    public Artifact register(String tenantId, String id, String releaseId, ArtifactSpec spec) {
        Artifact artifact = new Artifact(
                id, tenantId, releaseId, spec.name(), spec.digest(), spec.platform(), spec.arch(), Times.now());
        em.persist(artifact);
        em.flush();
        events.raise(
                tenantId,
                "artifact.registered",
                artifact.id(),
                EventData.of("artifact_id", artifact.id())
                        .put("release_id", artifact.releaseId())
                        .put("name", artifact.name())
                        .put("digest", artifact.digest())
                        .put("platform", artifact.platform())
                        .put("arch", artifact.arch()));
        return artifact;
    }

    public Artifact verify(String tenantId, String id) {
        Artifact artifact = get(tenantId, id);
        artifact.verify(Times.now());
        events.raise(
                tenantId,
                "artifact.verified",
                artifact.id(),
                EventData.of("artifact_id", artifact.id())
                        .put("release_id", artifact.releaseId())
                        .put("digest", artifact.digest())
                        .put("verified_at", artifact.verifiedAt()));
        return artifact;
    }

    public Artifact get(String tenantId, String id) {
        return TenantOwned.get(em, Artifact.class, "artifact", tenantId, id);
    }

    /** A release's artifacts in the order they were registered. */
    public List<Artifact> ofRelease(String tenantId, String releaseId) {
        return em.createQuery(
                        "SELECT a FROM Artifact a WHERE a.tenantId = :tenant AND a.releaseId = :release"
                                + " ORDER BY a.createdAt, a.id",
                        Artifact.class)
                .setParameter("tenant", tenantId)
                .setParameter("release", releaseId)
                .getResultList();
    }

    /**
     * The artifacts of a page of releases, by release, in one query: weighed against the caller's
     * room before they are loaded, since a page of 200 releases of 100 artifacts each is 20,000
     * rows of up to about 660 characters.
     */
    public Map<String, List<Artifact>> ofReleases(String tenantId, List<String> releaseIds, ReadRoom room) {
        if (releaseIds.isEmpty()) {
            return Map.of();
        }
        List<Number> weights = em.createQuery(
                        "SELECT SUM(LENGTH(a.name) + LENGTH(a.digest) + COALESCE(LENGTH(a.platform), 0)"
                                + " + COALESCE(LENGTH(a.arch), 0) + " + ROW_CHARS + ")" + OF_RELEASES
                                + " GROUP BY a.releaseId",
                        Number.class)
                .setParameter("tenant", tenantId)
                .setParameter("releases", releaseIds)
                .getResultList();
        long chars = weights.stream().mapToLong(Number::longValue).sum();
        long largest = weights.stream().mapToLong(Number::longValue).max().orElse(0);
        room.take(chars, most -> Listing.Bulk.tooLarge("releases' artifacts", chars, largest, most));
        return em.createQuery("SELECT a" + OF_RELEASES + " ORDER BY a.createdAt, a.id", Artifact.class)
                .setParameter("tenant", tenantId)
                .setParameter("releases", releaseIds)
                .getResultStream()
                .collect(Collectors.groupingBy(Artifact::releaseId, LinkedHashMap::new, Collectors.toList()));
    }

    public Page<Artifact> list(String tenantId, String releaseId, PageRequest request) {
        return Listing.page(em, Artifact.class, tenantId, Collections.singletonMap("releaseId", releaseId), request);
    }
}

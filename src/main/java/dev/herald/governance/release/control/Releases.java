package dev.herald.governance.release.control;

import dev.herald.governance.EventData;
import dev.herald.governance.GovernanceEvents;
import dev.herald.governance.artifact.control.Artifacts;
import dev.herald.governance.artifact.control.Artifacts.ArtifactSpec;
import dev.herald.governance.policy.control.Policies;
import dev.herald.governance.release.entity.Release;
import dev.herald.governance.release.entity.ReleaseStatus;
import dev.herald.platform.Ids;
import dev.herald.platform.Listing;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.TenantOwned;
import dev.herald.platform.Times;
import dev.herald.platform.json.Jsons;
import dev.herald.problems.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Creating and publishing releases; approvals move them in between (see Approvals). */
@ApplicationScoped
@Transactional
public class Releases {

    /** The event a new release raises: a component's release triggers raise it too. */
    public static final String CREATED = "release.created";

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    GovernanceEvents events;

    @Inject
    Artifacts artifacts;

    @Inject
    Policies policies;

    /** What a new release is: a version of a product for a channel, with the artifacts it ships. */
    public record ReleaseSpec(String productId, String version, String channel, List<ArtifactSpec> artifacts) {}

    /**
     * A draft release and its artifacts: {@code release.created} (listing the artifacts) and an
     * {@code artifact.registered} for each, in one transaction.
     */
    public Release create(String tenantId, String actor, ReleaseSpec spec) {
        idOfVersion(tenantId, spec.productId(), spec.version()).ifPresent(existing -> {
            throw new ConflictException("Version " + spec.version() + " of product " + spec.productId() + " is release "
                    + existing + " already");
        });
        Release release =
                new Release(Ids.next("rel"), tenantId, spec.productId(), spec.version(), spec.channel(), Times.now());
        em.persist(release);
        em.flush();
        List<String> artifactIds = new ArrayList<>();
        JsonArrayBuilder listed = Jsons.array();
        for (ArtifactSpec artifact : spec.artifacts()) {
            String id = Ids.next("art");
            artifactIds.add(id);
            var item = Jsons.object().add("artifact_id", id);
            if (artifact.platform() != null) {
                item.add("platform", artifact.platform());
            }
            if (artifact.arch() != null) {
                item.add("arch", artifact.arch());
            }
            listed.add(item);
        }
        events.raise(
                tenantId,
                CREATED,
                release.id(),
                describe(release).put("artifacts", listed.build()).put("created_by", actor));
        for (int i = 0; i < artifactIds.size(); i++) {
            artifacts.register(
                    tenantId, artifactIds.get(i), release.id(), spec.artifacts().get(i));
        }
        return release;
    }

    /** The id of the tenant's release of that version of the product, if it has one (a product's versions are unique). */
    public Optional<String> idOfVersion(String tenantId, String productId, String version) {
        return TenantOwned.idWhere(em, Release.class, tenantId, Map.of("productId", productId, "version", version));
    }

    /** Publishes; with four eyes, not by the actor who approved it. */
    public Release publish(String tenantId, String actor, String id) {
        Release release = get(tenantId, id);
        String approver = release.approver();
        if (approver != null) {
            policies.requireOtherActor(
                    tenantId,
                    actor,
                    approver,
                    "release " + id + " was approved by '" + approver + "', so another actor must publish it");
        }
        release.publish(policies.approvalRequired(tenantId), Times.now());
        events.raise(
                tenantId,
                "release.published",
                release.id(),
                describe(release).put("published_at", release.publishedAt()).put("published_by", actor));
        return release;
    }

    public Release get(String tenantId, String id) {
        return TenantOwned.get(em, Release.class, "release", tenantId, id);
    }

    public Optional<Release> find(String tenantId, String id) {
        return TenantOwned.find(em, Release.class, tenantId, id);
    }

    /** Criteria of the release listing; null fields do not restrict. */
    public record Query(String productId, ReleaseStatus status) {}

    public Page<Release> list(String tenantId, Query query, PageRequest request) {
        Map<String, Object> criteria = new LinkedHashMap<>();
        criteria.put("productId", query.productId());
        criteria.put("status", query.status());
        return Listing.page(em, Release.class, tenantId, criteria, request);
    }

    private static EventData describe(Release release) {
        return EventData.of("release_id", release.id())
                .put("product_id", release.productId())
                .put("version", release.version())
                .put("channel", release.channel());
    }
}

package dev.herald.governance.release.control;

import dev.herald.governance.artifact.control.ArtifactReleases;
import dev.herald.governance.release.entity.Release;
import dev.herald.platform.TenantOwned;
import dev.herald.problems.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** The release side of registering an artifact into a release: only a draft or a rejected release takes new artifacts. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ReleasesOfArtifacts implements ArtifactReleases {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Override
    public void lockTakingArtifacts(String tenantId, String releaseId) {
        Release release = TenantOwned.find(em, Release.class, tenantId, releaseId)
                .orElseThrow(
                        () -> InvalidInputException.of("releaseId", "names no release of this tenant: " + releaseId));
        release.checkTakesArtifacts();
        // An approval request or a publish committing meanwhile changes the release's version: one of the two fails.
        em.lock(release, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
    }
}

package dev.herald.governance.artifact.control;

/**
 * The release an artifact is registered into, as the release feature knows it. Defined here
 * and implemented by the release feature, so that releases (which register their own
 * artifacts) depend on artifacts and not the other way round.
 */
public interface ArtifactReleases {

    /**
     * Checks that the release exists for the tenant and still takes artifacts (a draft, or
     * rejected and being reworked), and locks it so that an approval request or a publish
     * committing meanwhile fails one of the two.
     *
     * @throws dev.herald.problems.InvalidInputException if the tenant has no such release
     * @throws dev.herald.problems.ConflictException if the release awaits or has its approval, or is published
     */
    void lockTakingArtifacts(String tenantId, String releaseId);
}

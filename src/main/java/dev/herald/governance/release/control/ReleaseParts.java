package dev.herald.governance.release.control;

import java.util.List;

/**
 * Records of a feature built on releases (approvals) that belong to one release, so that its
 * timeline shows their events too. Implemented by that feature, which depends on releases;
 * releases do not depend on it.
 */
public interface ReleaseParts {

    /** The ids of the records of the release, the subjects of their events. */
    List<String> idsOfRelease(String tenantId, String releaseId);
}

package dev.herald.governance.release.entity;

/** Where a release stands: draft → pending_approval → approved|rejected, and finally published. */
public enum ReleaseStatus {
    DRAFT,
    PENDING_APPROVAL,
    APPROVED,
    REJECTED,
    PUBLISHED;

    public String wireName() {
        return name().toLowerCase();
    }
}

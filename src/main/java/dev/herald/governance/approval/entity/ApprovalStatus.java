package dev.herald.governance.approval.entity;

/** An approval is pending until it is decided (approved or rejected) or expires undecided. */
public enum ApprovalStatus {
    PENDING,
    APPROVED,
    REJECTED,
    EXPIRED;

    public String wireName() {
        return name().toLowerCase();
    }
}

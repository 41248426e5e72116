package dev.herald.governance.policy.boundary;

import dev.herald.governance.policy.entity.Policy;
import java.time.Instant;

/** A policy as clients see it. */
public record PolicyOut(String id, String name, Rules rules, Instant createdAt, Instant updatedAt) {

    /** What the policy decides: whether publishing a release needs an approval, and a second actor. */
    public record Rules(boolean requireApproval, boolean separationOfDuties) {}

    static PolicyOut of(Policy policy) {
        return new PolicyOut(
                policy.id(),
                policy.name(),
                new Rules(policy.requireApproval(), policy.separationOfDuties()),
                policy.createdAt(),
                policy.updatedAt());
    }
}

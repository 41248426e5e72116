package dev.herald.governance;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The governance features' settings (approvals, their expiry and licenses'), checked when first used. */
@ApplicationScoped
public class GovernanceSettings {

    @Inject
    @ConfigProperty(name = "herald.approval.default-ttl", defaultValue = "P7D")
    Duration approvalDefaultTtl;

    @Inject
    @ConfigProperty(name = "herald.governance.expiry-check-interval", defaultValue = "PT30S")
    Duration expiryCheckInterval;

    @PostConstruct
    void check() {
        requirePositive("herald.approval.default-ttl", approvalDefaultTtl);
        requirePositive("herald.governance.expiry-check-interval", expiryCheckInterval);
    }

    /** How long an approval requested without {@code expiresAt} waits for its decision. */
    public Duration approvalDefaultTtl() {
        return approvalDefaultTtl;
    }

    /** How often approvals and licenses whose time has come are expired. */
    public Duration expiryCheckInterval() {
        return expiryCheckInterval;
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalStateException(name + " must be a positive duration, not " + value);
        }
    }
}

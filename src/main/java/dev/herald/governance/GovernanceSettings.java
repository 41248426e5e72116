package dev.herald.governance;

import dev.herald.platform.SettingChecks;
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
        SettingChecks.positive("herald.approval.default-ttl", approvalDefaultTtl);
        SettingChecks.positive("herald.governance.expiry-check-interval", expiryCheckInterval);
    }

    /** How long an approval requested without {@code expiresAt} waits for its decision. */
    public Duration approvalDefaultTtl() {
        return approvalDefaultTtl;
    }

    /** How often approvals and licenses whose time has come are expired. */
    public Duration expiryCheckInterval() {
        return expiryCheckInterval;
    }
}

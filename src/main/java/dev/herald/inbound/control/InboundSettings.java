package dev.herald.inbound.control;

import dev.herald.platform.SettingChecks;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The inbound feature's settings, checked when first used. */
@ApplicationScoped
public class InboundSettings {

    @Inject
    @ConfigProperty(name = "herald.inbound.upkeep-interval", defaultValue = "PT30S")
    Duration upkeepInterval;

    @Inject
    @ConfigProperty(name = "herald.inbound.stuck-after", defaultValue = "PT1M")
    Duration stuckAfter;

    @Inject
    @ConfigProperty(name = "herald.inbound.body-retention", defaultValue = "P7D")
    Duration bodyRetention;

    @PostConstruct
    void check() {
        SettingChecks.positive("herald.inbound.upkeep-interval", upkeepInterval);
        SettingChecks.positive("herald.inbound.stuck-after", stuckAfter);
        SettingChecks.positive("herald.inbound.body-retention", bodyRetention);
    }

    /** How often receipts left behind are taken up again and old bodies forgotten. */
    public Duration upkeepInterval() {
        return upkeepInterval;
    }

    /** How long an accepted receipt may wait for its processing before upkeep takes it up again. */
    public Duration stuckAfter() {
        return stuckAfter;
    }

    /** How long a receipt keeps the body it was sent with. */
    public Duration bodyRetention() {
        return bodyRetention;
    }
}

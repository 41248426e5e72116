package dev.herald.delivery.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * When the delivery pump last ticked. Its timer is the only thing that picks up retries and
 * what a crash left behind; a timer that stopped (a container fault) would leave them waiting
 * for ever while everything else looks well, so liveness watches it.
 */
@ApplicationScoped
public class PumpHeartbeat {

    /** Silent this many poll intervals (and at least {@link #LEAST_SILENCE}) counts as stopped. */
    private static final int MISSED_TICKS = 10;

    private static final Duration LEAST_SILENCE = Duration.ofSeconds(30);

    @Inject
    DeliverySettings settings;

    /** From the start: a pump that never ticks is found out as one that stopped. */
    private volatile long lastTickNanos = System.nanoTime();

    public void ticked() {
        lastTickNanos = System.nanoTime();
    }

    public boolean stopped() {
        return silence().compareTo(allowedSilence(settings.pollInterval())) > 0;
    }

    public Duration silence() {
        return Duration.ofNanos(System.nanoTime() - lastTickNanos);
    }

    static Duration allowedSilence(Duration pollInterval) {
        Duration missed = pollInterval.multipliedBy(MISSED_TICKS);
        return missed.compareTo(LEAST_SILENCE) > 0 ? missed : LEAST_SILENCE;
    }
}

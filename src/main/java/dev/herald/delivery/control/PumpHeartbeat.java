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

    /**
     * A tick that has run this long is taken as hung. Below it, a tick still running is a pump
     * at work, however long since it began: one slow tick (ordered subjects' turns sorted behind
     * a backlog of millions) must not make every instance report itself dead at once, to be
     * restarted into the same slow tick.
     */
    static final Duration LONGEST_TICK = Duration.ofMinutes(10);

    /** From the start: a pump that never ticks is found out as one that stopped. */
    private volatile long lastTickNanos = System.nanoTime();

    private volatile boolean ticking;

    /** A tick began. */
    public void ticked() {
        lastTickNanos = System.nanoTime();
        ticking = true;
    }

    /** The tick that began last has ended. */
    public void tickEnded() {
        ticking = false;
    }

    public boolean stopped() {
        return stopped(silence(), ticking, allowedSilence(settings.pollInterval()));
    }

    /** @param silence since the last tick began */
    static boolean stopped(Duration silence, boolean ticking, Duration allowedSilence) {
        return silence.compareTo(ticking ? LONGEST_TICK : allowedSilence) > 0;
    }

    public Duration silence() {
        return Duration.ofNanos(System.nanoTime() - lastTickNanos);
    }

    static Duration allowedSilence(Duration pollInterval) {
        Duration missed = pollInterval.multipliedBy(MISSED_TICKS);
        return missed.compareTo(LEAST_SILENCE) > 0 ? missed : LEAST_SILENCE;
    }
}

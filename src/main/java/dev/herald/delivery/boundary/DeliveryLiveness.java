package dev.herald.delivery.boundary;

import dev.herald.delivery.control.PumpHeartbeat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the delivery pump's timer ticks (see {@link PumpHeartbeat}); restarting is the cure when not. */
@Liveness
@ApplicationScoped
public class DeliveryLiveness implements HealthCheck {

    @Inject
    PumpHeartbeat heartbeat;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("delivery-pump")
                .status(!heartbeat.stopped())
                .withData("lastTickSecondsAgo", heartbeat.silence().toSeconds())
                .build();
    }
}

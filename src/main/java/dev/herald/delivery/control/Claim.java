package dev.herald.delivery.control;

/**
 * A worker's lease on one delivery: only the holder of {@code token} may attempt it. The
 * tenant travels with it so the workers' queue can serve tenants in turn.
 */
public record Claim(String deliveryId, String tenantId, String token) {
}

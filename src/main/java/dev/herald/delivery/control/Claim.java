package dev.herald.delivery.control;

/** A worker's lease on one delivery: only the holder of {@code token} may attempt it. */
public record Claim(String deliveryId, String token) {
}

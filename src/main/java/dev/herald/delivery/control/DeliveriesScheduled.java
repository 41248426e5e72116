package dev.herald.delivery.control;

import java.util.List;

/** Deliveries a transaction created and claimed for immediate dispatch once it commits. */
public record DeliveriesScheduled(List<Claim> claims) {}

package dev.herald.delivery.control;

import java.util.List;
import java.util.Set;

/**
 * Deliveries a transaction created: those claimed for immediate dispatch once it commits, and
 * the ordered subjects whose new deliveries it set aside behind an earlier one, whose turn is
 * looked at again once it commits (the earlier one may have ended meanwhile).
 */
public record DeliveriesScheduled(List<Claim> claims, Set<String> waitingSubjects) {}

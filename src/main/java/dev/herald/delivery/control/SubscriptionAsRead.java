package dev.herald.delivery.control;

import dev.herald.subscriptions.control.DeliveryTarget;
import java.time.Instant;

/**
 * A subscription as one read saw it, and when that read began: what it shows was stored by then.
 * A delivery made at fan-out carries its subscription as read to match its event, so that its
 * worker need not read it again ({@link RecentTargets#of(String, SubscriptionAsRead, Instant)}).
 */
public record SubscriptionAsRead(DeliveryTarget target, Instant readAt) {}

package dev.herald.console;

import dev.herald.delivery.control.DeliveryStats;
import dev.herald.platform.Times;
import dev.herald.problems.NotFoundProblem;
import dev.herald.subscriptions.control.SubscriptionView;
import dev.herald.subscriptions.control.Subscriptions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;

/**
 * The overview: the last 24 hours of deliveries by outcome, per subscription and per hour
 * (drawn as a chart), the queue depth, and the subscriptions that fail or were disabled.
 */
@Named
@RequestScoped
public class ConsoleOverview {

    static final int SUBSCRIPTIONS_SHOWN = 20;
    /** The chart's drawing height in SVG units. */
    static final int CHART_HEIGHT = 60;

    @Inject
    ConsoleSession session;

    @Inject
    DeliveryStats stats;

    @Inject
    Subscriptions subscriptions;

    private DeliveryStats.Overview overview;
    private List<SubscriptionView> troubled;

    /** Null for a token that may not read deliveries. */
    public DeliveryStats.Overview getFigures() {
        if (overview == null && session.canRead("subscribe")) {
            overview = stats.last24Hours(session.getTenantId(), Times.now());
        }
        return overview;
    }

    /** The busiest subscriptions of the window with their figures. */
    public List<Map.Entry<String, DeliveryStats.Figures>> getBusiest() {
        return getFigures() == null
                ? List.of()
                : getFigures().bySubscription().entrySet().stream()
                        .limit(SUBSCRIPTIONS_SHOWN)
                        .toList();
    }

    /** A subscription's name, or its id when it has none or is gone. */
    public String nameOf(String subscriptionId) {
        try {
            String name = subscriptions
                    .get(session.getTenantId(), subscriptionId)
                    .spec()
                    .name();
            return name == null ? subscriptionId : name;
        } catch (NotFoundProblem gone) {
            return subscriptionId + " (deleted)";
        }
    }

    public List<SubscriptionView> getTroubled() {
        if (troubled == null) {
            troubled = session.canRead("subscribe")
                    ? subscriptions.troubled(session.getTenantId(), SUBSCRIPTIONS_SHOWN)
                    : List.of();
        }
        return troubled;
    }

    /** The height of an hour's bar: its attempts against the busiest hour's. */
    public long barHeight(DeliveryStats.Hour hour) {
        long most = getBusiestHourAttempts();
        return most == 0 ? 0 : Math.max(1, hour.figures().attempts() * CHART_HEIGHT / most);
    }

    /** The p95 line through the hours, as SVG polyline points (x 0..230, y 0..{@link #CHART_HEIGHT}). */
    public String latencyPoints() {
        List<DeliveryStats.Hour> hours = getFigures().hours();
        long slowest = getSlowestHourMs();
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < hours.size(); i++) {
            long y = slowest == 0
                    ? CHART_HEIGHT
                    : CHART_HEIGHT - hours.get(i).figures().p95Ms() * CHART_HEIGHT / slowest;
            points.append(i * 10 + 4).append(',').append(y).append(' ');
        }
        return points.toString().trim();
    }

    /** An hour's start as the chart's axis shows it: {@code 14:00} (UTC). */
    public String hourLabel(DeliveryStats.Hour hour) {
        return hour.start().toString().substring(11, 16);
    }

    /** How many attempts the figures cover at most. */
    public int getAttemptsCounted() {
        return DeliveryStats.MAX_ATTEMPTS;
    }

    public long getSlowestHourMs() {
        return getFigures().hours().stream()
                .mapToLong(h -> h.figures().p95Ms())
                .max()
                .orElse(0);
    }

    public long getBusiestHourAttempts() {
        return getFigures().hours().stream()
                .mapToLong(h -> h.figures().attempts())
                .max()
                .orElse(0);
    }
}

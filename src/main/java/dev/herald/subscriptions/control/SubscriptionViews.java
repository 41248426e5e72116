package dev.herald.subscriptions.control;

import dev.herald.subscriptions.entity.Subscription;
import dev.herald.subscriptions.entity.SubscriptionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** Subscriptions as the API and the console show them: settings, state, usage and the last attempt. */
@ApplicationScoped
public class SubscriptionViews {

    @Inject
    LastAttempts lastAttempts;

    @Inject
    SubscriptionSpecs specs;

    @Inject
    SubscriptionSettings settings;

    /** Views of several subscriptions, their last attempts read at once. */
    public List<SubscriptionView> of(List<Subscription> subscriptions) {
        Map<String, LastAttempts.LastAttempt> latest =
                lastAttempts.of(subscriptions.stream().map(Subscription::id).toList());
        return subscriptions.stream().map(s -> of(s, latest.get(s.id()))).toList();
    }

    public SubscriptionView of(Subscription s) {
        return of(s, lastAttempts.of(List.of(s.id())).get(s.id()));
    }

    private SubscriptionView of(Subscription s, LastAttempts.LastAttempt lastAttempt) {
        return new SubscriptionView(
                s.id(),
                specs.of(s),
                s.status(),
                s.createdAt(),
                s.updatedAt(),
                s.consecutiveFailures(),
                s.failingSince(),
                s.quotaUsed(),
                s.quotaPeriodStart(),
                s.status() == SubscriptionStatus.PENDING_VALIDATION && s.validationRequestedAt() != null
                        ? s.validationRequestedAt().plus(settings.validationWindow())
                        : null,
                lastAttempt);
    }
}

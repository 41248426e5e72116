package dev.herald.console;

import dev.herald.audit.control.AuditTrail;
import dev.herald.audit.entity.AuditEntry;
import dev.herald.delivery.control.DeliveryQueries;
import dev.herald.events.control.EventLog;
import dev.herald.events.control.EventPreview;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.QueryParams;
import dev.herald.platform.ReadRoom;
import dev.herald.problems.InputErrors;
import dev.herald.problems.NotFoundProblem;
import dev.herald.subscriptions.control.SubscriptionView;
import dev.herald.subscriptions.control.Subscriptions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the console's pages list, read through the same control classes as the API, in the
 * signed-in token's tenant. Pages are bookmarkable: the page number is a URL parameter.
 */
@Named
@RequestScoped
public class ConsolePages {

    static final int PAGE_SIZE = 50;

    @Inject
    ConsoleSession session;

    @Inject
    OncePerRequest once;

    @Inject
    Subscriptions subscriptions;

    @Inject
    EventLog eventLog;

    @Inject
    AuditTrail auditTrail;

    @Inject
    DeliveryQueries deliveries;

    private int page = 1;
    private String type;
    private String actor;
    private String outcome;
    private String subject;
    private String since;
    private String until;

    /** A String like its setter's argument: a view parameter writes the property only when both agree. */
    public String getPage() {
        return String.valueOf(page);
    }

    public void setPage(String page) {
        this.page = pageNumber(page);
    }

    /** A page number from the URL; anything that is not one is the first page. */
    static int pageNumber(String given) {
        try {
            return Math.max(1, Math.min(Integer.parseInt(given), 1_000_000));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = given(subject);
    }

    public String getSince() {
        return since;
    }

    public void setSince(String since) {
        this.since = given(since);
    }

    public String getUntil() {
        return until;
    }

    public void setUntil(String until) {
        this.until = given(until);
    }

    /** A value from a URL or a form without its surrounding blanks, or null when nothing was given. */
    static String given(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = given(type);
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = given(actor);
    }

    public String getOutcome() {
        return outcome;
    }

    /** An outcome from the URL; one the trail does not know shows every outcome. */
    public void setOutcome(String outcome) {
        this.outcome = AuditTrail.OUTCOMES.contains(outcome) ? outcome : null;
    }

    /** The page the URL asks for, in pages of {@link #PAGE_SIZE}. */
    PageRequest pageRequest() {
        return new PageRequest(page, PAGE_SIZE);
    }

    /**
     * What a lookup in the signed-in tenant finds, or null where the API would answer 404: the
     * object is missing or another tenant's, and the page says "not found" either way.
     */
    static <T> T foundOrNull(Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (NotFoundProblem missingOrAnotherTenants) {
            return null;
        }
    }

    /** The page shown to a token whose scopes do not let it read the list: empty. */
    <T> Page<T> nothing() {
        return new Page<>(List.of(), page, PAGE_SIZE, 0);
    }

    /** The tenant's subscriptions, when the token may read them (as the API decides); otherwise none. */
    public Page<SubscriptionView> getSubscriptions() {
        if (!session.canRead("subscribe")) {
            return nothing();
        }
        return once.get("subscriptions", () -> subscriptions.list(session.getTenantId(), pageRequest(), ReadRoom.NONE));
    }

    /**
     * How many subscriptions the tenant has, for the overview: counted, where the overview read a
     * page of fifty and opened each one's sealed headers and credentials only to show its total.
     */
    public long getSubscriptionCount() {
        return session.canRead("subscribe") ? subscriptions.count(session.getTenantId()) : 0;
    }

    /** The newest delivery of each listed subscription that has had one, by subscription id. */
    public Map<String, DeliveryQueries.LastDelivery> getLastDeliveries() {
        return once.get(
                "lastDeliveries",
                () -> deliveries.latestOf(
                        session.getTenantId(),
                        getSubscriptions().items().stream()
                                .map(SubscriptionView::id)
                                .toList()));
    }

    /**
     * The history's page, filtered; read once a request and phase (the page refers to it several
     * times, and a postback's filters reach this bean only after its first phases).
     */
    public Page<EventPreview> getEvents() {
        return once.get("events", () -> {
            String timeFilterError = getTimeFilterError();
            return !session.canRead("publish") || timeFilterError != null
                    ? nothing()
                    : eventLog.previews(
                            session.getTenantId(),
                            new EventLog.Query(
                                    type,
                                    subject,
                                    QueryParams.instant("since", since, new InputErrors()),
                                    QueryParams.instant("until", until, new InputErrors())),
                            pageRequest());
        });
    }

    /** What is wrong with the history's time filters, by the API's rule, in words; null when they read. */
    public String getTimeFilterError() {
        InputErrors errors = new InputErrors();
        QueryParams.instant("since", since, errors);
        QueryParams.instant("until", until, errors);
        return errors.isEmpty()
                ? null
                : errors.list().stream()
                                .map(error -> "'" + error.field() + "' " + error.message())
                                .collect(Collectors.joining("; "))
                        + "; nothing is listed until it is.";
    }

    /** Who did what in the tenant, newest first, for a token that may read the trail (admin, as the API decides). */
    public Page<AuditEntry> getAudit() {
        if (!session.isAdmin()) {
            return nothing();
        }
        return once.get(
                "audit",
                () -> auditTrail.list(
                        session.getTenantId(),
                        new AuditTrail.Query(actor, null, outcome, null, null, null),
                        pageRequest()));
    }

    public boolean hasNext(Page<?> shown) {
        return (long) shown.page() * shown.pageSize() < shown.total();
    }
}

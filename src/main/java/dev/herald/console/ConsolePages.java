package dev.herald.console;

import dev.herald.events.control.EventLog;
import dev.herald.events.control.RecordedEvent;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.subscriptions.control.SubscriptionView;
import dev.herald.subscriptions.control.Subscriptions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

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
    Subscriptions subscriptions;

    @Inject
    EventLog eventLog;

    private int page = 1;
    private String type;

    public int getPage() {
        return page;
    }

    /** A page number from the URL; anything that is not one shows the first page. */
    public void setPage(String page) {
        try {
            this.page = Math.max(1, Math.min(Integer.parseInt(page), 1_000_000));
        } catch (NumberFormatException e) {
            this.page = 1;
        }
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type == null || type.isBlank() ? null : type.trim();
    }

    /** The tenant's subscriptions, when the token may read them (as the API decides); otherwise none. */
    public Page<SubscriptionView> getSubscriptions() {
        if (!session.canRead("subscribe")) {
            return new Page<>(List.of(), page, PAGE_SIZE, 0);
        }
        return subscriptions.list(session.getTenantId(), new PageRequest(page, PAGE_SIZE));
    }

    public Page<RecordedEvent> getEvents() {
        if (!session.canRead("publish")) {
            return new Page<>(List.of(), page, PAGE_SIZE, 0);
        }
        return eventLog.list(session.getTenantId(), new EventLog.Query(type, null, null, null),
                new PageRequest(page, PAGE_SIZE));
    }

    public boolean hasNext(Page<?> shown) {
        return (long) shown.page() * shown.pageSize() < shown.total();
    }
}

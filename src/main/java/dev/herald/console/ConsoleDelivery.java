package dev.herald.console;

import dev.herald.access.entity.Scope;
import dev.herald.delivery.control.DeliveryQueries;
import dev.herald.delivery.control.DeliveryView;
import dev.herald.delivery.control.DeliveryView.AttemptView;
import dev.herald.delivery.control.Dispatcher;
import dev.herald.delivery.entity.DeliveryStatus;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.Times;
import dev.herald.platform.json.Jsons;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonString;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One delivery with every attempt: the request as sent (secrets masked, as the attempt log
 * keeps it), the answer, status and timing. It can be redelivered (one more attempt under the
 * same id, as the API's redeliver), and its page refreshes itself while it is pending.
 */
@Named
@ViewScoped
public class ConsoleDelivery implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Duration ATTEMPT_SOON = Duration.ofMinutes(1);

    @Inject
    ConsoleSession session;

    @Inject
    ConsoleActions actions;

    @Inject
    DeliveryQueries deliveries;

    @Inject
    Dispatcher dispatcher;

    @Inject
    OncePerRequest once;

    private String id;

    /** Which page of attempts is shown: the first holds the latest. */
    private int page = 1;

    /**
     * The delivery the URL names, if the token may read it and it is this tenant's; else none.
     * Read once a request, not kept with the page: a session keeps its last 25 pages, and a
     * delivery holds its payload (up to 1 MiB). Its attempts are read a page at a time.
     */
    public DeliveryView getDelivery() {
        if (id == null || !session.canRead("subscribe")) {
            return null;
        }
        return once.get(
                "delivery",
                () -> ConsolePages.foundOrNull(
                        () -> deliveries.withoutAttempts(session.getTenantId(), id, ReadRoom.NONE)));
    }

    /**
     * The page's attempts, oldest first: up to {@link DeliveryQueries#ATTEMPTS_A_TURN}, the latest
     * on the first page. A delivery has up to a thousand, each with its answer's first 4 KiB.
     */
    public List<AttemptView> getAttempts() {
        DeliveryView delivery = getDelivery();
        if (delivery == null) {
            return List.of();
        }
        long through = delivery.attemptCount() - (long) (page - 1) * DeliveryQueries.ATTEMPTS_A_TURN;
        if (through <= 0) {
            return List.of();
        }
        return once.get(
                "attempts",
                () -> deliveries.attempts(
                        delivery.id(),
                        (int) Math.max(0, through - DeliveryQueries.ATTEMPTS_A_TURN),
                        (int) through,
                        DeliveryQueries.ATTEMPTS_A_TURN));
    }

    /** Whether attempts older than this page's are there to be shown. */
    public boolean isOlderAttempts() {
        List<AttemptView> attempts = getAttempts();
        return !attempts.isEmpty() && attempts.get(0).attempt() > 1;
    }

    public boolean isPending() {
        return getDelivery() != null && getDelivery().status() == DeliveryStatus.PENDING;
    }

    /**
     * Whether the page should refresh itself: pending with its next attempt within a minute.
     * One waiting hours for a retry is not reloaded (attempt log and all) every two seconds.
     */
    public boolean isAttemptSoon() {
        return isPending()
                && (getDelivery().nextAttemptAt() == null
                        || getDelivery().nextAttemptAt().isBefore(Times.now().plus(ATTEMPT_SOON)));
    }

    public boolean isRedeliverable() {
        return session.has(Scope.SUBSCRIBE) && getDelivery() != null;
    }

    public String redeliver() {
        return actions.run(Scope.SUBSCRIBE, "POST", "/deliveries/" + id + "/redeliver", id, () -> {
                    dispatcher.redeliverNow(session.getTenantId(), id);
                    return id;
                })
                .map(done -> {
                    page = 1; // where its attempt appears
                    ConsoleActions.tellAfterRedirect("Redelivery started: its attempt appears below.");
                    return "/console/delivery?faces-redirect=true&includeViewParams=true";
                })
                .orElse(null);
    }

    /** An attempt's request headers, one "Name: value" a line, as the attempt log keeps them (secrets masked). */
    public String headerLines(String headersJson) {
        if (headersJson == null || headersJson.isBlank()) {
            return "";
        }
        return Jsons.parseObject(headersJson).entrySet().stream()
                .map(header -> header.getKey() + ": "
                        + (header.getValue() instanceof JsonString text
                                ? text.getString()
                                : header.getValue().toString()))
                .collect(Collectors.joining("\n"));
    }

    /** A String like its setter's argument: a view parameter writes the property only when both agree. */
    public String getPage() {
        return String.valueOf(page);
    }

    public void setPage(String page) {
        this.page = ConsolePages.pageNumber(page);
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = ConsolePages.given(id);
    }
}

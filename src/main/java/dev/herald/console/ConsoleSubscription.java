package dev.herald.console;

import dev.herald.access.control.RequestBodyRoom;
import dev.herald.access.entity.Scope;
import dev.herald.catalog.control.GovernedCategories;
import dev.herald.delivery.control.Backfill;
import dev.herald.delivery.control.DeliveryLedger;
import dev.herald.delivery.control.DeliveryQueries;
import dev.herald.delivery.control.DeliveryView;
import dev.herald.delivery.control.RedeliveryInput;
import dev.herald.delivery.control.TestDeliveries;
import dev.herald.delivery.entity.DeliveryStatus;
import dev.herald.platform.Page;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.WireEnums;
import dev.herald.platform.json.Jsons;
import dev.herald.subscriptions.control.SubscriptionSecrets;
import dev.herald.subscriptions.control.SubscriptionView;
import dev.herald.subscriptions.control.Subscriptions;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * One subscription in the console: its settings and health, its deliveries, and what can be
 * done to it (activate, deactivate, rotate or reveal the secret, send a test, replay,
 * backfill, delete), each
 * through {@link Subscriptions} or {@link TestDeliveries} as the API's call, and audited.
 */
@Named
@ViewScoped
public class ConsoleSubscription implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Only for the size of a read's batches: a person's console reads take no room. */
    @Inject
    RequestBodyRoom bodyRoom;

    @Inject
    ConsoleSession session;

    @Inject
    OncePerRequest once;

    @Inject
    ConsoleActions actions;

    @Inject
    ConsolePages pages;

    @Inject
    Subscriptions subscriptions;

    @Inject
    SubscriptionSecrets secrets;

    @Inject
    DeliveryQueries deliveries;

    @Inject
    TestDeliveries tests;

    @Inject
    DeliveryLedger ledger;

    @Inject
    Backfill backfill;

    private String id;
    private DeliveryStatus deliveryStatus;
    private String testEvent;
    private boolean confirmingDelete;
    private String revealedSecret;
    private TestDeliveries.Result testResult;
    private String replaySince;
    private String replayStatus = "failed";
    private String backfillSince;
    private String backfillTypes;

    /**
     * The subscription the URL names, if the token may read it and it is this tenant's; else none
     * (the API's 404). Read once a request (an action's change shows in the render after it), not
     * kept with the page: a session keeps its last 25 pages.
     */
    public SubscriptionView getSubscription() {
        if (id == null || !session.canRead("subscribe")) {
            return null;
        }
        return once.get(
                "subscription", () -> ConsolePages.foundOrNull(() -> subscriptions.get(session.getTenantId(), id)));
    }

    /** Its deliveries, newest first, a page at a time. */
    public Page<DeliveryView> getDeliveries() {
        if (getSubscription() == null) {
            return pages.nothing();
        }
        return once.get(
                "deliveries",
                () -> deliveries.forSubscription(
                        session.getTenantId(), id, deliveryStatus, pages.pageRequest(), ReadRoom.NONE));
    }

    /** The statuses a replay may pick, as the API's rule has them. */
    public List<String> getReplayableStatuses() {
        return RedeliveryInput.REPLAYABLE_STATUSES;
    }

    public List<String> getDeliveryStatuses() {
        return WireEnums.wireNames(DeliveryStatus.class);
    }

    public String getDeliveryStatus() {
        return deliveryStatus == null ? null : deliveryStatus.wireName();
    }

    /** A status from the URL ({@code ?status=failed}); one deliveries do not have shows them all. */
    public void setDeliveryStatus(String status) {
        this.deliveryStatus = WireEnums.orNull(DeliveryStatus.class, status);
    }

    public boolean isChangeable() {
        return session.has(Scope.SUBSCRIBE) && getSubscription() != null;
    }

    public String activate() {
        return changed(
                actions.run(
                                Scope.SUBSCRIBE,
                                "POST",
                                base() + "/activate",
                                id,
                                () -> subscriptions.activate(session.getTenantId(), id))
                        .isPresent(),
                "Activated.");
    }

    public String deactivate() {
        return changed(
                actions.run(
                                Scope.SUBSCRIBE,
                                "POST",
                                base() + "/deactivate",
                                id,
                                () -> subscriptions.deactivate(session.getTenantId(), id))
                        .isPresent(),
                "Deactivated.");
    }

    /** A new secret, shown once on the page the change leads to; the old one signs beside it for the overlap. */
    public String rotate() {
        var rotated = actions.run(
                Scope.SUBSCRIBE,
                "POST",
                base() + "/rotate-secret",
                id,
                () -> secrets.rotate(session.getTenantId(), id, null));
        rotated.ifPresent(secret -> FacesContext.getCurrentInstance()
                .getExternalContext()
                .getFlash()
                .put("newSecret", secret.secret()));
        return changed(rotated.isPresent(), "Secret rotated: copy the new one now, it is not shown again.");
    }

    /** Shows the secret on request, to this page only; who asked is in the audit trail. */
    public void reveal() {
        revealedSecret = actions.run(
                        Scope.SUBSCRIBE,
                        "GET",
                        base() + "/secret",
                        id,
                        () -> secrets.secret(session.getTenantId(), id).secret())
                .orElse(null);
    }

    /** Sends a test now and shows its answer on this page. */
    public void sendTest() {
        String eventType = ConsolePages.given(testEvent);
        testResult = actions.run(Scope.SUBSCRIBE, "POST", base() + "/test", id, () -> {
                    if (eventType != null) {
                        GovernedCategories.requireScopeFor(eventType, session.has(Scope.GOVERN), "Sending a sample of");
                    }
                    return tests.sendAndReport(session.getTenantId(), id, eventType);
                })
                .orElse(null);
    }

    /** Redelivers the deliveries created since a time that ended in a status, as the API's replay. */
    public String replay() {
        JsonObjectBuilder body = Jsons.object().add("status", replayStatus);
        addIfGiven(body, "since", replaySince);
        return actions.run(Scope.SUBSCRIBE, "POST", base() + "/replay", id, () -> {
                    RedeliveryInput.Replay wanted = RedeliveryInput.replay(body.build());
                    subscriptions.get(session.getTenantId(), id);
                    return ledger.replay(session.getTenantId(), id, wanted.since(), wanted.status());
                })
                .map(replayed -> changed(
                        true,
                        replayed.count() + " deliveries replayed."
                                + replayed.nextSince()
                                        .map(next -> " More are left: replay again since " + next + ".")
                                        .orElse("")))
                .orElse(null);
    }

    /** Delivers the matching events recorded since a time, as the API's backfill. */
    public String backfill() {
        JsonObjectBuilder body = Jsons.object();
        addIfGiven(body, "since", backfillSince);
        if (backfillTypes != null && !backfillTypes.isBlank()) {
            JsonArrayBuilder types = Jsons.array();
            Arrays.stream(backfillTypes.split("[,\\s]+"))
                    .filter(t -> !t.isBlank())
                    .forEach(types::add);
            body.add("types", types);
        }
        return actions.run(Scope.SUBSCRIBE, "POST", base() + "/backfill", id, () -> {
                    RedeliveryInput.BackfillRequest wanted = RedeliveryInput.backfill(body.build());
                    return backfill.schedule(
                            session.getTenantId(), id, wanted.since(), wanted.types(), bodyRoom.readBatchChars());
                })
                .map(scheduled -> changed(
                        true,
                        scheduled.count() + " events scheduled for delivery"
                                + scheduled
                                        .prunedThrough()
                                        .map(pruned -> " (the history is pruned through " + pruned + ")")
                                        .orElse("")
                                + "."))
                .orElse(null);
    }

    private static void addIfGiven(JsonObjectBuilder body, String key, String value) {
        if (value != null && !value.isBlank()) {
            body.add(key, value.strip());
        }
    }

    public void askToDelete() {
        confirmingDelete = true;
    }

    public void keep() {
        confirmingDelete = false;
    }

    public String delete() {
        boolean deleted = actions.run(Scope.SUBSCRIBE, "DELETE", base(), id, () -> {
                    subscriptions.delete(session.getTenantId(), id);
                    return id;
                })
                .isPresent();
        if (!deleted) {
            return null;
        }
        ConsoleActions.tellAfterRedirect("Subscription " + id + " deleted.");
        return "/console/subscriptions?faces-redirect=true";
    }

    private String changed(boolean done, String message) {
        if (!done) {
            return null;
        }
        ConsoleActions.tellAfterRedirect(message);
        return "/console/subscription?faces-redirect=true&includeViewParams=true";
    }

    private String base() {
        return "/webhooks/" + id;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = ConsolePages.given(id);
    }

    public String getTestEvent() {
        return testEvent;
    }

    public void setTestEvent(String testEvent) {
        this.testEvent = testEvent;
    }

    public String getReplaySince() {
        return replaySince;
    }

    public void setReplaySince(String replaySince) {
        this.replaySince = replaySince;
    }

    public String getReplayStatus() {
        return replayStatus;
    }

    public void setReplayStatus(String replayStatus) {
        this.replayStatus = replayStatus;
    }

    public String getBackfillSince() {
        return backfillSince;
    }

    public void setBackfillSince(String backfillSince) {
        this.backfillSince = backfillSince;
    }

    public String getBackfillTypes() {
        return backfillTypes;
    }

    public void setBackfillTypes(String backfillTypes) {
        this.backfillTypes = backfillTypes;
    }

    public boolean isConfirmingDelete() {
        return confirmingDelete;
    }

    public String getRevealedSecret() {
        return revealedSecret;
    }

    public TestDeliveries.Result getTestResult() {
        return testResult;
    }
}

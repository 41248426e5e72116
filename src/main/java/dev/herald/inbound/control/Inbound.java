package dev.herald.inbound.control;

import dev.herald.inbound.entity.Integration;
import dev.herald.inbound.entity.Receipt;
import dev.herald.inbound.entity.ReceiptOutcome;
import dev.herald.inbound.entity.SeenDelivery;
import dev.herald.platform.Ids;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.Times;
import dev.herald.platform.crypto.Digests;
import dev.herald.platform.json.JsonBodies;
import dev.herald.platform.text.FilterWork;
import dev.herald.problems.InvalidInputException;
import dev.herald.problems.NotFoundProblem;
import dev.herald.problems.PayloadTooLargeProblem;
import dev.herald.problems.UnauthorizedProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * Receiving a sender's call: authenticate it (or record nothing), store its receipt, drop
 * duplicates, normalize and filter it, all before the sender gets its answer. What may be
 * slow (components, releases) happens after commit, in {@link ReceiptProcessor}.
 */
@ApplicationScoped
@Transactional
public class Inbound {

    /**
     * Headers in which senders name their delivery, most specific first: each stays the same
     * when its sender sends the delivery again. Not {@code X-Gitlab-Event-UUID}: GitLab gives a
     * resend a new one, and gives every event an API call caused the call's (a tag pushed by a
     * bot answering a merge request's hook was a duplicate of that hook and never released);
     * GitLab's {@code Idempotency-Key} (17.4 on) is the same across resends, and before it the
     * body's hash tells a resend from another event.
     */
    private static final List<String> DELIVERY_ID_HEADERS =
            List.of("X-GitHub-Delivery", "Idempotency-Key", "webhook-id", "X-Delivery-Id", "X-Request-Id");

    private static final int MAX_KEY = 200;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Integrations integrations;

    @Inject
    Event<ReceiptAccepted> accepted;

    @Inject
    Components components;

    /**
     * The call's room for what it works on: a verified body over 16 KiB takes its share of the
     * integration's before it is parsed (a tenant's senders may send many of 1 MiB at once).
     * Taken after the signature is checked, so that calls without it hold none of the room every
     * tenant's bodies are worked on in.
     */
    @Inject
    ReadRoom workingRoom;

    /**
     * What the sender is answered; {@code malformed} when its body was no JSON (a 400 after
     * commit); {@code plan} what a processed call will do to the component that maps its
     * repository, if one does.
     */
    public record Answer(
            ReceiptOutcome action, String reason, String receiptId, boolean malformed, Optional<Components.Plan> plan) {

        Answer(ReceiptOutcome action, String reason, String receiptId, boolean malformed) {
            this(action, reason, receiptId, malformed, Optional.empty());
        }
    }

    public Answer receive(String integrationId, InboundCall call) {
        Integration integration = em.find(Integration.class, integrationId);
        if (integration == null) {
            throw new NotFoundProblem("integration", integrationId);
        }
        integrations.verifierOf(integration).refusal(call).ifPresent(refused -> {
            throw new UnauthorizedProblem(refused);
        });
        Normalizer normalizer = Normalizers.of(integration.type());
        workingRoom.take(call.body().length, most -> new PayloadTooLargeProblem(most));
        JsonObject body = null;
        String malformed = null;
        try {
            body = JsonBodies.parseObject(call.body());
        } catch (InvalidInputException e) {
            malformed = e.errors().get(0).message();
        }
        String key = deliveryKey(call);
        Receipt receipt = new Receipt(
                Ids.next("rcp"),
                integration.tenantId(),
                integration.id(),
                key,
                body == null ? null : normalizer.eventName(call, body),
                call.bodyText(),
                Times.now());
        em.persist(receipt);
        Optional<String> first = firstReceiptOf(integration.id(), key);
        if (first.isPresent()) {
            return conclude(
                    receipt,
                    ReceiptOutcome.DUPLICATE,
                    "Delivery " + key + " was received before (receipt " + first.get()
                            + ") and is not processed again");
        }
        em.persist(new SeenDelivery(integration.id(), key, receipt.id(), receipt.receivedAt()));
        // A concurrent call with the same delivery id fails here; the resource answers it as a duplicate.
        em.flush();
        if (!integration.enabled()) {
            return conclude(receipt, ReceiptOutcome.IGNORED, "The integration is disabled");
        }
        if (malformed != null) {
            return malformed(receipt, "The body " + malformed);
        }
        return filterAndAccept(integration, receipt, normalizer.normalize(call, body));
    }

    /** Records a call that lost the race with a concurrent one of the same delivery id. */
    public Answer recordDuplicate(String integrationId, InboundCall call) {
        Integration integration = em.find(Integration.class, integrationId);
        if (integration == null) { // deleted while the call was received: its receipt's key named nothing
            throw new NotFoundProblem("integration", integrationId);
        }
        String key = deliveryKey(call);
        Receipt receipt = new Receipt(
                Ids.next("rcp"), integration.tenantId(), integrationId, key, null, call.bodyText(), Times.now());
        em.persist(receipt);
        return conclude(
                receipt,
                ReceiptOutcome.DUPLICATE,
                "Delivery " + key + " arrived twice at once; the other " + "call (receipt "
                        + firstReceiptOf(integrationId, key).orElse("?") + ") is processed");
    }

    private Answer filterAndAccept(Integration integration, Receipt receipt, Normalizer.Result normalized) {
        if (normalized.event() == null) {
            return conclude(receipt, ReceiptOutcome.IGNORED, normalized.ignoredBecause());
        }
        Optional<String> withNul = normalized.event().fieldWithNul();
        if (withNul.isPresent()) {
            return malformed(
                    receipt,
                    "The body's " + withNul.get() + " holds the NUL character (\\u0000), which Herald cannot record");
        }
        JsonObject json = normalized.event().toJson();
        receipt.normalized(normalized.event().toStoredJson());
        FilterWork work = FilterWork.perEvent();
        for (IntegrationFilter filter : IntegrationFilter.fromJson(integration.filtersJson())) {
            switch (filter.holdsFor(json, work)) {
                case FAILS -> {
                    return conclude(receipt, ReceiptOutcome.IGNORED, "Filtered out: " + filter + " does not hold");
                }
                case TOO_COSTLY -> {
                    return conclude(
                            receipt,
                            ReceiptOutcome.IGNORED,
                            "Not processed: the integration's filters would take more work on this call than"
                                    + " one call's may (" + FilterWork.PER_EVENT + " steps: a 'matches' pattern"
                                    + " costs its size for every character it reads); " + filter
                                    + " did not run: match shorter fields, or use simpler patterns");
                }
                case PASSES -> {
                    // the next filter
                }
            }
        }
        Optional<Components.Plan> plan = components.plan(integration, normalized.event());
        accepted.fire(new ReceiptAccepted(receipt.id(), integration.tenantId()));
        return new Answer(ReceiptOutcome.PROCESSED, null, receipt.id(), false, plan);
    }

    private Optional<String> firstReceiptOf(String integrationId, String key) {
        return em.createQuery(
                        "SELECT s.receiptId FROM SeenDelivery s WHERE s.integrationId = :integration"
                                + " AND s.deliveryKey = :key",
                        String.class)
                .setParameter("integration", integrationId)
                .setParameter("key", key)
                .getResultStream()
                .findFirst();
    }

    /** Concludes the receipt failed and has the sender answered 400: its body is not one Herald can read. */
    private static Answer malformed(Receipt receipt, String reason) {
        Answer failed = conclude(receipt, ReceiptOutcome.FAILED, reason);
        return new Answer(failed.action(), failed.reason(), failed.receiptId(), true);
    }

    private static Answer conclude(Receipt receipt, ReceiptOutcome outcome, String reason) {
        receipt.conclude(outcome, reason, Times.now());
        return new Answer(outcome, reason, receipt.id(), false);
    }

    /** The sender's delivery id, or for senders without one a hash of the body. */
    static String deliveryKey(InboundCall call) {
        for (String header : DELIVERY_ID_HEADERS) {
            String id = call.header(header);
            if (id != null && !id.isBlank()) {
                String trimmed = id.trim();
                // Kept as sent only if it fits and is text PostgreSQL stores (no NUL, no control
                // character); else by its hash, which deduplicates the same.
                boolean keptAsSent =
                        trimmed.length() <= MAX_KEY && trimmed.chars().noneMatch(Character::isISOControl);
                return keptAsSent ? trimmed : "sha256:" + Digests.sha256Hex(trimmed);
            }
        }
        return "sha256:" + Digests.sha256Hex(call.body());
    }
}

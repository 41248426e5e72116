package dev.herald.governance.policy.control;

import dev.herald.governance.EventData;
import dev.herald.governance.GovernanceEvents;
import dev.herald.governance.policy.entity.Policy;
import dev.herald.platform.Ids;
import dev.herald.platform.Listing;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.TenantOwned;
import dev.herald.platform.Times;
import dev.herald.platform.json.Jsons;
import dev.herald.problems.ConflictException;
import dev.herald.problems.ForbiddenProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Map;

/**
 * A tenant's release policies and what they decide: whether publishing needs an approval, and
 * whether an approval needs a second actor (separation of duties).
 */
@ApplicationScoped
@Transactional
public class Policies {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    GovernanceEvents events;

    /** What a policy decides. */
    public record Rules(boolean requireApproval, boolean separationOfDuties) {}

    public Policy create(String tenantId, String actor, String name, Rules rules) {
        requireFreeName(tenantId, name, null);
        Policy policy = new Policy(
                Ids.next("pol"), tenantId, name, rules.requireApproval(), rules.separationOfDuties(), Times.now());
        em.persist(policy);
        em.flush();
        raise(policy, "created", actor);
        return policy;
    }

    public Policy replace(String tenantId, String actor, String id, String name, Rules rules) {
        Policy policy = get(tenantId, id);
        requireFreeName(tenantId, name, id);
        policy.replace(name, rules.requireApproval(), rules.separationOfDuties(), Times.now());
        raise(policy, "updated", actor);
        return policy;
    }

    public void delete(String tenantId, String actor, String id) {
        Policy policy = get(tenantId, id);
        em.remove(policy);
        raise(policy, "deleted", actor);
    }

    /**
     * The strictest policy wins: an approval is needed unless the tenant has policies and none
     * of them requires one. A tenant without policies gets the safe default.
     */
    public boolean approvalRequired(String tenantId) {
        return strictest(tenantId, "requireApproval");
    }

    /**
     * Four eyes, the strictest policy winning as above: on unless the tenant has policies and
     * every one of them turns it off.
     */
    public boolean separationOfDuties(String tenantId) {
        return strictest(tenantId, "separationOfDuties");
    }

    /**
     * A rule of the tenant's policies, the strictest winning: true when one of them sets it, or
     * when there is none. One row read, however many policies the tenant keeps.
     *
     * @param rule a boolean attribute of {@link Policy}, from this class
     */
    private boolean strictest(String tenantId, String rule) {
        return em.createQuery(
                        "SELECT p." + rule + " FROM Policy p WHERE p.tenantId = :tenant ORDER BY p." + rule + " DESC",
                        Boolean.class)
                .setParameter("tenant", tenantId)
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .orElse(Boolean.TRUE);
    }

    /** Refuses a decision or publication by the actor who is the other pair of eyes, when four eyes are needed. */
    public void requireOtherActor(String tenantId, String actor, String otherActor, String refusal) {
        if (sameActor(actor, otherActor) && separationOfDuties(tenantId)) {
            throw new ForbiddenProblem(
                    "separation-of-duties",
                    "Separation of duties: " + refusal + " (a tenant "
                            + "whose every policy sets rules.separationOfDuties to false allows it)");
        }
    }

    /**
     * Whether two actor names are one person's, whatever their case: a person's token says
     * {@code alice} and their single sign-on provider {@code Alice}, and four eyes were two.
     */
    public static boolean sameActor(String actor, String otherActor) {
        return actor.equalsIgnoreCase(otherActor);
    }

    public Policy get(String tenantId, String id) {
        return TenantOwned.get(em, Policy.class, "policy", tenantId, id);
    }

    public Page<Policy> list(String tenantId, PageRequest request) {
        return Listing.page(em, Policy.class, tenantId, Map.of(), request);
    }

    private void requireFreeName(String tenantId, String name, String exceptId) {
        TenantOwned.idWhere(em, Policy.class, tenantId, Map.of("name", name))
                .filter(id -> !id.equals(exceptId))
                .ifPresent(taken -> {
                    throw new ConflictException("A policy named '" + name + "' exists already: " + taken);
                });
    }

    private void raise(Policy policy, String action, String actor) {
        events.raise(
                policy.tenantId(),
                "policy." + action,
                policy.id(),
                EventData.of("tenant_id", policy.tenantId())
                        .put("policy_id", policy.id())
                        .put("update_action", action)
                        .put("updated_by", actor)
                        .put("name", policy.name())
                        .put(
                                "rules",
                                Jsons.object()
                                        .add("requireApproval", policy.requireApproval())
                                        .add("separationOfDuties", policy.separationOfDuties())
                                        .build()));
    }
}

package dev.herald.access.control;

import dev.herald.access.entity.ApiToken;
import dev.herald.access.entity.Role;
import dev.herald.access.entity.Scope;
import dev.herald.access.entity.Tenant;
import dev.herald.platform.Ids;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.Times;
import dev.herald.problems.ConflictException;
import dev.herald.problems.InvalidInputException;
import dev.herald.problems.NotFoundProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Tenants and their tokens: creating, listing, issuing and revoking. */
@ApplicationScoped
@Transactional
public class Tenants {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** A token in plain text, together with what was stored of it; the plain text is shown once. */
    public record IssuedToken(ApiToken token, String plainText) {}

    public record CreatedTenant(Tenant tenant, IssuedToken firstToken) {}

    /** What a new token is: who acts with it, what it may do, until when (null: until revoked). */
    public record TokenSpec(String actor, Set<Scope> scopes, Instant expiresAt) {

        /** A new tenant's first token: it may do everything, as its actor. */
        public static TokenSpec firstOf(String actor) {
            return new TokenSpec(actor, EnumSet.of(Scope.ADMIN), null);
        }
    }

    @Inject
    jakarta.enterprise.event.Event<TenantCreated> tenantCreated;

    public CreatedTenant create(String name, String firstActor) {
        if (findByName(name).isPresent()) {
            throw new ConflictException("A tenant named '" + name + "' already exists");
        }
        Tenant tenant = new Tenant(Ids.next("ten"), name, Times.now());
        em.persist(tenant);
        // No JPA relationship tells EclipseLink to insert the tenant before its token.
        em.flush();
        tenantCreated.fire(new TenantCreated(tenant.id()));
        return new CreatedTenant(
                tenant, issue(tenant.id(), TokenSpec.firstOf(firstActor), null)); // by the platform admin
    }

    public Optional<Tenant> findByName(String name) {
        return em.createQuery("SELECT t FROM Tenant t WHERE t.name = :name", Tenant.class)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    public Tenant get(String id) {
        Tenant tenant = em.find(Tenant.class, id);
        if (tenant == null) {
            throw new NotFoundProblem("tenant", id);
        }
        return tenant;
    }

    public Page<Tenant> list(PageRequest request) {
        List<Tenant> items = em.createQuery("SELECT t FROM Tenant t ORDER BY t.createdAt, t.id", Tenant.class)
                .setFirstResult(request.offset())
                .setMaxResults(request.pageSize())
                .getResultList();
        long total = em.createQuery("SELECT COUNT(t) FROM Tenant t", Long.class).getSingleResult();
        return new Page<>(items, request.page(), request.pageSize(), total);
    }

    /**
     * A tenant token; only the bootstrap token has the platform role.
     *
     * @param issuerEndsAt when the issuing token (or console session) stops working, or null
     *     when it never does or is the platform admin's: a token issued by it may not outlive it,
     *     or an expiring token (a session single sign-on limits) could make itself one that never
     *     expires
     */
    public IssuedToken issue(String tenantId, TokenSpec spec, Instant issuerEndsAt) {
        if (issuerEndsAt != null
                && (spec.expiresAt() == null || spec.expiresAt().isAfter(issuerEndsAt))) {
            throw InvalidInputException.of(
                    "expiresAt",
                    "a token may not outlive the one that issues it: set it at or before " + issuerEndsAt
                            + ", when this token (or console session) ends");
        }
        get(tenantId);
        String plainText = TokenCodec.newToken();
        ApiToken token = new ApiToken(
                Ids.next("tok"),
                tenantId,
                TokenCodec.hash(plainText),
                Role.TENANT,
                false,
                spec.actor(),
                spec.scopes(),
                spec.expiresAt(),
                Times.now());
        em.persist(token);
        em.flush();
        return new IssuedToken(token, plainText);
    }

    public Page<ApiToken> tokens(String tenantId, PageRequest request) {
        get(tenantId);
        List<ApiToken> items = em.createQuery(
                        "SELECT t FROM ApiToken t WHERE t.tenantId = :tenant ORDER BY t.createdAt, t.id",
                        ApiToken.class)
                .setParameter("tenant", tenantId)
                .setFirstResult(request.offset())
                .setMaxResults(request.pageSize())
                .getResultList();
        long total = em.createQuery("SELECT COUNT(t) FROM ApiToken t WHERE t.tenantId = :tenant", Long.class)
                .setParameter("tenant", tenantId)
                .getSingleResult();
        return new Page<>(items, request.page(), request.pageSize(), total);
    }

    public void revoke(String tenantId, String tokenId) {
        ApiToken token = em.find(ApiToken.class, tokenId);
        if (token == null || !token.tenantId().equals(tenantId)) {
            throw new NotFoundProblem("token", tokenId);
        }
        if (token.bootstrap()) {
            throw new ConflictException("The bootstrap admin token is managed by herald.admin-token; "
                    + "change that setting to replace it");
        }
        em.remove(token);
    }
}

package dev.herald.access.control;

import dev.herald.access.entity.ApiToken;
import dev.herald.access.entity.Role;
import dev.herald.access.entity.Scope;
import dev.herald.access.entity.Tenant;
import dev.herald.platform.Ids;
import dev.herald.platform.Times;
import dev.herald.platform.logging.LogIds;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.EnumSet;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes sure the {@code default} tenant and its admin token exist at startup. The token is
 * {@code herald.admin-token} when set; otherwise one is generated at the first start and
 * written to the log that once.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class AccessBootstrap {

    /** Who the bootstrap token acts as in events and the audit trail. */
    static final String BOOTSTRAP_ACTOR = "admin";

    private static final Logger LOG = Logger.getLogger(AccessBootstrap.class.getName());

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    AccessSettings settings;

    @Inject
    jakarta.enterprise.event.Event<TenantCreated> tenantCreated;

    @PostConstruct
    void ensureAdminAccess() {
        Tenant tenant = em.createQuery("SELECT t FROM Tenant t WHERE t.name = :name", Tenant.class)
                .setParameter("name", Tenant.DEFAULT_NAME)
                .getResultStream()
                .findFirst()
                .orElseGet(() -> {
                    Tenant created = new Tenant(Ids.next("ten"), Tenant.DEFAULT_NAME, Times.now());
                    em.persist(created);
                    em.flush();
                    tenantCreated.fire(new TenantCreated(created.id()));
                    return created;
                });
        Optional<ApiToken> existing = em.createQuery(
                        "SELECT t FROM ApiToken t WHERE t.bootstrap = TRUE", ApiToken.class)
                .getResultStream()
                .findFirst();
        Optional<String> configuredToken = settings.adminToken();
        if (configuredToken.isPresent()) {
            String hash = TokenCodec.hash(configuredToken.get());
            existing.ifPresentOrElse(token -> token.replaceHash(hash), () -> em.persist(adminToken(tenant, hash)));
        } else if (existing.isEmpty()) {
            String generated = TokenCodec.newToken();
            em.persist(adminToken(tenant, TokenCodec.hash(generated)));
            LogIds.none()
                    .log(
                            LOG,
                            Level.WARNING,
                            "Generated the admin token (shown only this once; set "
                                    + "herald.admin-token to choose your own): " + generated);
        }
    }

    private static ApiToken adminToken(Tenant tenant, String hash) {
        return new ApiToken(
                Ids.next("tok"),
                tenant.id(),
                hash,
                Role.ADMIN,
                true,
                BOOTSTRAP_ACTOR,
                EnumSet.of(Scope.ADMIN),
                null,
                Times.now());
    }
}

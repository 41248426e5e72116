package dev.herald.inbound.control;

import static dev.herald.platform.crypto.SealedField.INTEGRATION_SECRET;
import static dev.herald.platform.crypto.SealedField.INTEGRATION_TOKEN;

import dev.herald.governance.release.control.Releases;
import dev.herald.inbound.entity.Integration;
import dev.herald.inbound.entity.IntegrationType;
import dev.herald.platform.Ids;
import dev.herald.platform.Listing;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.TenantOwned;
import dev.herald.platform.Times;
import dev.herald.platform.crypto.SecretBox;
import dev.herald.problems.ConflictException;
import dev.herald.problems.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;

/** A tenant's integrations: the senders Herald accepts webhooks from. */
@ApplicationScoped
@Transactional
public class Integrations {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    SecretBox secrets;

    /** A refusal's first words for changing or deleting an integration that feeds release triggers. */
    public static final String CHANGING_A_FEED =
            "Changing or deleting an integration that feeds release triggers, which raise";

    /**
     * @param mayGovern whether the caller holds {@code govern}: only then do the integration's
     *     pushes fire components' release triggers (a {@code publish} token's own integration
     *     made releases of any component's tags)
     */
    public Integration create(String tenantId, IntegrationSpec spec, boolean mayGovern) {
        requireFreeName(tenantId, spec.name(), null);
        Integration integration = new Integration(Ids.next("int"), tenantId, mayGovern, Times.now());
        configure(integration, spec, null, null);
        em.persist(integration);
        em.flush();
        return integration;
    }

    public Integration replace(String tenantId, String id, IntegrationSpec spec) {
        Integration integration = get(tenantId, id);
        requireFreeName(tenantId, spec.name(), id);
        configure(integration, spec, integration.secretSealed(), integration.tokenSealed());
        return integration;
    }

    /** Deletes the integration with its receipts; senders calling it afterwards get 404. */
    public void delete(String tenantId, String id) {
        Integration integration = get(tenantId, id);
        em.createQuery("DELETE FROM SeenDelivery s WHERE s.integrationId = :id")
                .setParameter("id", id)
                .executeUpdate();
        em.createQuery("DELETE FROM Receipt r WHERE r.integrationId = :id")
                .setParameter("id", id)
                .executeUpdate();
        em.remove(integration);
    }

    /**
     * The governance event the integration's pushes raise through release triggers, if they may:
     * changing or deleting it then needs the scope to raise it ({@link #CHANGING_A_FEED}), or a
     * {@code publish} token could give it a secret of its own and push any tag.
     */
    public static Optional<String> raises(Integration integration) {
        return integration.feedsReleases() ? Optional.of(Releases.CREATED) : Optional.empty();
    }

    public Integration get(String tenantId, String id) {
        return TenantOwned.get(em, Integration.class, "integration", tenantId, id);
    }

    /**
     * A page of the tenant's integrations, newest first.
     *
     * @param room where the page's filters must fit before they are loaded: an integration has up
     *     to 20 filters of some 800 characters, and a page of 200 some 3 Mi characters
     */
    public Page<Integration> list(String tenantId, PageRequest request, ReadRoom room) {
        return Listing.page(
                em,
                Integration.class,
                tenantId,
                request,
                new Listing.Bulk("LENGTH(x.name) + LENGTH(x.filtersJson)", "integrations", room));
    }

    /** The verifier of an integration, its secret or token opened for this one check. */
    public Verifier verifierOf(Integration integration) {
        return Verifiers.of(
                integration,
                secrets.open(integration.secretSealed(), INTEGRATION_SECRET, integration.id()),
                secrets.open(integration.tokenSealed(), INTEGRATION_TOKEN, integration.id()));
    }

    private void configure(Integration integration, IntegrationSpec spec, String currentSecret, String currentToken) {
        String secret = spec.secret() != null
                ? secrets.seal(spec.secret(), INTEGRATION_SECRET, integration.id())
                : currentSecret;
        String token =
                spec.token() != null ? secrets.seal(spec.token(), INTEGRATION_TOKEN, integration.id()) : currentToken;
        boolean signs = spec.type() == IntegrationType.GITHUB
                || spec.type() != IntegrationType.GITLAB && spec.signatureHeader() != null;
        if (signs && secret == null) {
            throw InvalidInputException.of("secret", "is required: the key the sender signs its calls with");
        }
        if (!signs && token == null) {
            throw InvalidInputException.of(
                    spec.type() == IntegrationType.GITLAB ? "token" : "secret",
                    spec.type() == IntegrationType.GITLAB
                            ? "token is required: GitLab's secret token"
                            : "is required with signatureHeader, or set a token for senders that cannot sign");
        }
        integration.configure(
                spec.name(),
                spec.type(),
                signs ? secret : null,
                signs ? null : token,
                spec.signatureHeader(),
                spec.signatureAlgorithm(),
                spec.timestampHeader(),
                spec.toleranceSeconds(),
                IntegrationFilter.toJson(spec.filters()),
                spec.enabled(),
                Times.now());
    }

    private void requireFreeName(String tenantId, String name, String exceptId) {
        TenantOwned.idWhere(em, Integration.class, tenantId, Map.of("name", name))
                .filter(id -> !id.equals(exceptId))
                .ifPresent(taken -> {
                    throw new ConflictException("An integration named '" + name + "' exists already: " + taken);
                });
    }
}

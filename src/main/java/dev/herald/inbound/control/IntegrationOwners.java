package dev.herald.inbound.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Which tenant an integration belongs to, asked for each inbound call before it is let in. An
 * integration never changes tenant, so an answer found is remembered; an id that names no
 * integration is not (anyone can send to any id, and must not fill the memory), and neither is
 * a string that cannot be an id, which is not looked up at all.
 */
@ApplicationScoped
public class IntegrationOwners {

    /** Integrations remembered at most; beyond, the memory starts afresh. */
    static final int MAX_REMEMBERED = 10_000;

    private static final Pattern INTEGRATION_ID = Pattern.compile("int_[0-9a-z]{26}");

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    private final Map<String, String> tenants = new ConcurrentHashMap<>();

    public Optional<String> tenantOf(String integrationId) {
        if (!INTEGRATION_ID.matcher(integrationId).matches()) {
            return Optional.empty();
        }
        String known = tenants.get(integrationId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> found = em.createQuery("SELECT i.tenantId FROM Integration i WHERE i.id = :id", String.class)
                .setParameter("id", integrationId)
                .getResultStream()
                .findFirst();
        found.ifPresent(tenant -> {
            if (tenants.size() >= MAX_REMEMBERED) {
                tenants.clear();
            }
            tenants.put(integrationId, tenant);
        });
        return found;
    }
}

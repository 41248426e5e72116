package dev.herald.governance.license.control;

import dev.herald.governance.DueInTurns;
import dev.herald.governance.EventData;
import dev.herald.governance.GovernanceEvents;
import dev.herald.governance.license.entity.License;
import dev.herald.governance.license.entity.LicenseStatus;
import dev.herald.platform.Ids;
import dev.herald.platform.Listing;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.TenantOwned;
import dev.herald.platform.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Issuing, revoking and expiring license leases, each change with its event. */
@ApplicationScoped
@Transactional
public class Licenses {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    GovernanceEvents events;

    public License issue(String tenantId, String productId, String licensee, Instant expiresAt) {
        License license = new License(Ids.next("lic"), tenantId, productId, licensee, expiresAt, Times.now());
        em.persist(license);
        em.flush();
        events.raise(
                tenantId, "license.issued", license.id(), describe(license).put("expires_at", license.expiresAt()));
        return license;
    }

    public License revoke(String tenantId, String id) {
        License license = get(tenantId, id);
        license.revoke(Times.now());
        events.raise(
                tenantId, "license.revoked", license.id(), describe(license).put("revoked_at", license.revokedAt()));
        return license;
    }

    /** Active leases whose time has come, each tenant's oldest first and the tenants in turn. */
    public List<String> due(Instant now, int limit) {
        return DueInTurns.ids(em, "licenses", LicenseStatus.ACTIVE.name(), now, limit);
    }

    /** Expires one due lease and raises {@code license.expired}, exactly once (the row is locked and re-checked). */
    public boolean expire(String id) {
        License license = em.find(License.class, id, LockModeType.PESSIMISTIC_WRITE);
        Instant now = Times.now();
        if (license == null || !license.expireIfDue(now)) {
            return false;
        }
        events.raise(
                license.tenantId(),
                "license.expired",
                license.id(),
                describe(license).put("expired_at", now));
        return true;
    }

    public License get(String tenantId, String id) {
        return TenantOwned.get(em, License.class, "license", tenantId, id);
    }

    public Page<License> list(String tenantId, String productId, LicenseStatus status, PageRequest request) {
        Map<String, Object> criteria = new LinkedHashMap<>();
        criteria.put("productId", productId);
        criteria.put("status", status);
        return Listing.page(em, License.class, tenantId, criteria, request);
    }

    private static EventData describe(License license) {
        return EventData.of("license_id", license.id())
                .put("product_id", license.productId())
                .put("licensee", license.licensee());
    }
}

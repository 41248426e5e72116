package dev.herald.governance;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What has fallen due (a status, and an {@code expires_at} passed), taken a tenant at a time:
 * each tenant's oldest first, the tenants in turn. Taken oldest first across tenants, one
 * tenant's thousands due at one moment came before another tenant's one due a moment later, for
 * as many ticks as they filled (100 a tick, every 30 s): that tenant's approval could then
 * neither be decided nor requested again for as long.
 */
public final class DueInTurns {

    private DueInTurns() {}

    /**
     * @param table a table of Herald's with {@code id, tenant_id, status, expires_at} (a name from
     *     the code, never from a request)
     */
    public static List<String> ids(EntityManager em, String table, String status, Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("SELECT id FROM (SELECT id, expires_at,"
                        + " ROW_NUMBER() OVER (PARTITION BY tenant_id ORDER BY expires_at, id) AS turn"
                        + " FROM " + table + " WHERE status = ?1 AND expires_at <= ?2) due"
                        + " ORDER BY turn, expires_at, id")
                .setParameter(1, status)
                .setParameter(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .setMaxResults(limit)
                .getResultList();
        return ids.stream().map(String.class::cast).toList();
    }
}

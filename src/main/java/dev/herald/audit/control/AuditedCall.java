package dev.herald.audit.control;

import dev.herald.access.control.Authenticator.Authenticated;
import dev.herald.audit.entity.AuditEntry;
import dev.herald.platform.Ids;
import dev.herald.platform.Times;
import dev.herald.platform.text.Texts;

/**
 * A state-changing call as the audit trail names it: who made it, with which token, needing
 * which scope, to which method and path. Its entry is made once the outcome is known.
 *
 * @param scope the scope's wire name, or {@code none} for a console action that needs none
 */
public record AuditedCall(String tenantId, String actor, String tokenId, String scope, String method, String path) {

    private static final int MAX_PATH = 1000;
    private static final int MAX_TARGET = 200;
    private static final int MAX_DETAIL = 1000;

    /**
     * What the trail keeps is cut to its columns here, for the API and the console alike: a
     * long path, target or refusal (a form with a hundred bad lines) must not make the entry
     * unwritable.
     */
    public AuditedCall {
        path = Texts.clip(path, MAX_PATH);
    }

    /** @param path below the API's base ({@code /webhooks/wh_…}); past 1,000 characters it is cut */
    public static AuditedCall of(Authenticated who, String scope, String method, String path) {
        return new AuditedCall(who.tenantId(), who.actor(), who.tokenId(), scope, method, path);
    }

    /** The same call, recorded in another tenant's trail: the one it acted in. */
    public AuditedCall inTenant(String otherTenantId) {
        return new AuditedCall(otherTenantId, actor, tokenId, scope, method, path);
    }

    /** The entry of a call that did what it was asked. */
    public AuditEntry succeeded(String targetId, int status) {
        return entry(targetId, status, "succeeded", null);
    }

    /** The entry of a call that ended with an HTTP status: its outcome is what the status says. */
    public AuditEntry finished(String targetId, int status, String detail) {
        return entry(targetId, status, outcomeOf(status), detail);
    }

    /** {@code succeeded} below 400, {@code denied} for 401 and 403, {@code rejected} for other 4xx, else {@code failed}. */
    static String outcomeOf(int status) {
        if (status < 400) {
            return "succeeded";
        }
        if (status == 401 || status == 403) {
            return "denied";
        }
        return status < 500 ? "rejected" : "failed";
    }

    private AuditEntry entry(String targetId, int status, String outcome, String detail) {
        return new AuditEntry(
                Ids.next("aud"),
                tenantId,
                Times.now(),
                actor,
                tokenId,
                scope,
                method,
                path,
                Texts.clip(targetId, MAX_TARGET),
                status,
                outcome,
                Texts.clip(detail, MAX_DETAIL));
    }
}

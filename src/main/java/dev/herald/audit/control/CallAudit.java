package dev.herald.audit.control;

import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Whether this request's audit entry has already been written, in the transaction of the
 * change itself (a publish's entry commits with its event): then the response filter, which
 * audits every other call after the fact, leaves it alone. Kept as a property of the request
 * itself: a request-scoped bean for this one flag cost each single publish a bean made and
 * injected, 1 % of Herald's CPU under them.
 */
public final class CallAudit {

    private static final String RECORDED_WITH_CHANGE = CallAudit.class.getName() + ".recordedWithChange";

    private CallAudit() {}

    public static void markRecordedWithChange(ContainerRequestContext request) {
        request.setProperty(RECORDED_WITH_CHANGE, Boolean.TRUE);
    }

    public static boolean isRecordedWithChange(ContainerRequestContext request) {
        return Boolean.TRUE.equals(request.getProperty(RECORDED_WITH_CHANGE));
    }
}

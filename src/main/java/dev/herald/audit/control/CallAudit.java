package dev.herald.audit.control;

import jakarta.enterprise.context.RequestScoped;

/**
 * Whether this request's audit entry has already been written, in the transaction of the
 * change itself (a publish's entry commits with its event): then the response filter, which
 * audits every other call after the fact, leaves it alone.
 */
@RequestScoped
public class CallAudit {

    private boolean recordedWithChange;

    public void markRecordedWithChange() {
        recordedWithChange = true;
    }

    public boolean isRecordedWithChange() {
        return recordedWithChange;
    }
}

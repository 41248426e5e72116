package dev.herald.console;

import dev.herald.access.entity.Scope;
import dev.herald.governance.approval.control.Approvals;
import dev.herald.governance.approval.entity.Approval;
import dev.herald.governance.approval.entity.ApprovalStatus;
import dev.herald.platform.Page;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * Approvals in the console: those waiting, and one approval decided with a comment. A
 * decision goes through {@link Approvals#decide} as the API's does (four eyes included), in
 * the name of the signed-in token's actor, and into the audit trail with its outcome.
 */
@Named
@ViewScoped
public class ConsoleApprovals implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleSession session;

    @Inject
    OncePerRequest once;

    @Inject
    Approvals approvals;

    @Inject
    ConsoleActions actions;

    @Inject
    ConsolePages pages;

    // View-scoped: the approval's id from the URL must still be known when the form posts back,
    // or its rendered condition is judged without it and the button's action never runs.
    private String id;
    private String comment;
    private transient Approval shown;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = ConsolePages.given(id);
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = ConsolePages.given(comment);
    }

    /** The approvals waiting for a decision, oldest deadline first as the API lists them. */
    public Page<Approval> getPending() {
        if (!session.canRead("govern")) {
            return pages.nothing();
        }
        return once.get(
                "pending",
                () -> approvals.list(
                        session.getTenantId(), new Approvals.Query(null, ApprovalStatus.PENDING), pages.pageRequest()));
    }

    /** The approval the URL names, if the token may read it and it is this tenant's; else none (as the API's 404). */
    public Approval getApproval() {
        if (shown == null && id != null && session.canRead("govern")) {
            shown = ConsolePages.foundOrNull(() -> approvals.get(session.getTenantId(), id));
        }
        return shown;
    }

    public boolean isDecidable() {
        return session.has(Scope.GOVERN)
                && getApproval() != null
                && getApproval().status() == ApprovalStatus.PENDING;
    }

    public String approve() {
        return decide(true);
    }

    public String reject() {
        return decide(false);
    }

    private String decide(boolean approve) {
        String path = "/approvals/" + id + "/" + (approve ? "approve" : "reject");
        return actions.run(
                        Scope.GOVERN,
                        "POST",
                        path,
                        id,
                        () -> approvals.decide(session.getTenantId(), session.getActor(), id, approve, comment))
                .map(decided -> {
                    ConsoleActions.tellAfterRedirect(approve ? "Approved." : "Rejected.");
                    return "/console/approval?faces-redirect=true&includeViewParams=true";
                })
                .orElse(null);
    }
}

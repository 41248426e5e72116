package dev.herald.console;

import dev.herald.access.entity.Scope;
import dev.herald.audit.control.AuditTrail;
import dev.herald.audit.control.AuditedCall;
import dev.herald.governance.approval.control.Approvals;
import dev.herald.governance.approval.entity.Approval;
import dev.herald.governance.approval.entity.ApprovalStatus;
import dev.herald.platform.Page;
import dev.herald.problems.ConflictException;
import dev.herald.problems.FieldError;
import dev.herald.problems.ForbiddenProblem;
import dev.herald.problems.InvalidInputException;
import dev.herald.problems.NotFoundProblem;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
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
    Approvals approvals;

    @Inject
    AuditTrail auditTrail;

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
        this.id = id == null || id.isBlank() ? null : id.trim();
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment == null || comment.isBlank() ? null : comment.strip();
    }

    /** The approvals waiting for a decision, oldest deadline first as the API lists them. */
    public Page<Approval> getPending() {
        if (!session.canRead("govern")) {
            return pages.nothing();
        }
        return approvals.list(session.getTenantId(), new Approvals.Query(null, ApprovalStatus.PENDING),
                pages.pageRequest());
    }

    /** The approval the URL names, if the token may read it and it is this tenant's; else none (as the API's 404). */
    public Approval getApproval() {
        if (shown == null && id != null && session.canRead("govern")) {
            try {
                shown = approvals.get(session.getTenantId(), id);
            } catch (NotFoundProblem notThisTenants) {
                return null;
            }
        }
        return shown;
    }

    public boolean isDecidable() {
        return session.has(Scope.GOVERN) && getApproval() != null && getApproval().status() == ApprovalStatus.PENDING;
    }

    public String approve() {
        return decide(true);
    }

    public String reject() {
        return decide(false);
    }

    private String decide(boolean approve) {
        AuditedCall call = new AuditedCall(session.getTenantId(), session.getActor(), session.getTokenId(),
                Scope.GOVERN.wireName(), "POST", "/console/approvals/" + id + "/" + (approve ? "approve" : "reject"));
        if (!session.has(Scope.GOVERN)) {
            return refuse(call, 403, "denied", "Deciding an approval needs a token with the 'govern' scope.");
        }
        try {
            approvals.decide(session.getTenantId(), session.getActor(), id, approve, comment);
        } catch (ForbiddenProblem e) {
            return refuse(call, 403, "denied", e.getMessage());
        } catch (InvalidInputException e) {
            FieldError first = e.errors().get(0);
            return refuse(call, 400, "rejected", "The " + first.field() + " " + first.message() + ".");
        } catch (NotFoundProblem | ConflictException e) {
            return refuse(call, e instanceof NotFoundProblem ? 404 : 409, "rejected", e.getMessage());
        }
        auditTrail.recordOrLog(call.succeeded(id, 303));
        FacesContext faces = FacesContext.getCurrentInstance();
        String done = approve ? "Approved." : "Rejected.";
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, done, done));
        faces.getExternalContext().getFlash().setKeepMessages(true);
        return "/console/approval?faces-redirect=true&includeViewParams=true";
    }

    /** Shows why, records the refusal, and stays on the page with nothing changed. */
    private String refuse(AuditedCall call, int status, String outcome, String why) {
        auditTrail.recordOrLog(call.entry(id, status, outcome, why));
        FacesContext.getCurrentInstance().addMessage("decide", new FacesMessage(FacesMessage.SEVERITY_ERROR, why, why));
        return null;
    }
}

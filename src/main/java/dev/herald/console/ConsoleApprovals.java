package dev.herald.console;

import dev.herald.access.entity.Scope;
import dev.herald.audit.control.AuditTrail;
import dev.herald.audit.control.AuditedCall;
import dev.herald.audit.entity.AuditEntry;
import dev.herald.governance.approval.control.Approvals;
import dev.herald.governance.approval.entity.Approval;
import dev.herald.governance.approval.entity.ApprovalStatus;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.problems.ConflictException;
import dev.herald.problems.ForbiddenProblem;
import dev.herald.problems.NotFoundProblem;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Approvals in the console: those waiting, and one approval decided with a comment. A
 * decision goes through {@link Approvals#decide} as the API's does (four eyes included), in
 * the name of the signed-in token's actor, and into the audit trail with its outcome.
 */
@Named
@ViewScoped
public class ConsoleApprovals implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ConsoleApprovals.class.getName());

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

    public int getMaxComment() {
        return Approvals.MAX_COMMENT;
    }

    /** The approvals waiting for a decision, oldest deadline first as the API lists them. */
    public Page<Approval> getPending() {
        int page = Integer.parseInt(pages.getPage());
        if (!session.canRead("govern")) {
            return new Page<>(List.of(), page, ConsolePages.PAGE_SIZE, 0);
        }
        return approvals.list(session.getTenantId(), new Approvals.Query(null, ApprovalStatus.PENDING),
                new PageRequest(page, ConsolePages.PAGE_SIZE));
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
        if (comment != null && comment.length() > Approvals.MAX_COMMENT) {
            return refuse(call, 400, "rejected", "The comment must be at most " + Approvals.MAX_COMMENT
                    + " characters, not " + comment.length() + ".");
        }
        try {
            approvals.decide(session.getTenantId(), session.getActor(), id, approve, comment);
        } catch (ForbiddenProblem e) {
            return refuse(call, 403, "denied", e.getMessage());
        } catch (NotFoundProblem | ConflictException e) {
            return refuse(call, e instanceof NotFoundProblem ? 404 : 409, "rejected", e.getMessage());
        }
        audit(call.succeeded(id, 303));
        FacesContext faces = FacesContext.getCurrentInstance();
        String done = approve ? "Approved." : "Rejected.";
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, done, done));
        faces.getExternalContext().getFlash().setKeepMessages(true);
        return "/console/approval?faces-redirect=true&includeViewParams=true";
    }

    /** Shows why, records the refusal, and stays on the page with nothing changed. */
    private String refuse(AuditedCall call, int status, String outcome, String why) {
        audit(call.entry(id, status, outcome, why));
        FacesContext.getCurrentInstance().addMessage("decide", new FacesMessage(FacesMessage.SEVERITY_ERROR, why, why));
        return null;
    }

    private void audit(AuditEntry entry) {
        try {
            auditTrail.record(entry);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Could not record the console decision " + entry.path() + " of " + entry.actor(), e);
        }
    }
}

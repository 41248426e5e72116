package dev.herald.console;

import dev.herald.access.entity.Scope;
import dev.herald.governance.policy.control.Policies;
import dev.herald.governance.policy.control.PolicyInput;
import dev.herald.governance.policy.entity.Policy;
import dev.herald.platform.Page;
import dev.herald.platform.json.Jsons;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * Release policies in the console (admin, as in the API): the list, and one form that creates
 * a policy or, with {@code ?id=}, edits one. The form is read by the API's own rule
 * ({@link PolicyInput}), so its messages land beside the fields.
 */
@Named
@ViewScoped
public class ConsolePolicies implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleSession session;

    @Inject
    OncePerRequest once;

    @Inject
    ConsolePages pages;

    @Inject
    ConsoleActions actions;

    @Inject
    Policies policies;

    private final ViewPage page = new ViewPage();
    private String id;
    private boolean found = true;
    private String name;
    private boolean requireApproval = true;
    private boolean separationOfDuties = true;

    /** Fills the form from the policy the URL names (once per view). */
    public void load() {
        if (id == null || !session.isAdmin()) {
            return;
        }
        Policy policy = ConsolePages.foundOrNull(() -> policies.get(session.getTenantId(), id));
        found = policy != null;
        if (found) {
            name = policy.name();
            requireApproval = policy.requireApproval();
            separationOfDuties = policy.separationOfDuties();
        }
    }

    public Page<Policy> getPolicies() {
        return session.isAdmin()
                ? once.get("policies", () -> policies.list(session.getTenantId(), page.request()))
                : pages.nothing();
    }

    public String save() {
        var form = Jsons.object();
        FormFields.addText(form, "name", name);
        var body = form.add(
                        "rules",
                        Jsons.object()
                                .add("requireApproval", requireApproval)
                                .add("separationOfDuties", separationOfDuties))
                .build();
        boolean editing = id != null;
        var saved = actions.run(
                Scope.ADMIN,
                editing ? "PUT" : "POST",
                editing ? "/policies/" + id : "/policies",
                id,
                Policy::id,
                null,
                () -> {
                    PolicyInput in = PolicyInput.read(body);
                    return editing
                            ? policies.replace(session.getTenantId(), session.getActor(), id, in.name(), in.rules())
                            : policies.create(session.getTenantId(), session.getActor(), in.name(), in.rules());
                });
        return saved.map(policy -> {
                    ConsoleActions.tellAfterRedirect("Policy '" + policy.name() + "' saved.");
                    return "/console/policies?faces-redirect=true";
                })
                .orElse(null);
    }

    public String delete(String policyId) {
        return actions.run(Scope.ADMIN, "DELETE", "/policies/" + policyId, policyId, () -> {
                    policies.delete(session.getTenantId(), session.getActor(), policyId);
                    return policyId;
                })
                .map(deleted -> {
                    ConsoleActions.tellAfterRedirect("Policy deleted.");
                    return "/console/policies?faces-redirect=true";
                })
                .orElse(null);
    }

    public boolean isEditing() {
        return id != null;
    }

    public boolean isFound() {
        return found;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = ConsolePages.given(id);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isRequireApproval() {
        return requireApproval;
    }

    public void setRequireApproval(boolean requireApproval) {
        this.requireApproval = requireApproval;
    }

    public boolean isSeparationOfDuties() {
        return separationOfDuties;
    }

    public void setSeparationOfDuties(boolean separationOfDuties) {
        this.separationOfDuties = separationOfDuties;
    }

    public ViewPage getPage() {
        return page;
    }
}

package dev.herald.console;

import dev.herald.access.entity.Scope;
import dev.herald.audit.control.AuditTrail;
import dev.herald.audit.control.AuditedCall;
import dev.herald.problems.FieldError;
import dev.herald.problems.InputErrors;
import dev.herald.problems.Problem;
import dev.herald.problems.ProblemMapper;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs a state-changing console action as the API runs its call: the token must hold the
 * action's scope, the control class decides (its rules, its messages), a refusal is shown
 * with the API's problem detail and field errors and changes nothing, and every outcome goes
 * into the audit trail under {@code /console/…}.
 */
@Named
@RequestScoped
public class ConsoleActions {

    @Inject
    ConsoleSession session;

    @Inject
    AuditTrail auditTrail;

    private List<FieldError> fieldErrors = List.of();

    /**
     * @param path     what the action did, below {@code /console}: {@code /webhooks/wh_…/rotate-secret}
     * @param targetId the object acted on, as the audit trail names it
     * @param action   the control call; its result (never null) is handed back when it succeeded
     * @return the action's result, or empty when it was refused (the page then shows why)
     */
    public <T> Optional<T> run(Scope scope, String method, String path, String targetId, Supplier<T> action) {
        return run(scope, method, path, targetId, null, action);
    }

    /**
     * As {@link #run(Scope, String, String, String, Supplier)}, for an action in another tenant
     * than the session's (the platform admin's change to a tenant's tokens): what it changed is
     * recorded in that tenant's trail too, as the API's calls are.
     *
     * @param actedIn the tenant acted in, or null for the session's own
     */
    public <T> Optional<T> run(
            Scope scope, String method, String path, String targetId, String actedIn, Supplier<T> action) {
        return run(scope, method, path, targetId, result -> null, actedIn, action);
    }

    /**
     * As {@link #run(Scope, String, String, String, String, Supplier)}, for an action that may
     * create its object: when it does ({@code targetId} null), the entry names the object made,
     * {@code created} of the result, and is a 201 as the API's create is.
     */
    public <T> Optional<T> run(
            Scope scope,
            String method,
            String path,
            String targetId,
            Function<? super T, String> created,
            String actedIn,
            Supplier<T> action) {
        AuditedCall call = new AuditedCall(
                session.getTenantId(),
                session.getActor(),
                session.getTokenId(),
                scope.wireName(),
                method,
                "/console" + path);
        if (!session.has(scope)) {
            return refused(
                    call,
                    targetId,
                    new Problem(
                            "forbidden",
                            403,
                            "Forbidden",
                            "This needs a token with the '" + scope.wireName() + "' scope."));
        }
        T result;
        try {
            result = action.get();
        } catch (RuntimeException e) {
            return refused(call, targetId, ProblemMapper.problemOf(e));
        }
        String made = targetId == null ? created.apply(result) : null;
        String target = made != null ? made : targetId;
        int status = made != null ? 201 : 200;
        auditTrail.recordOrLog(call.finished(target, status, null));
        // A tenant created is acted in too: its trail shows its first token issued, as the API's does.
        String otherTenant = actedIn == null && path.equals("/tenants") ? made : actedIn;
        if (otherTenant != null && !otherTenant.equals(call.tenantId())) {
            auditTrail.recordOrLog(call.inTenant(otherTenant).finished(target, status, null));
        }
        return Optional.of(result);
    }

    private <T> Optional<T> refused(AuditedCall call, String targetId, Problem problem) {
        fieldErrors = problem.errors();
        String why = fieldErrors.isEmpty()
                ? problem.detail()
                : "Nothing was changed: "
                        + fieldErrors.stream().map(ConsoleActions::sentence).collect(Collectors.joining(" "))
                        // Past the listed ones, the detail counts the rest.
                        + (fieldErrors.size() >= InputErrors.MAX_LISTED ? " " + problem.detail() + "." : "");
        auditTrail.recordOrLog(call.finished(targetId, problem.status(), why));
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, why, why));
        return Optional.empty();
    }

    /**
     * What this request's refusal said about a field and the fields inside it ({@code retryPolicy}
     * covers {@code retryPolicy.maxRetries}), for beside it: a refused form is shown again in
     * the same request, so the request's errors are the form's.
     */
    public String errorFor(String field) {
        return fieldErrors.stream()
                .filter(e -> e.field().equals(field)
                        || e.field().startsWith(field + ".")
                        || e.field().startsWith(field + "["))
                .map(e -> e.field() + " " + e.message())
                .collect(Collectors.joining("; "));
    }

    /** Keeps a success message across the redirect that follows a change (post, redirect, get). */
    public static void tellAfterRedirect(String message) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, message));
        faces.getExternalContext().getFlash().setKeepMessages(true);
    }

    private static String sentence(FieldError error) {
        return "The " + error.field() + " " + error.message() + ".";
    }
}

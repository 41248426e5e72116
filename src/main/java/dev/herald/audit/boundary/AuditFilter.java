package dev.herald.audit.boundary;

import dev.herald.access.control.Authenticator.Authenticated;
import dev.herald.access.control.Caller;
import dev.herald.audit.control.AuditTrail;
import dev.herald.audit.control.AuditedCall;
import dev.herald.audit.control.CallAudit;
import dev.herald.platform.json.Jsons;
import dev.herald.platform.logging.LogIds;
import dev.herald.platform.text.Texts;
import dev.herald.problems.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records every state-changing call an authenticated caller made to a resource, once its
 * answer is known: allowed or refused, succeeded or not. Reads are not recorded, and neither
 * are calls nobody authenticated (a guessed token must not fill the trail).
 */
@Provider
@ApplicationScoped
public class AuditFilter implements ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(AuditFilter.class.getName());
    private static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    /** Path parameters naming the object acted on, most specific first. */
    private static final List<String> TARGET_PARAMETERS = List.of("tokenId", "id", "name");

    @Inject
    Caller caller;

    @Inject
    AuditTrail trail;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (READS.contains(request.getMethod()) || CallAudit.isRecordedWithChange(request)) {
            return;
        }
        Optional<AuditedCall> audited = CallAudit.handedOver(request).or(() -> callerCall(request));
        if (audited.isEmpty()) {
            return;
        }
        AuditedCall call = audited.get();
        int status = response.getStatus();
        if (status == HttpServletResponse.SC_SERVICE_UNAVAILABLE) {
            // Herald's database is unreachable (that is what a 503 says): the entry could not be
            // written either, and waiting for it would undo the quick 503 the outage is owed.
            LogIds.tenant(call.tenantId())
                    .log(
                            LOG,
                            Level.WARNING,
                            "Not audited while the database is unavailable: "
                                    + request.getMethod() + " /"
                                    + Texts.clip(request.getUriInfo().getPath(false), 200) + " by "
                                    + call.actor() + " (" + call.tokenId() + ")");
            return;
        }
        MultivaluedMap<String, String> pathParameters = request.getUriInfo().getPathParameters();
        String target = target(pathParameters, status, response.getEntity());
        String detail = status >= 400 ? problemDetail(response.getEntity()) : null;
        trail.recordOrLog(call.finished(target, status, detail));
        otherTenantChanged(request, pathParameters, target, call, status)
                .ifPresent(tenant -> trail.recordOrLog(call.inTenant(tenant).finished(target, status, detail)));
    }

    /**
     * The tenant whose tokens the platform admin changed, when that is not the admin's own: the
     * change is recorded in that tenant's trail too, so a tenant sees every token issued or
     * revoked in it, its first (issued as the tenant is created) included. Only a change that was
     * made is (the tenant then exists).
     */
    private static Optional<String> otherTenantChanged(
            ContainerRequestContext request,
            MultivaluedMap<String, String> pathParameters,
            String target,
            AuditedCall call,
            int status) {
        String path = request.getUriInfo().getPath();
        String tenant = path.equals("tenants") ? target : pathParameters.getFirst("id");
        return status < 300 && tenant != null && !tenant.equals(call.tenantId()) && path.startsWith("tenants")
                ? Optional.of(tenant)
                : Optional.empty();
    }

    /** The call as this request's caller made it; none when nobody authenticated or it needs no scope. */
    private Optional<AuditedCall> callerCall(ContainerRequestContext request) {
        if (caller.neededScope().isEmpty() || caller.current().isEmpty()) {
            return Optional.empty();
        }
        Authenticated who = caller.current().get();
        return Optional.of(AuditedCall.of(
                who,
                caller.neededScope().get().wireName(),
                request.getMethod(),
                "/" + request.getUriInfo().getPath()));
    }

    /** The object acted on: the one a create answered with, or else the one the path names. */
    private static String target(MultivaluedMap<String, String> pathParameters, int status, Object entity) {
        String created = status == 201 ? idOf(entity) : null;
        if (created != null) {
            return created;
        }
        for (String name : TARGET_PARAMETERS) {
            String value = pathParameters.getFirst(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The created object's {@code id}, or its {@code name} when that is what names it (an event type). */
    private static String idOf(Object entity) {
        if (entity instanceof Record record) {
            for (String naming : List.of("id", "name")) {
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    if (component.getName().equals(naming)) {
                        try {
                            return String.valueOf(component.getAccessor().invoke(record));
                        } catch (ReflectiveOperationException e) {
                            return null;
                        }
                    }
                }
            }
        }
        if (entity instanceof JsonObject json) {
            return json.getString("id", null);
        }
        return null;
    }

    /** A problem answer is its JSON as text (see {@link Problem#toResponse}); its detail says why. */
    private static String problemDetail(Object entity) {
        if (entity instanceof String text && text.startsWith("{")) {
            try {
                return Jsons.parseObject(text).getString("detail", null);
            } catch (RuntimeException notJson) {
                return null;
            }
        }
        return null;
    }
}

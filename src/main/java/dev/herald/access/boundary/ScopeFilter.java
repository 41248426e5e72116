package dev.herald.access.boundary;

import dev.herald.access.control.Caller;
import dev.herald.access.control.Needs;
import dev.herald.access.entity.Scope;
import dev.herald.problems.ForbiddenProblem;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * Refuses a call outside its token's scopes before the resource runs, so a refused call
 * changes nothing. Which scope a call needs is declared on its resource ({@link Needs}).
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
@ApplicationScoped
public class ScopeFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Inject
    Caller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!caller.isAuthenticated()) {
            return; // inbound webhooks and validation links, which carry their own credential
        }
        Method method = resource.getResourceMethod();
        Scope needed = needed(method, resource.getResourceClass(), request.getMethod());
        caller.needs(needed);
        if (caller.has(needed)) {
            return;
        }
        if (needed == Scope.READ && caller.has(areaOf(resource.getResourceClass()))) {
            return;
        }
        throw new ForbiddenProblem(
                "missing-scope",
                "This call needs a token with the '" + needed.wireName()
                        + "' scope (or 'admin'); this token has "
                        + caller.current().orElseThrow().scopes().stream()
                                .map(Scope::wireName)
                                .toList());
    }

    /** The scope a call needs; for a read, {@code read} (which the area's own scope also grants). */
    static Scope needed(Method method, Class<?> resourceClass, String httpMethod) {
        Needs exact = method == null ? null : method.getAnnotation(Needs.class);
        if (exact != null) {
            return exact.value();
        }
        Needs area = resourceClass == null ? null : resourceClass.getAnnotation(Needs.class);
        if (area == null) {
            return Scope.ADMIN;
        }
        boolean read = HttpMethod.GET.equals(httpMethod) || HttpMethod.HEAD.equals(httpMethod);
        return read ? Scope.READ : area.value();
    }

    private static Scope areaOf(Class<?> resourceClass) {
        Needs area = resourceClass == null ? null : resourceClass.getAnnotation(Needs.class);
        return area == null ? Scope.ADMIN : area.value();
    }
}

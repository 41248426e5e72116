package dev.herald.platform;

import dev.herald.problems.InputErrors;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses a query parameter the called operation does not take (API.md: "a typo must never be
 * silently ignored"): {@code GET /webhooks/{id}/deliveries?staus=failed} would otherwise answer
 * every delivery as if it had been asked for the failed ones. An operation that reads whatever
 * parameters come ({@code @Context UriInfo}, the inbound receivers: a forge's webhook URL may
 * carry anything) takes them all. After authentication, so an anonymous caller learns nothing.
 */
@Provider
@Priority(Priorities.USER)
public class UnknownQueryParameterFilter implements ContainerRequestFilter {

    /** Per operation, the names it takes; empty when it takes any. Bounded by the operations there are. */
    private static final Map<Method, Optional<Set<String>>> TAKEN = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Optional<Set<String>> taken = TAKEN.computeIfAbsent(method, UnknownQueryParameterFilter::parametersOf);
        if (taken.isEmpty()) {
            return;
        }
        Set<String> names = taken.get();
        Set<String> unknown =
                new TreeSet<>(request.getUriInfo().getQueryParameters(true).keySet());
        unknown.removeAll(names);
        if (unknown.isEmpty()) {
            return;
        }
        String why = names.isEmpty()
                ? "is not a parameter of this operation, which takes none"
                : "is not a parameter of this operation, which takes " + String.join(", ", names);
        InputErrors errors = new InputErrors();
        unknown.forEach(name -> errors.add(name, why));
        errors.throwIfAny();
    }

    private static Optional<Set<String>> parametersOf(Method method) {
        Set<String> names = new TreeSet<>();
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            for (Annotation annotation : annotations) {
                if (annotation instanceof QueryParam query) {
                    names.add(query.value());
                }
            }
        }
        boolean takesAny = Arrays.asList(method.getParameterTypes()).contains(UriInfo.class);
        return takesAny ? Optional.empty() : Optional.of(names);
    }
}

package dev.herald.console;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Lets the single sign-on mechanism see only the path it guards, {@code /console/sso} (its
 * entry and the provider's way back). The container asks the mechanism about every request,
 * the API's included, before any filter runs, and the OpenID mechanism first reads a
 * {@code state} parameter: for a form-encoded POST that is reading the whole body on a request
 * thread, before {@code CallAdmission} or {@link ConsoleGuard} can count the call. With single
 * sign-on on, a form sent slowly to any path so held a thread outside every bound
 * ({@code ConsoleAdmissionSpec} found it). For every other path the mechanism would do nothing
 * anyway; now it is not asked.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class SingleSignOnPathOnly implements HttpAuthenticationMechanism {

    @Inject
    @Delegate
    @Any
    HttpAuthenticationMechanism mechanism;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
            throws AuthenticationException {
        if (!context.isProtected()) {
            return context.doNothing();
        }
        return mechanism.validateRequest(request, response, context);
    }
}

package dev.herald.subscriptions.boundary;

import dev.herald.access.boundary.OpenPath;
import dev.herald.subscriptions.control.SubscriptionValidation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The one-time validation link is its own credential, opened by an endpoint's owner. A link a
 * subscription waits for is its tenant's call: it waits in that tenant's line, not behind
 * everyone's calls without a valid credential.
 */
@ApplicationScoped
public class ValidationOpenPath implements OpenPath {

    @Inject
    SubscriptionValidation validation;

    @Override
    public String segment() {
        return ValidationCallbackResource.PATH;
    }

    @Override
    public Optional<String> tenantOf(String rest) {
        return rest.indexOf('/') < 0 ? validation.tenantOfLink(rest) : Optional.empty();
    }
}

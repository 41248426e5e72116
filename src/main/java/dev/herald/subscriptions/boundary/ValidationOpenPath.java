package dev.herald.subscriptions.boundary;

import dev.herald.access.boundary.OpenPath;
import jakarta.enterprise.context.ApplicationScoped;

/** The one-time validation link is its own credential, opened by an endpoint's owner. */
@ApplicationScoped
public class ValidationOpenPath implements OpenPath {

    @Override
    public String segment() {
        return ValidationCallbackResource.PATH;
    }
}

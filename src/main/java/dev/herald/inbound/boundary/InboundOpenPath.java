package dev.herald.inbound.boundary;

import dev.herald.access.boundary.OpenPath;
import dev.herald.inbound.control.IntegrationOwners;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Senders authenticate by their integration's signature or token, not by a bearer token. A
 * call is its integration's tenant's: a sender's burst waits in that tenant's line.
 */
@ApplicationScoped
public class InboundOpenPath implements OpenPath {

    @Inject
    IntegrationOwners owners;

    @Override
    public String segment() {
        return InboundResource.PATH;
    }

    @Override
    public Optional<String> tenantOf(String rest) {
        int end = rest.indexOf('/');
        return owners.tenantOf(end < 0 ? rest : rest.substring(0, end));
    }
}

package dev.herald.inbound.boundary;

import dev.herald.access.boundary.OpenPath;
import jakarta.enterprise.context.ApplicationScoped;

/** Senders authenticate by their integration's signature or token, not by a bearer token. */
@ApplicationScoped
public class InboundOpenPath implements OpenPath {

    @Override
    public String segment() {
        return InboundResource.PATH;
    }
}

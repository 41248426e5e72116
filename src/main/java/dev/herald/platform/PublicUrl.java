package dev.herald.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Where Herald is reached from outside ({@code herald.public-url}): the base of every URL it hands out. */
@ApplicationScoped
public class PublicUrl {

    @Inject
    @ConfigProperty(name = "herald.public-url", defaultValue = "http://localhost:8080/")
    String configured;

    /** The public base, ending in a slash. */
    public URI base() {
        return URI.create(configured.endsWith("/") ? configured : configured + "/");
    }

    /** An API path ({@code inbound/int_…}) as a full URL under {@code /api/v1/}. */
    public URI api(String path) {
        return base().resolve("api/v1/" + path);
    }
}

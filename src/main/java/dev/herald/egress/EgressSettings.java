package dev.herald.egress;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What Herald may call and how long it waits for a connection, checked when first used. */
@ApplicationScoped
public class EgressSettings {

    @Inject
    @ConfigProperty(name = "herald.delivery.allowed-networks")
    Optional<String> allowedNetworksText;

    @Inject
    @ConfigProperty(name = "herald.delivery.connect-timeout", defaultValue = "PT10S")
    Duration connectTimeout;

    private List<Cidr> allowedNetworks;

    @PostConstruct
    void check() {
        allowedNetworks = allowedNetworksText.stream()
                .flatMap(list -> Arrays.stream(list.split(",")))
                .filter(text -> !text.isBlank())
                .map(Cidr::parse)
                .toList();
        if (connectTimeout.compareTo(Duration.ofMillis(100)) < 0
                || connectTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalStateException(
                    "herald.delivery.connect-timeout must be from PT0.1S to PT1M, not " + connectTimeout);
        }
    }

    /** The private ranges an operator opened to deliveries ({@code herald.delivery.allowed-networks}). */
    List<Cidr> allowedNetworks() {
        return allowedNetworks;
    }

    /** How long to wait for a receiver to accept a connection; the request's own deadline bounds the rest. */
    Duration connectTimeout() {
        return connectTimeout;
    }
}

package dev.herald.access.entity;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a token may do in its tenant, chosen when it is issued and never widened. Each area of
 * the API belongs to one scope; reading it needs {@link #READ} or that area's scope.
 */
public enum Scope {
    /** Tokens, policies and the audit trail; it also holds every other scope, since it could issue itself any. */
    ADMIN,
    /** Events, event types and inbound set-up (integrations, components). */
    PUBLISH,
    /** Releases, approvals, licenses and artifacts. */
    GOVERN,
    /** Webhook subscriptions and their deliveries, secrets included. */
    SUBSCRIBE,
    /** Everything readable, no secrets. */
    READ;

    public String wireName() {
        return name().toLowerCase();
    }

    public static Optional<Scope> fromWire(String name) {
        return Arrays.stream(values())
                .filter(scope -> scope.wireName().equals(name))
                .findFirst();
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(Scope::wireName).collect(Collectors.joining(", "));
    }

    /** How a token's scopes are stored: their wire names, comma-separated, in declaration order. */
    public static String encode(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::wireName).collect(Collectors.joining(","));
    }

    public static Set<Scope> decode(String stored) {
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : stored.split(",")) {
            fromWire(name.trim()).ifPresent(scopes::add);
        }
        return scopes;
    }
}

package dev.herald.access.boundary;

import dev.herald.access.entity.ApiToken;
import dev.herald.access.entity.Scope;
import java.time.Instant;
import java.util.List;

/**
 * An API token as listed; {@code token} only in the answer that issued it. {@code role} is
 * {@code admin} for the platform's bootstrap token, {@code tenant} for every other.
 */
public record TokenOut(
        String id,
        String tenantId,
        String actor,
        List<String> scopes,
        String role,
        boolean bootstrap,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        String token) {

    static TokenOut of(ApiToken token) {
        return withToken(token, null);
    }

    static TokenOut withToken(ApiToken token, String plainText) {
        return new TokenOut(
                token.id(),
                token.tenantId(),
                token.actor(),
                token.scopes().stream().map(Scope::wireName).toList(),
                token.role().wireName(),
                token.bootstrap(),
                token.createdAt(),
                token.expiresAt(),
                token.lastUsedAt(),
                plainText);
    }
}

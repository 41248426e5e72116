package dev.herald.access.boundary;

import dev.herald.access.entity.ApiToken;
import java.time.Instant;

/** An API token as listed; {@code token} only in the answer that issued it. */
public record TokenOut(String id, String tenantId, String role, boolean bootstrap, Instant createdAt, String token) {

    static TokenOut of(ApiToken token) {
        return new TokenOut(token.id(), token.tenantId(), token.role().wireName(), token.bootstrap(),
                token.createdAt(), null);
    }

    static TokenOut withToken(ApiToken token, String plainText) {
        return new TokenOut(token.id(), token.tenantId(), token.role().wireName(), token.bootstrap(),
                token.createdAt(), plainText);
    }
}

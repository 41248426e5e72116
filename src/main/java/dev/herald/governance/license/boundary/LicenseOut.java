package dev.herald.governance.license.boundary;

import dev.herald.governance.license.entity.License;
import java.time.Instant;

/** A license lease as clients see it; {@code status} is active, revoked or expired. */
public record LicenseOut(
        String id,
        String productId,
        String licensee,
        String status,
        Instant expiresAt,
        Instant revokedAt,
        Instant createdAt) {

    static LicenseOut of(License license) {
        return new LicenseOut(
                license.id(),
                license.productId(),
                license.licensee(),
                license.status().wireName(),
                license.expiresAt(),
                license.revokedAt(),
                license.createdAt());
    }
}

package dev.herald.inbound.boundary;

import dev.herald.inbound.control.IntegrationFilter;
import dev.herald.inbound.entity.Integration;
import dev.herald.platform.PublicUrl;
import java.time.Instant;
import java.util.List;

/**
 * An integration as clients see it: {@code url} is where its sender delivers. Secrets and
 * tokens are write-only: {@code secretSet} and {@code tokenSet} only say whether one is.
 */
public record IntegrationOut(
        String id,
        String name,
        String type,
        String url,
        String signatureHeader,
        String signatureAlgorithm,
        String timestampHeader,
        Integer toleranceSeconds,
        boolean secretSet,
        boolean tokenSet,
        List<IntegrationFilter> filters,
        boolean enabled,
        Instant createdAt,
        Instant updatedAt) {

    static IntegrationOut of(Integration integration, PublicUrl publicUrl) {
        return new IntegrationOut(
                integration.id(),
                integration.name(),
                integration.type().wireName(),
                publicUrl.api(InboundResource.PATH + "/" + integration.id()).toString(),
                integration.signatureHeader(),
                integration.signatureAlgorithm(),
                integration.timestampHeader(),
                integration.toleranceSeconds(),
                integration.secretSealed() != null,
                integration.tokenSealed() != null,
                IntegrationFilter.fromJson(integration.filtersJson()),
                integration.enabled(),
                integration.createdAt(),
                integration.updatedAt());
    }
}

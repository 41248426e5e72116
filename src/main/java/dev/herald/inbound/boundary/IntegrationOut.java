package dev.herald.inbound.boundary;

import dev.herald.inbound.control.IntegrationFilter;
import dev.herald.inbound.entity.Integration;
import java.time.Instant;
import java.util.List;

/**
 * An integration as clients see it: {@code url} is where its sender delivers. Secrets and
 * tokens are write-only: {@code secretSet} and {@code tokenSet} only say whether one is.
 */
public record IntegrationOut(String id, String name, String type, String url, String signatureHeader,
        String signatureAlgorithm, String timestampHeader, Integer toleranceSeconds, boolean secretSet,
        boolean tokenSet, List<IntegrationFilter> filters, boolean enabled, Instant createdAt, Instant updatedAt) {

    static IntegrationOut of(Integration integration, String publicUrl) {
        String base = publicUrl.endsWith("/") ? publicUrl : publicUrl + "/";
        return new IntegrationOut(integration.id(), integration.name(), integration.type().wireName(),
                base + "api/v1/" + InboundResource.PATH + "/" + integration.id(), integration.signatureHeader(),
                integration.signatureAlgorithm(), integration.timestampHeader(), integration.toleranceSeconds(),
                integration.secretSealed() != null, integration.tokenSealed() != null,
                IntegrationFilter.fromJson(integration.filtersJson()), integration.enabled(), integration.createdAt(),
                integration.updatedAt());
    }
}

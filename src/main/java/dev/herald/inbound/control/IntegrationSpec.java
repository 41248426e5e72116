package dev.herald.inbound.control;

import dev.herald.inbound.entity.IntegrationType;
import java.util.List;

/**
 * What a client says an integration is. {@code secret} and {@code token} null on a replace
 * mean "keep the current one".
 */
public record IntegrationSpec(
        String name,
        IntegrationType type,
        String secret,
        String token,
        String signatureHeader,
        String signatureAlgorithm,
        String timestampHeader,
        Integer toleranceSeconds,
        List<IntegrationFilter> filters,
        boolean enabled) {}

package dev.herald.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OpenApiCleanupTest {

    @Test
    void anOperationIsNamedByItsMethodAndThePathsFixedSegments() {
        assertEquals("listWebhooks", OpenApiCleanup.operationId("/api/v1/webhooks", "list"));
        assertEquals("getWebhooks", OpenApiCleanup.operationId("/api/v1/webhooks/{id}", "get"));
        assertEquals("listWebhooksDeliveries", OpenApiCleanup.operationId("/api/v1/webhooks/{id}/deliveries", "list"));
        assertEquals("listEventTypes", OpenApiCleanup.operationId("/api/v1/event-types", "list"));
    }

    @Test
    void aMethodNamedAfterTheLastSegmentIsNotNamedTwice() {
        assertEquals("rotateSecretWebhooks", OpenApiCleanup.operationId("/api/v1/webhooks/{id}/rotate-secret",
                "rotateSecret"));
        assertEquals("approveApprovals", OpenApiCleanup.operationId("/api/v1/approvals/{id}/approve", "approve"));
    }
}

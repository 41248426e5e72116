package dev.herald.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OpenApiCleanupTest {

    /**
     * The examples come from the integration suite's own calls (ResponseRecorder): an operation
     * it never called successfully has none, and shows up here.
     */
    @Test
    void everyOperationOfTheCommittedDocumentShowsItsSuccessWithAnExample() throws IOException {
        JsonNode paths = JsonMapper.builder()
                .build()
                .readTree(Files.readString(Path.of("docs", "openapi.json")))
                .get("paths");
        List<String> without = new ArrayList<>();
        paths.properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    JsonNode responses = operation.getValue().get("responses");
                    boolean shown = responses.has("204")
                            || responses.properties().stream()
                                    .anyMatch(response -> response.getKey().startsWith("2")
                                            && response.getValue()
                                                    .path("content")
                                                    .toString()
                                                    .contains("\"examples\""));
                    if (!shown || responses.has("default")) {
                        without.add(operation.getKey().toUpperCase() + " " + path.getKey());
                    }
                }));
        assertEquals(
                List.of(),
                without,
                "operations without a success example; call them successfully in a "
                        + "spec of HeraldIT, then run it twice with -Dherald.openapi.write=true");
    }

    @Test
    void anOperationIsNamedByItsMethodAndThePathsFixedSegments() {
        assertEquals("listWebhooks", OpenApiCleanup.operationId("/api/v1/webhooks", "list"));
        assertEquals("getWebhooks", OpenApiCleanup.operationId("/api/v1/webhooks/{id}", "get"));
        assertEquals("listWebhooksDeliveries", OpenApiCleanup.operationId("/api/v1/webhooks/{id}/deliveries", "list"));
        assertEquals("listEventTypes", OpenApiCleanup.operationId("/api/v1/event-types", "list"));
    }

    @Test
    void aMethodNamedAfterTheLastSegmentIsNotNamedTwice() {
        assertEquals(
                "rotateSecretWebhooks",
                OpenApiCleanup.operationId("/api/v1/webhooks/{id}/rotate-secret", "rotateSecret"));
        assertEquals("approveApprovals", OpenApiCleanup.operationId("/api/v1/approvals/{id}/approve", "approve"));
    }
}

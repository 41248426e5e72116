package dev.herald.inbound.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryKeyTest {

    private static final String TAG_PUSH = "{\"object_kind\":\"tag_push\",\"ref\":\"refs/tags/v1.2.0\"}";
    private static final String MERGE = "{\"object_kind\":\"merge_request\",\"object_attributes\":{\"iid\":7}}";

    @Test
    void gitLabsIdempotencyKeyNamesADeliveryAcrossItsResends() {
        String first =
                Inbound.deliveryKey(call(Map.of("Idempotency-Key", "908a6d9e", "X-Gitlab-Event-UUID", "a"), TAG_PUSH));
        String resent =
                Inbound.deliveryKey(call(Map.of("Idempotency-Key", "908a6d9e", "X-Gitlab-Event-UUID", "b"), TAG_PUSH));
        assertEquals("908a6d9e", first);
        assertEquals(first, resent);
    }

    @Test
    void twoEventsOfOneGitLabEventUuidAreTwoDeliveriesAndAResendOfOneIsTheSame() {
        // GitLab before 17.4: no Idempotency-Key, and the event UUID of the call that caused both.
        String merge = Inbound.deliveryKey(call(Map.of("X-Gitlab-Event-UUID", "shared"), MERGE));
        String tagPush = Inbound.deliveryKey(call(Map.of("X-Gitlab-Event-UUID", "shared"), TAG_PUSH));
        String tagPushResent = Inbound.deliveryKey(call(Map.of("X-Gitlab-Event-UUID", "fresh"), TAG_PUSH));
        assertNotEquals(merge, tagPush);
        assertEquals(tagPush, tagPushResent);
    }

    @Test
    void gitHubsDeliveryIdComesFirst() {
        assertEquals(
                "72d3162e",
                Inbound.deliveryKey(call(Map.of("X-GitHub-Delivery", "72d3162e", "X-Request-Id", "r1"), TAG_PUSH)));
    }

    /** PostgreSQL stores no NUL in text: a delivery id with one is kept by its hash, as a long one is. */
    @Test
    void anIdWithAControlCharacterIsKeptByItsHashAndStillNamesItsResends() {
        String first = Inbound.deliveryKey(call(Map.of("X-Request-Id", "a\u0000b"), TAG_PUSH));
        assertTrue(first.startsWith("sha256:") && first.chars().noneMatch(Character::isISOControl), first);
        assertEquals(first, Inbound.deliveryKey(call(Map.of("X-Request-Id", "a\u0000b"), MERGE)));
        assertNotEquals(first, Inbound.deliveryKey(call(Map.of("X-Request-Id", "a\u0001b"), TAG_PUSH)));
    }

    private static InboundCall call(Map<String, String> headers, String body) {
        Map<String, String> lowerCase = new HashMap<>();
        headers.forEach((name, value) -> lowerCase.put(name.toLowerCase(Locale.ROOT), value));
        return new InboundCall(lowerCase, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }
}

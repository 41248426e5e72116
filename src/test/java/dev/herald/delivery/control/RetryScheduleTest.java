package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.subscriptions.control.SubscriptionSpec.Backoff;
import dev.herald.subscriptions.control.SubscriptionSpec.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static List<Long> baseSeconds(RetryPolicy policy) {
        return IntStream.rangeClosed(1, 5)
                .mapToObj(retry -> RetrySchedule.baseDelay(retry, policy).toSeconds())
                .toList();
    }

    @Test
    void theDefaultPolicyWaits1_2_4_8_16Seconds() {
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L), baseSeconds(RetryPolicy.defaults()));
    }

    @Test
    void linearAndFixedBackoff() {
        assertEquals(List.of(10L, 20L, 30L, 40L, 50L), baseSeconds(new RetryPolicy(5, Backoff.LINEAR, 10)));
        assertEquals(List.of(7L, 7L, 7L, 7L, 7L), baseSeconds(new RetryPolicy(5, Backoff.FIXED, 7)));
    }

    @Test
    void jitterAddsAtMostTenPercent() {
        for (int i = 0; i < 200; i++) {
            long millis =
                    RetrySchedule.delayBefore(3, RetryPolicy.defaults(), null).toMillis();
            assertTrue(millis >= 4000 && millis < 4400, millis + " ms");
        }
    }

    @Test
    void aLongerRetryAfterWinsUpToADay() {
        assertEquals(
                Duration.ofSeconds(30), RetrySchedule.delayBefore(1, RetryPolicy.defaults(), Duration.ofSeconds(30)));
        assertTrue(RetrySchedule.delayBefore(1, RetryPolicy.defaults(), Duration.ZERO)
                        .toMillis()
                >= 1000);
        assertEquals(
                RetrySchedule.MAX_RETRY_AFTER,
                RetrySchedule.delayBefore(1, RetryPolicy.defaults(), Duration.ofDays(9)));
    }

    @Test
    void maxRetriesCountsAttemptsAfterTheFirst() {
        RetryPolicy twoRetries = new RetryPolicy(2, Backoff.FIXED, 1);
        assertTrue(RetrySchedule.mayRetry(1, twoRetries));
        assertTrue(RetrySchedule.mayRetry(2, twoRetries));
        assertFalse(RetrySchedule.mayRetry(3, twoRetries));
        assertFalse(RetrySchedule.mayRetry(1, new RetryPolicy(0, Backoff.FIXED, 1)));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertEquals(Duration.ofSeconds(120), WebhookSender.parseRetryAfter("120"));
        Duration fromDate = WebhookSender.parseRetryAfter(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(90)));
        assertTrue(fromDate.toSeconds() > 80 && fromDate.toSeconds() <= 90, fromDate.toString());
        assertEquals(null, WebhookSender.parseRetryAfter("soon"));
    }
}

package dev.herald.inbound.control;

import dev.herald.inbound.entity.ReceiptOutcome;
import dev.herald.platform.Preview;
import java.time.Instant;

/** A receipt as a list shows it: its raw body previewed. */
public record ReceiptPreview(
        String id, Instant receivedAt, String eventName, ReceiptOutcome outcome, String reason, Preview body) {}

package dev.herald.events.control;

import dev.herald.platform.Preview;
import java.time.Instant;

/** An event as a list shows it: its payload as stored (canonical JSON) previewed. */
public record EventPreview(String id, String type, String subject, Instant createdAt, Preview payload) {}

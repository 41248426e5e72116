package dev.herald.events.boundary;

import dev.herald.events.control.RecordedEvent;
import java.time.Instant;
import java.util.List;

/**
 * What a batch publish recorded, one item per event sent, in order. {@code replayed} marks an
 * item whose idempotency key answered an earlier event (its id is that event's). The events'
 * data is not echoed: the client has it.
 */
public record BatchOut(List<Item> items) {

    /** One event of the batch. */
    public record Item(String id, String type, String subject, Instant timestamp, boolean replayed) {

        static Item of(RecordedEvent event) {
            return new Item(event.id(), event.type(), event.subject(), event.createdAt(), event.replayed());
        }
    }
}

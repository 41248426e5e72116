package dev.herald.events.control;

/**
 * The events one write recorded have all been announced ({@link RecordedEvent}), in the
 * recording transaction: what their observers gathered for the whole write can be written now.
 */
public record EventsRecorded() {}

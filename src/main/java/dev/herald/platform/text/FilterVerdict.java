package dev.herald.platform.text;

/** What a tenant's filters make of an event or a call. */
public enum FilterVerdict {
    PASSES,
    FAILS,
    /** A filter would cost more than the event's {@link FilterWork} has left: it did not run. */
    TOO_COSTLY
}

package dev.herald.delivery.control;

/**
 * An attempt as the log keeps it.
 *
 * @param requestHeaders JSON object of the headers sent, secrets masked
 */
public record AttemptRecord(int attempt, String url, String method, String requestHeaders, AttemptOutcome outcome) {}

package dev.herald.problems;

import java.time.Duration;

/** The caller asked for more than its share (a rate or concurrency limit): 429 with {@code Retry-After}. */
public class TooManyRequestsProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public TooManyRequestsProblem(String detail, Duration retryAfter) {
        super(detail);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least one: what {@code Retry-After} carries. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}

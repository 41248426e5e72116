package dev.herald.problems;

/** One thing wrong with a request: where ({@code field}, a dotted path) and what to do about it. */
public record FieldError(String field, String message) {}

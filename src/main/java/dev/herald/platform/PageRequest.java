package dev.herald.platform;

import dev.herald.problems.InputErrors;

/** The {@code page} and {@code pageSize} query parameters, checked. */
public record PageRequest(int page, int pageSize) {

    public static final int MAX_PAGE_SIZE = 200;
    private static final int DEFAULT_PAGE_SIZE = 20;

    /** Reads the raw query values; absent ones take the defaults (page 1, 20 items). */
    public static PageRequest of(String page, String pageSize) {
        InputErrors errors = new InputErrors();
        int pageNumber = parse(page, 1, "page", "a whole number of at least 1", 1, Integer.MAX_VALUE, errors);
        int size = parse(
                pageSize,
                DEFAULT_PAGE_SIZE,
                "pageSize",
                "a whole number from 1 to " + MAX_PAGE_SIZE,
                1,
                MAX_PAGE_SIZE,
                errors);
        errors.throwIfAny();
        // The offset, and the offset plus the page (what the JPA provider asks the database for), must fit an int.
        int lastPage = (Integer.MAX_VALUE - size) / size + 1;
        if (pageNumber > lastPage) {
            errors.add("page", "must be at most " + lastPage + " with pageSize " + size + ", got '" + page + "'");
            errors.throwIfAny();
        }
        return new PageRequest(pageNumber, size);
    }

    private static int parse(
            String raw, int fallback, String field, String expected, int min, int max, InputErrors errors) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(field, "must be " + expected + ", got '" + raw + "'");
        return fallback;
    }

    public int offset() {
        return (page - 1) * pageSize;
    }
}

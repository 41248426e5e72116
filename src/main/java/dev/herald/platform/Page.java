package dev.herald.platform;

import java.util.List;
import java.util.function.Function;

/** One page of a list, in the shape every list endpoint answers. */
public record Page<T>(List<T> items, int page, int pageSize, long total) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, pageSize, total);
    }
}

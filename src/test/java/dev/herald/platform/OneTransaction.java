package dev.herald.platform;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** A test's one transaction, for code that keeps state per transaction: what it keeps lives as long as this. */
public final class OneTransaction extends TransactionLocals {

    private final Map<Object, Object> kept = new HashMap<>();

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Supplier<T> create) {
        return (T) kept.computeIfAbsent(key, k -> create.get());
    }
}

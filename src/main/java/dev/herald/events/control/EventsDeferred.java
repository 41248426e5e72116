package dev.herald.events.control;

/** Fired in the transaction that deferred one of the tenant's events ({@link DeferredEvents#defer}). */
public record EventsDeferred(String tenantId) {}

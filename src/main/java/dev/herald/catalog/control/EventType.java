package dev.herald.catalog.control;

import jakarta.json.JsonObject;

/**
 * One entry of the catalog as every feature sees it, built-in or a tenant's own.
 *
 * @param name     {@code category.action}
 * @param category the part before the first dot
 * @param schema   JSON Schema of the event's {@code data}
 * @param builtIn  whether Herald defines it (true) or the tenant did
 */
public record EventType(String name, String category, String description, JsonObject schema, boolean builtIn) {

    public static String categoryOf(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}

package dev.herald.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads a page refers to several times (a list, its total, its pager) done once a request.
 * Each Faces phase keeps its own reads, so a change an action makes shows in the render that
 * follows it rather than what the request read before the action ran.
 */
@RequestScoped
public class OncePerRequest {

    private final Map<String, Object> read = new HashMap<>();

    @SuppressWarnings("unchecked")
    <T> T get(String what, Supplier<T> reader) {
        FacesContext faces = FacesContext.getCurrentInstance();
        String key = (faces == null ? "" : faces.getCurrentPhaseId()) + " " + what;
        Object value = read.get(key);
        if (value == null) {
            value = reader.get();
            read.put(key, value);
        }
        return (T) value;
    }
}

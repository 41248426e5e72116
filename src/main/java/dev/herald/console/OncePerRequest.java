package dev.herald.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Reads a page refers to several times (a list, its total, its pager) done once a request.
 * Each Faces phase keeps its own reads, so a change an action makes shows in the render that
 * follows it rather than what the request read before the action ran; a phase's reads are let go
 * of when the next phase reads, so a postback holds one phase's (a delivery's payload and
 * attempts, read in three phases, were held three times over).
 */
@RequestScoped
public class OncePerRequest {

    private final Map<String, Object> read = new HashMap<>();
    private Object phase;

    @SuppressWarnings("unchecked")
    <T> T get(String what, Supplier<T> reader) {
        FacesContext faces = FacesContext.getCurrentInstance();
        Object now = faces == null ? null : faces.getCurrentPhaseId();
        if (!Objects.equals(now, phase)) {
            read.clear();
            phase = now;
        }
        Object value = read.get(what);
        if (value == null) {
            value = reader.get();
            read.put(what, value);
        }
        return (T) value;
    }
}

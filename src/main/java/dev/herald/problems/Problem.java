package dev.herald.problems;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** An RFC 9457 problem document, the one shape of every error Herald answers. */
public record Problem(String slug, int status, String title, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * Looked up once, as {@code platform.json.Jsons} does (each lookup scans the class path);
     * a provider of its own because {@code platform.json} throws problems, not the other way round.
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    public Problem(String slug, int status, String title, String detail) {
        this(slug, status, title, detail, List.of());
    }

    /** A problem titled by its HTTP status's reason phrase, with a slug made of it. */
    public static Problem ofStatus(int status, String detail) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        return new Problem(title.toLowerCase().replace(' ', '-'), status, title, detail);
    }

    public Response toResponse() {
        // Written as text so no JSON provider has to know the problem+json media type.
        return Response.status(status).type(MEDIA_TYPE).entity(json()).build();
    }

    /** The body of the answer, as {@code application/problem+json}. */
    public String json() {
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("type", "urn:herald:problem:" + slug)
                .add("title", title)
                .add("status", status)
                .add("detail", detail == null ? title : detail);
        if (!errors.isEmpty()) {
            JsonArrayBuilder list = JSON.createArrayBuilder();
            errors.forEach(e ->
                    list.add(JSON.createObjectBuilder().add("field", e.field()).add("message", e.message())));
            body.add("errors", list);
        }
        return body.build().toString();
    }
}

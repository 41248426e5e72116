package dev.herald.platform.json;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads every JSON request body through {@link JsonBodies}: the size limit (413) and
 * malformed JSON as a 400 that says where it broke, before any resource sees it.
 *
 * <p>A plain provider, not a CDI bean: made a bean ({@code @ApplicationScoped} with an injected
 * field), Jersey ranked it below its built-in JSON-P reader, and hostile bodies (an exponent of
 * minus a billion) reached Parsson instead of {@link JsonShape}. So it asks CDI for the
 * settings once, at its first body.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class JsonBodyReader implements MessageBodyReader<JsonObject> {

    private volatile JsonBodies bodies;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(
            Class<JsonObject> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> headers,
            InputStream body)
            throws IOException {
        if (bodies == null) {
            bodies = CDI.current().select(JsonBodies.class).get();
        }
        return bodies.readObject(body);
    }
}

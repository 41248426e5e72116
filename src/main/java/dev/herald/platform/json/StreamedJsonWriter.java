package dev.herald.platform.json;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Writes Herald's own answers as JSON-B walks them: the same bytes Jersey's JSON-B provider
 * writes, which builds every answer as one string and then its bytes, some three times its
 * text in the heap at once, outside what a call's room weighed. A delivery read whole holds its
 * payload once for each attempt, up to a thousand times: a payload of 256 KiB attempted a
 * thousand times was an answer of 256 MB, built whole, and one read ended the process. A page's
 * stored text written with escapes (a control character is six) grew the same way. Written as
 * it is walked, an answer holds what it was read from, and a delivery's attempts are read a turn
 * at a time as they are written.
 *
 * <p>A plain provider, not a CDI bean, as {@link JsonBodyReader} is: Jersey ranks a bean below
 * its built-in providers. Other types (strings, JSON-P values, streams) keep their providers.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class StreamedJsonWriter implements MessageBodyWriter<Object> {

    /** The default configuration, as Jersey's JSON-B provider has it (Herald registers none of its own). */
    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.getName().startsWith("dev.herald.");
    }

    @Override
    public void writeTo(
            Object answer,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> headers,
            OutputStream output)
            throws IOException {
        String charset = mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        try (Writer writer = new OutputStreamWriter(
                new KeptOpen(output), charset != null ? Charset.forName(charset) : StandardCharsets.UTF_8)) {
            JSONB.toJson(answer, writer); // closes the writer, which flushes it
        }
    }

    /** The answer's stream, left for Jersey to close: JSON-B closes what it writes to. */
    private static final class KeptOpen extends FilterOutputStream {

        KeptOpen(OutputStream answer) {
            super(answer);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length); // FilterOutputStream's own writes a byte at a time
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}

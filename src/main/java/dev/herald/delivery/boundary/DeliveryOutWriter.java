package dev.herald.delivery.boundary;

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
import java.nio.charset.StandardCharsets;

/**
 * Writes a delivery as JSON-B walks it, attempt by attempt ({@link AttemptsInTurns}): the same
 * bytes the JSON-B provider writes, which builds every answer as one string and then its bytes.
 * A delivery read whole holds its payload once for each attempt, up to a thousand of them: a
 * payload of 256 KiB attempted a thousand times was an answer of 256 MB, built whole, and eight
 * of them at once ended the process. Written as it is walked, it holds the payload and one turn
 * of attempts.
 *
 * <p>A plain provider, not a CDI bean, as {@link dev.herald.platform.json.JsonBodyReader} is:
 * Jersey ranks a bean below its built-in providers.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryOutWriter implements MessageBodyWriter<DeliveryOut> {

    /** The default configuration, as the JSON-B provider that writes every other answer has it. */
    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == DeliveryOut.class;
    }

    @Override
    public void writeTo(
            DeliveryOut delivery,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> headers,
            OutputStream answer)
            throws IOException {
        try (Writer writer = new OutputStreamWriter(new KeptOpen(answer), StandardCharsets.UTF_8)) {
            JSONB.toJson(delivery, writer); // closes the writer, which flushes it
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

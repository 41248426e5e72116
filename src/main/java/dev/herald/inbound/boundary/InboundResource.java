package dev.herald.inbound.boundary;

import dev.herald.inbound.control.Components;
import dev.herald.inbound.control.Inbound;
import dev.herald.inbound.control.InboundCall;
import dev.herald.inbound.control.InboundMetrics;
import dev.herald.platform.json.JsonBodies;
import dev.herald.problems.InvalidInputException;
import dev.herald.problems.ProblemMapper;
import dev.herald.problems.UnauthorizedProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where senders deliver: no bearer token, the integration authenticates the call. The
 * answer comes once the receipt is stored; slow work follows after commit.
 */
@ApplicationScoped
@Path(InboundResource.PATH + "/{integrationId}")
@Tag(name = "Inbound webhooks")
public class InboundResource {

    /** Exempt from bearer tokens (see AccessFilter): senders authenticate by signature or token. */
    public static final String PATH = "inbound";

    @Inject
    Inbound inbound;

    @Inject
    JsonBodies bodies;

    @Inject
    InboundMetrics metrics;

    /**
     * What the sender is told: {@code processed}, {@code ignored} or {@code duplicate}, and why;
     * for a processed call to a repository a component maps, what it does there (worked out
     * before this answer, written right after it).
     */
    public record Answer(
            boolean success,
            String action,
            String reason,
            String receiptId,
            String componentId,
            Integer versionsAdded,
            Integer triggersActivated) {}

    @POST
    @SecurityRequirements
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Receive a sender's webhook (GitHub, GitLab, Docker Hub, Harbor, CI, generic JSON). "
                    + "No bearer token: the integration's signature or token authenticates the call; 401 otherwise, with "
                    + "nothing recorded")
    public Answer receive(
            @PathParam("integrationId") String integrationId,
            @Context HttpHeaders headers,
            @Context UriInfo uri,
            InputStream body)
            throws IOException {
        InboundCall call = new InboundCall(
                firstValues(headers.getRequestHeaders()),
                firstValues(uri.getQueryParameters()),
                bodies.readLimited(body));
        Inbound.Answer answer;
        try {
            answer = inbound.receive(integrationId, call);
        } catch (UnauthorizedProblem refused) {
            metrics.answered(InboundMetrics.REFUSED);
            throw refused;
        } catch (RuntimeException e) {
            // A concurrent call with the same delivery id committed first: its key is taken.
            if (!ProblemMapper.isConstraintViolation(e)) {
                throw e;
            }
            answer = inbound.recordDuplicate(integrationId, call);
        }
        metrics.answered(answer.action().wireName());
        if (answer.malformed()) {
            throw InvalidInputException.of("body", answer.reason() + " (receipt " + answer.receiptId() + ")");
        }
        Components.Plan plan = answer.plan().orElse(null);
        return new Answer(
                true,
                answer.action().wireName(),
                answer.reason(),
                answer.receiptId(),
                plan == null ? null : plan.componentId(),
                plan == null ? null : plan.versionsAdded(),
                plan == null ? null : plan.triggersActivated());
    }

    private static Map<String, String> firstValues(jakarta.ws.rs.core.MultivaluedMap<String, String> values) {
        Map<String, String> first = new HashMap<>();
        values.forEach((name, list) -> {
            if (!list.isEmpty()) {
                first.put(name.toLowerCase(Locale.ROOT), list.get(0));
            }
        });
        return first;
    }
}

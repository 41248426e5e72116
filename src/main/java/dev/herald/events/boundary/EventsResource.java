package dev.herald.events.boundary;

import dev.herald.access.boundary.PageRoom;
import dev.herald.access.control.Caller;
import dev.herald.access.control.Needs;
import dev.herald.access.entity.Scope;
import dev.herald.audit.control.AuditedCall;
import dev.herald.audit.control.CallAudit;
import dev.herald.catalog.control.EventCatalog;
import dev.herald.catalog.control.GovernedCategories;
import dev.herald.events.control.EventDeliveries;
import dev.herald.events.control.EventIngest;
import dev.herald.events.control.EventLog;
import dev.herald.events.control.HistoryAudit;
import dev.herald.events.control.HistoryExport;
import dev.herald.events.control.PublishBatches;
import dev.herald.events.control.RaisedEvent;
import dev.herald.events.control.RecordedEvent;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.QueryParams;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.Times;
import dev.herald.platform.json.CanonicalJson;
import dev.herald.platform.json.JsonBodies;
import dev.herald.platform.json.JsonFields;
import dev.herald.problems.InputErrors;
import dev.herald.problems.InvalidInputException;
import dev.herald.problems.ProblemMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Publishing events and reading the history. */
@ApplicationScoped
@Path("events")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
@Needs(Scope.PUBLISH)
public class EventsResource {

    private static final int MAX_SUBJECT = 200;
    private static final int MAX_KEY = 200;
    /** The most events one batch publish carries. */
    static final int MAX_BATCH = 500;

    private static final String JSON_LINES = "application/jsonl";

    private static final String REPLAYED = "Idempotent-Replayed";

    @Inject
    EventLog eventLog;

    @Inject
    EventIngest ingest;

    /** Where a page of events must fit, with their data, before it is loaded. */
    @Inject
    PageRoom pageRoom;

    @Inject
    EventCatalog catalog;

    @Inject
    EventDeliveries deliveries;

    @Inject
    HistoryAudit audit;

    @Inject
    HistoryExport historyExport;

    @Inject
    Caller caller;

    @Inject
    PublishBatches batches;

    @Inject
    JsonBodies bodies;

    @POST
    @Operation(
            summary = "Publish an event: recorded in the history and delivered to every matching subscription. "
                    + "A repeated idempotencyKey (within 24 hours) answers the first event and records nothing.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "event", value = """
                    {"type": "deployment.completed", "subject": "rel_abc123", "idempotencyKey": "deploy-4711",
                     "data": {"deployment_id": "dep_4711", "release_id": "rel_abc123", "environment": "production",
                              "targets": ["eu-west-1"], "status": "completed"}}""")))
    public void publish(JsonObject body, @Context ContainerRequestContext request, @Suspended AsyncResponse response) {
        RaisedEvent raised = read(body);
        requireScopeToPublish(raised.type());
        AuditedCall call = auditedCall(request);
        // The answer is written on the thread that committed the event, where this request's
        // scope (its Caller) is not active: the audit filter finds the call on the request.
        CallAudit.handOver(request, call);
        // As the body room reads it: a chunked body's Content-Length (if it sent one too) says nothing.
        long length = request.getHeaderString("Transfer-Encoding") != null ? -1 : request.getLength();
        ingest.publish(raised, call, length).whenComplete((recorded, failure) -> {
            try {
                response.resume(accepted(raised, request, recorded, failure));
            } catch (Throwable unanswerable) { // whatever it is, the request must not stay open
                response.resume(unanswerable);
            }
        });
    }

    private Response accepted(
            RaisedEvent raised, ContainerRequestContext request, RecordedEvent recorded, Throwable failure) {
        if (failure == null) {
            CallAudit.markRecordedWithChange(request);
        } else {
            RuntimeException cause = unwrapped(failure);
            // Two requests with one idempotency key at once: the loser answers the winner's event.
            if (raised.idempotencyKey() == null || !ProblemMapper.isConstraintViolation(cause)) {
                throw cause;
            }
            recorded = eventLog.replay(raised.tenantId(), raised.idempotencyKey(), Times.now())
                    .orElseThrow(() -> cause);
        }
        if (recorded.data() == null) { // a repeated key's first event, its data as stored
            return Response.accepted(EventOut.json(recorded, eventLog.dataText(recorded.id())))
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .header(REPLAYED, "true")
                    .build();
        }
        Response.ResponseBuilder response = Response.accepted(EventOut.json(recorded));
        return recorded.replayed() ? response.header(REPLAYED, "true").build() : response.build();
    }

    /** What a future failed with: a stage's {@link CompletionException} is only its wrapping. */
    private static RuntimeException unwrapped(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }

    @POST
    @Path("batch")
    @Operation(
            summary = "Publish up to 500 events in one request and one transaction, in order: all are recorded "
                    + "or, if one is invalid, none (a 400 naming it, e.g. events[3].type). Each may carry its own "
                    + "idempotencyKey; an item whose key was seen answers the first event with replayed: true.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "batch", value = """
                    {"events": [{"type": "build.started", "subject": "build-981", "idempotencyKey": "b-981-start",
                                 "data": {"build_id": "build-981", "pipeline": "shop-api"}},
                                {"type": "build.finished", "subject": "build-981", "idempotencyKey": "b-981-end",
                                 "data": {"build_id": "build-981", "status": "success"}}]}""")))
    public Response publishBatch(InputStream body, @Context ContainerRequestContext request) throws IOException {
        InputErrors errors = new InputErrors();
        JsonFields fields = JsonFields.of(bodies.readBatch(body), errors).allowOnly(Set.of("events"));
        List<JsonFields> items = fields.objects("events");
        if (items == null && !fields.hasValue("events")) {
            errors.add("events", "is required: a list of 1 to " + MAX_BATCH + " events");
        } else if (items != null && (items.isEmpty() || items.size() > MAX_BATCH)) {
            errors.add("events", "must hold 1 to " + MAX_BATCH + " events, not " + items.size());
        }
        errors.throwIfAny();
        List<RaisedEvent> raised = items.stream().map(this::read).toList();
        for (int i = 0; i < raised.size(); i++) {
            JsonObject data = raised.get(i).data();
            // An event is what one publish's body may carry, in a batch too: every read of events
            // (a page, an export, the console) weighs one at most that, and an 8 MiB item read as 1 MiB.
            if (data != null && data.toString().length() > bodies.maxBodyBytes()) {
                errors.add(
                        items.get(i).name("data"),
                        "must be at most " + bodies.maxBodyBytes() + " characters as JSON, as a single publish's"
                                + " whole body (herald.max-body-bytes)");
            }
        }
        errors.throwIfAny();
        raised.stream().map(RaisedEvent::type).distinct().forEach(this::requireScopeToPublish);
        // Each type once: a batch of 500 items of one type looks it up once.
        Map<String, Optional<String>> refusals = new HashMap<>();
        for (int i = 0; i < raised.size(); i++) {
            RaisedEvent event = raised.get(i);
            String field = "events[" + i + "].type";
            refusals.computeIfAbsent(event.type(), type -> refusalOf(event.tenantId(), type))
                    .ifPresent(refusal -> errors.add(field, refusal));
        }
        errors.throwIfAny();
        List<RecordedEvent> recorded;
        try {
            recorded = batches.writeBatch(raised, auditedCall(request));
        } catch (RuntimeException e) {
            if (raised.stream().allMatch(event -> event.idempotencyKey() == null)) {
                throw e;
            }
            // A request with one of these keys committed first: this time the batch replays its event.
            recorded = batches.writeBatch(raised, auditedCall(request));
        }
        CallAudit.markRecordedWithChange(request);
        return Response.accepted(
                        new BatchOut(recorded.stream().map(BatchOut.Item::of).toList()))
                .build();
    }

    @GET
    @Operation(summary = "Page the history, newest first; since is inclusive, until exclusive")
    public Page<EventOut> list(
            @QueryParam("type") String type,
            @QueryParam("subject") String subject,
            @QueryParam("since") String since,
            @QueryParam("until") String until,
            @QueryParam("page") String page,
            @QueryParam("pageSize") String pageSize) {
        Window window = window(since, until);
        PageRequest request = PageRequest.of(page, pageSize);
        return eventLog.list(
                        caller.tenantId(),
                        new EventLog.Query(
                                QueryParams.orNull(type), QueryParams.orNull(subject), window.since(), window.until()),
                        request,
                        pageRoom)
                .map(EventOut::of);
    }

    @GET
    @Path("verify")
    @Operation(
            summary = "Walk the tenant's hash chain over the events recorded in [since, until) and report "
                    + "the first break: an event altered, removed or inserted behind Herald's back")
    public VerificationOut verify(@QueryParam("since") String since, @QueryParam("until") String until) {
        Window window = window(since, until);
        long batchChars = pageRoom.takeForBatches(ReadRoom.BATCH_CHARS);
        return VerificationOut.of(audit.verify(caller.tenantId(), window.since(), window.until(), batchChars));
    }

    @GET
    @Path("export")
    @Produces(JSON_LINES)
    @Operation(
            summary = "Stream the events recorded in [since, until) as JSON Lines, oldest first, each with "
                    + "its sequence, prevHash and hash, so an auditor can verify the chain offline (docs/audit.md)")
    public Response export(@QueryParam("since") String since, @QueryParam("until") String until) {
        Window window = window(since, until);
        String tenantId = caller.tenantId();
        // Taken before the answer begins (a refusal is still a 429), held until it is written.
        long batchChars = pageRoom.takeForBatches(ReadRoom.BATCH_CHARS);
        StreamingOutput lines =
                output -> historyExport.write(tenantId, window.since(), window.until(), batchChars, output);
        return Response.ok(lines, JSON_LINES).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read one event with the deliveries it caused")
    public EventOut get(@PathParam("id") String id) {
        RecordedEvent event = eventLog.get(caller.tenantId(), id, pageRoom);
        return EventOut.of(event, deliveries.of(caller.tenantId(), id));
    }

    private record Window(Instant since, Instant until) {}

    private static Window window(String since, String until) {
        InputErrors errors = new InputErrors();
        Window window =
                new Window(QueryParams.instant("since", since, errors), QueryParams.instant("until", until, errors));
        errors.throwIfAny();
        return window;
    }

    private void requireScopeToPublish(String type) {
        GovernedCategories.requireScopeFor(type, caller, "Publishing");
    }

    /** Why the tenant may not publish the type, if it may not. */
    private Optional<String> refusalOf(String tenantId, String type) {
        try {
            catalog.requirePublishable(tenantId, type);
            return Optional.empty();
        } catch (InvalidInputException refused) {
            return Optional.of(refused.errors().get(0).message());
        }
    }

    private RaisedEvent read(JsonObject body) {
        InputErrors errors = new InputErrors();
        RaisedEvent raised = read(JsonFields.of(body, errors));
        errors.throwIfAny();
        return raised;
    }

    /** One event as a client publishes it; what is wrong goes to the fields' errors, named by their path. */
    private RaisedEvent read(JsonFields fields) {
        InputErrors errors = fields.errors();
        fields.allowOnly(Set.of("type", "subject", "data", "idempotencyKey"));
        String type = fields.string("type");
        String subject = fields.string("subject");
        JsonObject data = fields.rawObject("data");
        String key = fields.string("idempotencyKey");
        if (type == null && !fields.hasValue("type")) {
            errors.add(fields.name("type"), "is required: an event type from GET /api/v1/event-types");
        }
        if (data == null && !fields.hasValue("data")) {
            errors.add(fields.name("data"), "is required: a JSON object");
        }
        if (data != null) {
            CanonicalJson.numberBeyondDouble(data)
                    .ifPresent(path -> errors.add(fields.name("data") + path, CanonicalJson.BEYOND_DOUBLE));
        }
        if (subject != null && (subject.isBlank() || subject.length() > MAX_SUBJECT)) {
            errors.add(fields.name("subject"), "must be 1 to " + MAX_SUBJECT + " characters");
        }
        if (key != null && (key.isBlank() || key.length() > MAX_KEY)) {
            errors.add(fields.name("idempotencyKey"), "must be 1 to " + MAX_KEY + " characters");
        }
        return new RaisedEvent(caller.tenantId(), type, subject, data, key);
    }

    /** This call as the audit trail names it; its entry is written with the events it publishes. */
    private AuditedCall auditedCall(ContainerRequestContext request) {
        return AuditedCall.of(
                caller.current().orElseThrow(),
                Scope.PUBLISH.wireName(),
                "POST",
                "/" + request.getUriInfo().getPath());
    }
}

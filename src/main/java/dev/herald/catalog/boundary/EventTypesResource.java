package dev.herald.catalog.boundary;

import dev.herald.access.boundary.PageRoom;
import dev.herald.access.control.Caller;
import dev.herald.access.control.Needs;
import dev.herald.access.entity.Scope;
import dev.herald.catalog.control.EventCatalog;
import dev.herald.catalog.control.EventType;
import dev.herald.catalog.control.GovernedCategories;
import dev.herald.catalog.control.SchemaShape;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.json.JsonFields;
import dev.herald.problems.InputErrors;
import dev.herald.problems.NotFoundProblem;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The event catalog: built-in types and the tenant's own. */
@ApplicationScoped
@Path("event-types")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Event types")
@Needs(Scope.PUBLISH)
public class EventTypesResource {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)+");

    @Inject
    EventCatalog catalog;

    @Inject
    Caller caller;

    /** Where a page of the tenant's types must fit, with their schemas, before it is loaded. */
    @Inject
    PageRoom pageRoom;

    @GET
    @Operation(summary = "List the event types: built-in and the tenant's own, by name")
    public Page<EventType> list(@QueryParam("page") String page, @QueryParam("pageSize") String pageSize) {
        return catalog.list(caller.tenantId(), PageRequest.of(page, pageSize), pageRoom);
    }

    @GET
    @Path("{name}")
    @Operation(summary = "Read one event type with its JSON Schema")
    public EventType get(@PathParam("name") String name) {
        return catalog.find(caller.tenantId(), name, pageRoom)
                .orElseThrow(() -> new NotFoundProblem("event type", name));
    }

    @POST
    @Operation(summary = "Define an event type of the tenant's own")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "eventType", value = """
            {"name": "canary.promoted", "description": "A canary was promoted to full traffic",
             "schema": {"type": "object", "required": ["release_id"],
                        "properties": {"release_id": {"type": "string"}}}}""")))
    public Response define(JsonObject body) {
        InputErrors errors = new InputErrors();
        JsonFields fields = JsonFields.of(body, errors).allowOnly(Set.of("name", "description", "schema"));
        String name = fields.string("name");
        String description = fields.string("description");
        JsonObject schema = fields.rawObject("schema");
        if (name == null && !fields.hasValue("name")) {
            errors.add("name", "is required");
        } else if (name != null && (name.length() > 100 || !NAME.matcher(name).matches())) {
            errors.add(
                    "name",
                    "must look like 'category.action': lower-case letters, digits, '-' or '_' "
                            + "in two or more parts separated by dots, at most 100 characters");
        }
        if (description == null && !fields.hasValue("description")) {
            errors.add("description", "is required");
        } else if (description != null && (description.isBlank() || description.length() > 1000)) {
            errors.add("description", "must be 1 to 1000 characters");
        }
        if (schema == null && !fields.hasValue("schema")) {
            errors.add("schema", "is required: a JSON Schema object for the event's data");
        } else if (schema != null) {
            SchemaShape.check(schema, "schema", errors);
        }
        errors.throwIfAny();
        GovernedCategories.requireScopeFor(name, caller, "Defining");
        EventType created = catalog.define(caller.tenantId(), name, description, schema);
        return Response.status(Response.Status.CREATED).entity(created).build();
    }
}

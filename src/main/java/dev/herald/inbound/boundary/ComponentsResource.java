package dev.herald.inbound.boundary;

import dev.herald.access.boundary.PageRoom;
import dev.herald.access.control.Caller;
import dev.herald.access.control.Needs;
import dev.herald.access.entity.Scope;
import dev.herald.catalog.control.GovernedCategories;
import dev.herald.inbound.control.ComponentInput;
import dev.herald.inbound.control.Components;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Components: which repository builds which product, and which tags become releases. */
@ApplicationScoped
@Path("components")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inbound webhooks")
@Needs(Scope.PUBLISH)
public class ComponentsResource {

    @Inject
    Components components;

    @Inject
    Caller caller;

    /** Where a page's triggers must fit before they are loaded. */
    @Inject
    PageRoom pageRoom;

    @POST
    @Operation(
            summary = "Map a repository (as the sender names it: owner/repo, or the image repository) to a "
                    + "product; a pushed tag matching a trigger's tagPattern creates a release on its channel (triggers"
                    + " need the govern scope besides publish)")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "component", value = """
                    {"name": "shop-api image", "repository": "shop/api", "productId": "shop-api",
                     "triggers": [{"tagPattern": "^v?(\\\\d+\\\\.\\\\d+\\\\.\\\\d+)$", "channel": "stable"}]}""")))
    public Response create(JsonObject body) {
        ComponentInput in = ComponentInput.read(body);
        in.raises().ifPresent(type -> GovernedCategories.requireScopeFor(type, caller, ComponentInput.RAISING));
        var component = components.create(caller.tenantId(), in);
        return Response.created(URI.create("components/" + component.id()))
                .entity(ComponentOut.of(component))
                .build();
    }

    @GET
    @Operation(summary = "Page the tenant's components, newest first")
    public Page<ComponentOut> list(@QueryParam("page") String page, @QueryParam("pageSize") String pageSize) {
        return components
                .list(caller.tenantId(), PageRequest.of(page, pageSize), pageRoom)
                .map(ComponentOut::of);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read one component")
    public ComponentOut get(@PathParam("id") String id) {
        return ComponentOut.of(components.get(caller.tenantId(), id));
    }

    @GET
    @Path("{id}/versions")
    @Operation(summary = "The component's version map: every version pushes recorded, newest first")
    public Page<ComponentOut.VersionOut> versions(
            @PathParam("id") String id, @QueryParam("page") String page, @QueryParam("pageSize") String pageSize) {
        return components
                .versions(caller.tenantId(), id, PageRequest.of(page, pageSize))
                .map(ComponentOut.VersionOut::of);
    }

    @DELETE
    @Path("{id}")
    @Operation(
            summary = "Delete a component and its version map (its releases stay; one with triggers needs the"
                    + " govern scope too)")
    public Response delete(@PathParam("id") String id) {
        Components.raises(components.get(caller.tenantId(), id))
                .ifPresent(type -> GovernedCategories.requireScopeFor(type, caller, Components.DELETING));
        components.delete(caller.tenantId(), id);
        return Response.noContent().build();
    }
}

package dev.herald.governance.release.boundary;

import dev.herald.access.boundary.PageRoom;
import dev.herald.access.control.Caller;
import dev.herald.access.control.Needs;
import dev.herald.access.entity.Scope;
import dev.herald.governance.artifact.boundary.ArtifactInput;
import dev.herald.governance.artifact.boundary.ArtifactOut;
import dev.herald.governance.artifact.control.Artifacts;
import dev.herald.governance.artifact.control.Artifacts.ArtifactSpec;
import dev.herald.governance.artifact.entity.Artifact;
import dev.herald.governance.release.control.ReleaseTimeline;
import dev.herald.governance.release.control.Releases;
import dev.herald.governance.release.control.Releases.ReleaseSpec;
import dev.herald.governance.release.entity.Release;
import dev.herald.governance.release.entity.ReleaseStatus;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.QueryParams;
import dev.herald.platform.WireEnums;
import dev.herald.platform.json.JsonFields;
import dev.herald.problems.InputErrors;
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
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Releases: created as drafts, approved through /approvals, published; each change raises its event. */
@ApplicationScoped
@Path("releases")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Governance")
@Needs(Scope.GOVERN)
public class ReleasesResource {

    @Inject
    Releases releases;

    @Inject
    Artifacts artifacts;

    @Inject
    ReleaseTimeline timeline;

    /** Where a timeline must fit, with its events' data, before it is loaded. */
    @Inject
    PageRoom pageRoom;

    @Inject
    Caller caller;

    @POST
    @Operation(
            summary = "Create a draft release with the artifacts it ships (release.created, and "
                    + "artifact.registered for each artifact)")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "release", value = """
                    {"productId": "shop-api", "version": "2.4.0", "channel": "stable",
                     "artifacts": [{"name": "registry.example.com/shop/api:2.4.0",
                                    "digest": "sha256:4f7c0e1a9b7d3c5e2f8a6b4d1c9e7f5a3b2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e",
                                    "platform": "linux", "arch": "amd64"}]}""")))
    public Response create(JsonObject body) {
        InputErrors errors = new InputErrors();
        JsonFields fields =
                JsonFields.of(body, errors).allowOnly(Set.of("productId", "version", "channel", "artifacts"));
        String productId = fields.text("productId", 200, "the product this release is a version of");
        String version = fields.text("version", 100, "the version being released, e.g. 2.4.0");
        String channel = fields.text("channel", 100, "where it is released to, e.g. stable");
        List<JsonFields> items = fields.objects("artifacts");
        if (items != null && items.size() > Artifacts.MOST_OF_A_RELEASE) {
            errors.add("artifacts", "may list at most " + Artifacts.MOST_OF_A_RELEASE + " artifacts");
        }
        List<ArtifactSpec> shipped = items == null
                ? List.of()
                : items.stream()
                        .map(item -> ArtifactInput.read(item.allowOnly(Set.of("name", "digest", "platform", "arch"))))
                        .toList();
        errors.throwIfAny();
        Release release = releases.create(
                caller.tenantId(), caller.actor(), new ReleaseSpec(productId, version, channel, shipped));
        return Response.created(URI.create("releases/" + release.id()))
                .entity(out(release))
                .build();
    }

    @GET
    @Operation(summary = "Page the tenant's releases, newest first, optionally of one product or status")
    public Page<ReleaseOut> list(
            @QueryParam("productId") String productId,
            @QueryParam("status") String status,
            @QueryParam("page") String page,
            @QueryParam("pageSize") String pageSize) {
        var query = new Releases.Query(
                QueryParams.orNull(productId), WireEnums.parse(ReleaseStatus.class, "status", status));
        Page<Release> found = releases.list(caller.tenantId(), query, PageRequest.of(page, pageSize));
        Map<String, List<Artifact>> shipped = artifacts.ofReleases(
                caller.tenantId(), found.items().stream().map(Release::id).toList(), pageRoom);
        return found.map(release -> out(release, shipped.getOrDefault(release.id(), List.of())));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read one release with its artifacts")
    public ReleaseOut get(@PathParam("id") String id) {
        return out(releases.get(caller.tenantId(), id));
    }

    @POST
    @Path("{id}/publish")
    @Operation(
            summary = "Publish the release (release.published): from approved, or from draft when the "
                    + "tenant's policies require no approval; otherwise 409 naming the release's state")
    public ReleaseOut publish(@PathParam("id") String id) {
        return out(releases.publish(caller.tenantId(), caller.actor(), id));
    }

    @GET
    @Path("{id}/timeline")
    @Operation(summary = "Every event about the release, its approvals and its artifacts, oldest first")
    public TimelineOut timeline(@PathParam("id") String id) {
        return new TimelineOut(
                timeline.of(caller.tenantId(), id, pageRoom).stream()
                        .map(event -> new TimelineOut.Entry(event.id(), event.type(), event.createdAt(), event.data()))
                        .toList(),
                timeline.prunedThrough(caller.tenantId()).orElse(null));
    }

    private ReleaseOut out(Release release) {
        return out(release, artifacts.ofRelease(caller.tenantId(), release.id()));
    }

    private static ReleaseOut out(Release release, List<Artifact> shipped) {
        return ReleaseOut.of(release, shipped.stream().map(ArtifactOut::of).toList());
    }
}

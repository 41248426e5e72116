package dev.herald.governance.artifact.boundary;

import dev.herald.access.control.Caller;
import dev.herald.access.control.Needs;
import dev.herald.access.entity.Scope;
import dev.herald.governance.artifact.control.Artifacts;
import dev.herald.governance.artifact.control.Artifacts.ArtifactSpec;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.QueryParams;
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
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Artifacts: registered (optionally as part of a release) and verified, each raising its event. */
@ApplicationScoped
@Path("artifacts")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Governance")
@Needs(Scope.GOVERN)
public class ArtifactsResource {

    @Inject
    Artifacts artifacts;

    @Inject
    Caller caller;

    @POST
    @Operation(
            summary =
                    "Register an artifact (artifact.registered); with releaseId it joins that release, "
                            + "which must be a draft or rejected (what an approval is given on, and a published release, is fixed)")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "artifact", value = """
                    {"releaseId": "rel_01J9Z3", "name": "registry.example.com/shop/api:2.4.0",
                     "digest": "sha256:4f7c0e1a9b7d3c5e2f8a6b4d1c9e7f5a3b2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e",
                     "platform": "linux", "arch": "amd64"}""")))
    public Response register(JsonObject body) {
        InputErrors errors = new InputErrors();
        JsonFields fields =
                JsonFields.of(body, errors).allowOnly(Set.of("releaseId", "name", "digest", "platform", "arch"));
        String releaseId = fields.optionalText("releaseId", 40);
        ArtifactSpec spec = ArtifactInput.read(fields);
        errors.throwIfAny();
        var artifact = artifacts.register(caller.tenantId(), releaseId, spec);
        return Response.created(URI.create("artifacts/" + artifact.id()))
                .entity(ArtifactOut.of(artifact))
                .build();
    }

    @GET
    @Operation(summary = "Page the tenant's artifacts, newest first, optionally of one release")
    public Page<ArtifactOut> list(
            @QueryParam("releaseId") String releaseId,
            @QueryParam("page") String page,
            @QueryParam("pageSize") String pageSize) {
        return artifacts
                .list(caller.tenantId(), QueryParams.orNull(releaseId), PageRequest.of(page, pageSize))
                .map(ArtifactOut::of);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read one artifact")
    public ArtifactOut get(@PathParam("id") String id) {
        return ArtifactOut.of(artifacts.get(caller.tenantId(), id));
    }

    @POST
    @Path("{id}/verify")
    @Operation(
            summary = "Mark the artifact's digest and provenance verified (artifact.verified); once only, "
                    + "a second time is 409")
    public ArtifactOut verify(@PathParam("id") String id) {
        return ArtifactOut.of(artifacts.verify(caller.tenantId(), id));
    }
}

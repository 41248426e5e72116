package dev.herald.governance.license.boundary;

import dev.herald.access.control.Caller;
import dev.herald.access.control.Needs;
import dev.herald.access.entity.Scope;
import dev.herald.governance.license.control.LicenseInput;
import dev.herald.governance.license.control.Licenses;
import dev.herald.governance.license.entity.LicenseStatus;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.QueryParams;
import dev.herald.platform.WireEnums;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** License leases: issued until a time, revoked early, or expired by the timer. */
@ApplicationScoped
@Path("licenses")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Governance")
@Needs(Scope.GOVERN)
public class LicensesResource {

    @Inject
    Licenses licenses;

    @Inject
    Caller caller;

    @POST
    @Operation(summary = "Issue a license lease (license.issued); at expiresAt the timer raises license.expired")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "license", value = """
                    {"productId": "shop-api", "licensee": "ACME Corp", "expiresAt": "2027-01-01T00:00:00Z"}""")))
    public Response issue(JsonObject body) {
        LicenseInput in = LicenseInput.read(body);
        var license = licenses.issue(caller.tenantId(), in.productId(), in.licensee(), in.expiresAt());
        return Response.created(URI.create("licenses/" + license.id()))
                .entity(LicenseOut.of(license))
                .build();
    }

    @GET
    @Operation(summary = "Page the tenant's licenses, newest first, optionally of one product or status")
    public Page<LicenseOut> list(
            @QueryParam("productId") String productId,
            @QueryParam("status") String status,
            @QueryParam("page") String page,
            @QueryParam("pageSize") String pageSize) {
        return licenses.list(
                        caller.tenantId(),
                        QueryParams.orNull(productId),
                        WireEnums.parse(LicenseStatus.class, "status", status),
                        PageRequest.of(page, pageSize))
                .map(LicenseOut::of);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read one license")
    public LicenseOut get(@PathParam("id") String id) {
        return LicenseOut.of(licenses.get(caller.tenantId(), id));
    }

    @POST
    @Path("{id}/revoke")
    @Operation(summary = "Revoke an active license (license.revoked); a revoked or expired one is 409")
    public LicenseOut revoke(@PathParam("id") String id) {
        return LicenseOut.of(licenses.revoke(caller.tenantId(), id));
    }
}

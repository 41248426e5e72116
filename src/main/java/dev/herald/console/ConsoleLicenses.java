package dev.herald.console;

import dev.herald.access.entity.Scope;
import dev.herald.governance.license.control.LicenseInput;
import dev.herald.governance.license.control.Licenses;
import dev.herald.governance.license.entity.License;
import dev.herald.governance.license.entity.LicenseStatus;
import dev.herald.platform.Page;
import dev.herald.platform.WireEnums;
import dev.herald.platform.json.Jsons;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * License leases in the console: the list by product and status, issuing one (read by the
 * API's rule, {@link LicenseInput}) and revoking an active one; {@code govern} changes them,
 * {@code read} sees them.
 */
@Named
@ViewScoped
public class ConsoleLicenses implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleSession session;

    @Inject
    OncePerRequest once;

    @Inject
    ConsolePages pages;

    @Inject
    ConsoleActions actions;

    @Inject
    Licenses licenses;

    private final ViewPage page = new ViewPage();
    private String product;
    private LicenseStatus status;
    private String productId;
    private String licensee;
    private String expiresAt;

    public Page<License> getLicenses() {
        if (!session.canRead("govern")) {
            return pages.nothing();
        }
        return once.get("licenses", () -> licenses.list(session.getTenantId(), product, status, page.request()));
    }

    public String issue() {
        var form = Jsons.object();
        FormFields.addText(form, "productId", productId);
        FormFields.addText(form, "licensee", licensee);
        FormFields.addText(form, "expiresAt", expiresAt);
        var body = form.build();
        var issued = actions.run(Scope.GOVERN, "POST", "/licenses", null, License::id, null, () -> {
            LicenseInput in = LicenseInput.read(body);
            return licenses.issue(session.getTenantId(), in.productId(), in.licensee(), in.expiresAt());
        });
        return issued.map(license -> {
                    ConsoleActions.tellAfterRedirect(
                            "License " + license.id() + " issued to " + license.licensee() + ".");
                    return "/console/licenses?faces-redirect=true";
                })
                .orElse(null);
    }

    public String revoke(String id) {
        return actions.run(
                        Scope.GOVERN,
                        "POST",
                        "/licenses/" + id + "/revoke",
                        id,
                        () -> licenses.revoke(session.getTenantId(), id))
                .map(revoked -> {
                    ConsoleActions.tellAfterRedirect("License " + id + " revoked.");
                    return "/console/licenses?faces-redirect=true&includeViewParams=true";
                })
                .orElse(null);
    }

    public List<String> getStatuses() {
        return WireEnums.wireNames(LicenseStatus.class);
    }

    public String getProduct() {
        return product;
    }

    public void setProduct(String product) {
        this.product = ConsolePages.given(product);
    }

    public String getStatus() {
        return status == null ? null : status.wireName();
    }

    /** A status from the URL; one licenses do not have shows every status. */
    public void setStatus(String status) {
        this.status = WireEnums.orNull(LicenseStatus.class, status);
    }

    public String getProductId() {
        return productId;
    }

    public void setProductId(String productId) {
        this.productId = productId;
    }

    public String getLicensee() {
        return licensee;
    }

    public void setLicensee(String licensee) {
        this.licensee = licensee;
    }

    public String getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(String expiresAt) {
        this.expiresAt = expiresAt;
    }

    public ViewPage getPage() {
        return page;
    }
}

package dev.herald.console;

import dev.herald.access.entity.Scope;
import dev.herald.events.control.EventPreview;
import dev.herald.governance.approval.control.Approvals;
import dev.herald.governance.approval.entity.Approval;
import dev.herald.governance.artifact.control.Artifacts;
import dev.herald.governance.artifact.entity.Artifact;
import dev.herald.governance.release.control.ReleaseTimeline;
import dev.herald.governance.release.control.Releases;
import dev.herald.governance.release.entity.Release;
import dev.herald.governance.release.entity.ReleaseStatus;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.WireEnums;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Releases in the console: the list by product and status, and one release with its approvals,
 * artifacts (verified here, with {@code govern}) and timeline. View-scoped so that a button
 * on a release's page still knows the release when it is pressed.
 */
@Named
@ViewScoped
public class ConsoleReleases implements Serializable {

    static final int TIMELINE_SHOWN = 200;

    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleSession session;

    @Inject
    OncePerRequest once;

    @Inject
    ConsolePages pages;

    @Inject
    Releases releases;

    @Inject
    Approvals approvals;

    @Inject
    ReleaseTimeline timeline;

    @Inject
    Artifacts artifacts;

    @Inject
    ConsoleActions actions;

    private String id;
    private String product;
    private ReleaseStatus status;

    public Page<Release> getReleases() {
        if (!session.canRead("govern")) {
            return pages.nothing();
        }
        return once.get(
                "releases",
                () -> releases.list(session.getTenantId(), new Releases.Query(product, status), pages.pageRequest()));
    }

    /** The release the URL names, if the token may read it and it is this tenant's; else none. */
    public Release getRelease() {
        if (id == null || !session.canRead("govern")) {
            return null;
        }
        return once.get("release", () -> ConsolePages.foundOrNull(() -> releases.get(session.getTenantId(), id)));
    }

    /** The first {@link #TIMELINE_SHOWN} events about the release, its approvals and artifacts, oldest first. */
    public List<EventPreview> getTimeline() {
        return getRelease() == null
                ? List.of()
                : once.get("timeline", () -> timeline.previewsOf(session.getTenantId(), id, TIMELINE_SHOWN));
    }

    /** Whether the release has more events than the page shows (the history, filtered by subject, pages them all). */
    public boolean isTimelineCut() {
        return getTimeline().size() == TIMELINE_SHOWN;
    }

    public List<Approval> getApprovals() {
        return getRelease() == null
                ? List.of()
                : once.get(
                        "approvals",
                        () -> approvals
                                .list(
                                        session.getTenantId(),
                                        new Approvals.Query(id, null),
                                        new PageRequest(1, PageRequest.MAX_PAGE_SIZE))
                                .items());
    }

    public List<Artifact> getArtifacts() {
        return getRelease() == null
                ? List.of()
                : once.get("artifacts", () -> artifacts.ofRelease(session.getTenantId(), id));
    }

    /** Marks an artifact's digest and provenance verified, once, as the API's verify does. */
    public String verify(String artifactId) {
        return actions.run(
                        Scope.GOVERN,
                        "POST",
                        "/artifacts/" + artifactId + "/verify",
                        artifactId,
                        () -> artifacts.verify(session.getTenantId(), artifactId))
                .map(verified -> {
                    ConsoleActions.tellAfterRedirect("Artifact " + verified.name() + " verified.");
                    return "/console/release?faces-redirect=true&includeViewParams=true";
                })
                .orElse(null);
    }

    public List<String> getStatuses() {
        return WireEnums.wireNames(ReleaseStatus.class);
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = ConsolePages.given(id);
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

    /** A status from the URL; one releases do not have shows every status. */
    public void setStatus(String status) {
        this.status = WireEnums.orNull(ReleaseStatus.class, status);
    }
}

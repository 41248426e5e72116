package dev.herald.console;

import dev.herald.events.control.RecordedEvent;
import dev.herald.governance.approval.control.Approvals;
import dev.herald.governance.approval.entity.Approval;
import dev.herald.governance.release.control.ReleaseTimeline;
import dev.herald.governance.release.control.Releases;
import dev.herald.governance.release.entity.Release;
import dev.herald.governance.release.entity.ReleaseStatus;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Arrays;
import java.util.List;

/** Releases in the console: the list by product and status, and one release with its approvals and timeline. */
@Named
@RequestScoped
public class ConsoleReleases {

    @Inject
    ConsoleSession session;

    @Inject
    ConsolePages pages;

    @Inject
    Releases releases;

    @Inject
    Approvals approvals;

    @Inject
    ReleaseTimeline timeline;

    private String id;
    private String product;
    private ReleaseStatus status;
    private Release shown;

    public Page<Release> getReleases() {
        if (!session.canRead("govern")) {
            return pages.nothing();
        }
        return releases.list(session.getTenantId(), new Releases.Query(product, status), pages.pageRequest());
    }

    /** The release the URL names, if the token may read it and it is this tenant's; else none. */
    public Release getRelease() {
        if (shown == null && id != null && session.canRead("govern")) {
            shown = ConsolePages.foundOrNull(() -> releases.get(session.getTenantId(), id));
        }
        return shown;
    }

    /** Every event about the release, its approvals and artifacts, oldest first. */
    public List<RecordedEvent> getTimeline() {
        return getRelease() == null ? List.of() : timeline.of(session.getTenantId(), id);
    }

    public List<Approval> getApprovals() {
        return getRelease() == null ? List.of()
                : approvals.list(session.getTenantId(), new Approvals.Query(id, null),
                        new PageRequest(1, PageRequest.MAX_PAGE_SIZE)).items();
    }

    public List<String> getStatuses() {
        return Arrays.stream(ReleaseStatus.values()).map(ReleaseStatus::wireName).toList();
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id == null || id.isBlank() ? null : id.strip();
    }

    public String getProduct() {
        return product;
    }

    public void setProduct(String product) {
        this.product = product == null || product.isBlank() ? null : product.strip();
    }

    public String getStatus() {
        return status == null ? null : status.wireName();
    }

    /** A status from the URL; one releases do not have shows every status. */
    public void setStatus(String status) {
        this.status = Arrays.stream(ReleaseStatus.values()).filter(s -> s.wireName().equals(status)).findFirst()
                .orElse(null);
    }
}

package dev.herald.console;

import dev.herald.inbound.boundary.InboundResource;
import dev.herald.inbound.control.Integrations;
import dev.herald.inbound.control.ReceiptPreview;
import dev.herald.inbound.control.Receipts;
import dev.herald.inbound.entity.Integration;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.PublicUrl;
import dev.herald.platform.ReadRoom;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Inbound in the console: the integrations with the URL to paste into the sender, and an integration's receipts. */
@Named
@RequestScoped
public class ConsoleInbound {

    @Inject
    ConsoleSession session;

    @Inject
    OncePerRequest once;

    @Inject
    ConsolePages pages;

    @Inject
    Integrations integrations;

    @Inject
    Receipts receipts;

    @Inject
    PublicUrl publicUrl;

    private String integration;
    private Integration shown;

    public List<Integration> getIntegrations() {
        if (!session.canRead("publish")) {
            return List.of();
        }
        return once.get(
                "integrations",
                () -> integrations
                        .list(session.getTenantId(), new PageRequest(1, PageRequest.MAX_PAGE_SIZE), ReadRoom.NONE)
                        .items());
    }

    /** Where the sender delivers: the URL to paste into GitHub, GitLab or the registry. */
    public String urlOf(Integration shownIntegration) {
        return publicUrl.api(InboundResource.PATH + "/" + shownIntegration.id()).toString();
    }

    /** The integration the URL names, if it is this tenant's; else none. */
    public Integration getIntegration() {
        if (shown == null && integration != null && session.canRead("publish")) {
            shown = ConsolePages.foundOrNull(() -> integrations.get(session.getTenantId(), integration));
        }
        return shown;
    }

    /** The integration's receipts, newest first, with outcome, reason and the raw body as received. */
    public Page<ReceiptPreview> getReceipts() {
        if (getIntegration() == null) {
            return pages.nothing();
        }
        return once.get("receipts", () -> receipts.previews(session.getTenantId(), integration, pages.pageRequest()));
    }

    public String getIntegrationId() {
        return integration;
    }

    public void setIntegrationId(String integration) {
        this.integration = ConsolePages.given(integration);
    }
}

package dev.herald.console;

import static dev.herald.console.FormFields.addNumber;
import static dev.herald.console.FormFields.addText;

import dev.herald.access.entity.Scope;
import dev.herald.catalog.control.GovernedCategories;
import dev.herald.inbound.control.IntegrationFilter;
import dev.herald.inbound.control.IntegrationInput;
import dev.herald.inbound.control.IntegrationSpec;
import dev.herald.inbound.control.Integrations;
import dev.herald.inbound.entity.Integration;
import dev.herald.inbound.entity.IntegrationType;
import dev.herald.platform.json.Jsons;
import dev.herald.problems.InputErrors;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An inbound integration created or edited in a form with every field of the API, read by the
 * API's rule ({@link IntegrationInput}) so its messages land beside the fields. The secret and
 * the token are write-only: the form never shows them, and left blank on an edit they are kept.
 */
@Named
@ViewScoped
public class IntegrationForm implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleSession session;

    @Inject
    ConsoleActions actions;

    @Inject
    Integrations integrations;

    private String id;
    private boolean found = true;
    private boolean confirmingDelete;
    private String name;
    private String type = IntegrationType.GITHUB.wireName();
    private String secret;
    private String token;
    private String signatureHeader;
    private String signatureAlgorithm;
    private String timestampHeader;
    private String toleranceSeconds;
    private String filters;
    private boolean enabled = true;

    /** On the page's first GET: an edit starts from the stored integration. */
    public void load() {
        if (id == null || !isAllowed()) {
            return;
        }
        Integration integration = ConsolePages.foundOrNull(() -> integrations.get(session.getTenantId(), id));
        found = integration != null;
        if (!found) {
            return;
        }
        name = integration.name();
        type = integration.type().wireName();
        signatureHeader = integration.signatureHeader();
        signatureAlgorithm = integration.signatureAlgorithm();
        timestampHeader = integration.timestampHeader();
        toleranceSeconds =
                integration.toleranceSeconds() == null ? null : String.valueOf(integration.toleranceSeconds());
        filters = IntegrationFilter.fromJson(integration.filtersJson()).stream()
                .map(f -> FormFields.shown(List.of(f.path(), f.op(), f.value())))
                .collect(Collectors.joining("\n"));
        enabled = integration.enabled();
    }

    /** Creates or replaces the integration, then shows it with the URL to paste into the sender. */
    public String save() {
        boolean creating = id == null;
        var saved = actions.run(
                Scope.PUBLISH,
                creating ? "POST" : "PUT",
                creating ? "/integrations" : "/integrations/" + id,
                id,
                Integration::id,
                null,
                () -> {
                    IntegrationSpec spec = read(!creating);
                    if (creating) {
                        return integrations.create(session.getTenantId(), spec, session.has(Scope.GOVERN));
                    }
                    requireScopeToChange();
                    return integrations.replace(session.getTenantId(), id, spec);
                });
        // Write-only, and not redisplayed: kept no longer than the request that sent them.
        secret = null;
        token = null;
        return saved.map(integration -> {
                    ConsoleActions.tellAfterRedirect(
                            "Integration '" + integration.name() + "' saved: paste its URL into " + "the sender.");
                    return "/console/inbound?faces-redirect=true&integration=" + integration.id();
                })
                .orElse(null);
    }

    /** As the API's: an integration whose pushes fire release triggers is changed only with {@code govern}. */
    private void requireScopeToChange() {
        Integrations.raises(integrations.get(session.getTenantId(), id))
                .ifPresent(type -> GovernedCategories.requireScopeFor(
                        type, session.has(Scope.GOVERN), Integrations.CHANGING_A_FEED));
    }

    public void askToDelete() {
        confirmingDelete = true;
    }

    public void keep() {
        confirmingDelete = false;
    }

    public String delete() {
        return actions.run(Scope.PUBLISH, "DELETE", "/integrations/" + id, id, () -> {
                    requireScopeToChange();
                    integrations.delete(session.getTenantId(), id);
                    return id;
                })
                .map(deleted -> {
                    ConsoleActions.tellAfterRedirect(
                            "Integration deleted: its sender's calls are refused from now on.");
                    return "/console/inbound?faces-redirect=true";
                })
                .orElse(null);
    }

    /** Reads the form by the API's rule; a filter line the form cannot split is reported with the rule's errors. */
    private IntegrationSpec read(boolean replacing) {
        InputErrors lineErrors = new InputErrors();
        JsonObject body = toJson(lineErrors);
        return FormFields.readByTheRule(lineErrors, () -> IntegrationInput.read(body, replacing));
    }

    private JsonObject toJson(InputErrors lineErrors) {
        JsonObjectBuilder body = Jsons.object();
        addText(body, "name", name);
        addText(body, "type", type);
        addText(body, "secret", secret);
        addText(body, "token", token);
        addText(body, "signatureHeader", signatureHeader);
        addText(body, "signatureAlgorithm", signatureAlgorithm);
        addText(body, "timestampHeader", timestampHeader);
        addNumber(body, "toleranceSeconds", toleranceSeconds);
        body.add(
                "filters",
                FormFields.wordLines(filters, "filters", lineErrors, "$.tag matches ^v", "path", "op", "value"));
        body.add("enabled", enabled);
        return body.build();
    }

    public List<String> getTypes() {
        return Arrays.stream(IntegrationType.values())
                .map(IntegrationType::wireName)
                .toList();
    }

    public boolean isAllowed() {
        return session.canChange("publish");
    }

    public boolean isEditing() {
        return id != null;
    }

    public boolean isFound() {
        return found;
    }

    public boolean isConfirmingDelete() {
        return confirmingDelete;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = ConsolePages.given(id);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getSignatureHeader() {
        return signatureHeader;
    }

    public void setSignatureHeader(String signatureHeader) {
        this.signatureHeader = signatureHeader;
    }

    public String getSignatureAlgorithm() {
        return signatureAlgorithm;
    }

    public void setSignatureAlgorithm(String signatureAlgorithm) {
        this.signatureAlgorithm = signatureAlgorithm;
    }

    public String getTimestampHeader() {
        return timestampHeader;
    }

    public void setTimestampHeader(String timestampHeader) {
        this.timestampHeader = timestampHeader;
    }

    public String getToleranceSeconds() {
        return toleranceSeconds;
    }

    public void setToleranceSeconds(String toleranceSeconds) {
        this.toleranceSeconds = toleranceSeconds;
    }

    public String getFilters() {
        return filters;
    }

    public void setFilters(String filters) {
        this.filters = filters;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}

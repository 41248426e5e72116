package dev.herald.console;

import static dev.herald.console.FormFields.addNumber;
import static dev.herald.console.FormFields.addText;
import static dev.herald.console.FormFields.blank;
import static dev.herald.console.FormFields.lines;

import dev.herald.access.entity.Scope;
import dev.herald.catalog.control.EventCatalog;
import dev.herald.catalog.control.EventType;
import dev.herald.platform.WireEnums;
import dev.herald.platform.json.Jsons;
import dev.herald.problems.InputErrors;
import dev.herald.problems.NotFoundProblem;
import dev.herald.subscriptions.control.Presentation;
import dev.herald.subscriptions.control.SubscriptionInput;
import dev.herald.subscriptions.control.SubscriptionSpec;
import dev.herald.subscriptions.control.Subscriptions;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A subscription created or edited in a form with every field of the API. The form is turned
 * into the API's JSON and read by {@link SubscriptionInput}, then {@link Subscriptions} decides
 * as for an API call: one rule, the API's messages, shown beside the field they are about.
 * Credentials and header values are write-only: the form never shows them, a blank credential
 * keeps the stored one and a header whose value shows masked keeps its stored value.
 */
@Named
@ViewScoped
public class SubscriptionForm implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleSession session;

    @Inject
    ConsoleActions actions;

    @Inject
    Subscriptions subscriptions;

    @Inject
    EventCatalog catalog;

    @Inject
    OncePerRequest once;

    private String id;
    private boolean found = true;
    private String name;
    private String url;
    private List<String> pickedEvents = new ArrayList<>();
    private String morePatterns;
    private String method = "POST";
    private String headers;
    private String authType = "signature";
    private String username;
    private String password;
    private String token;
    private String filters;
    private String maxRetries;
    private String backoffType;
    private String backoffSeconds;
    private String timeout;
    private boolean enabled = true;
    private String expiresAt;
    private String ordering = "none";
    private boolean oneTime;
    private boolean sharingUpdates;
    private String quotaLimit;
    private String quotaPeriod;
    private String rateLimit;
    /** The presentation's preset; sent only when changed, so fields an API client tuned beside it stay. */
    private String preset = Presentation.HERALD.preset();

    private String storedPreset = Presentation.HERALD.preset();
    /** The subscription's version when the form was loaded: a save after it changed is refused. */
    private Long loadedVersion;

    /** On the page's first GET: an edit starts from the stored subscription, a new one from the API's defaults. */
    public void load() {
        if (!isAllowed()) {
            return; // nothing read: whether the id exists is for a token that may change it, as in the API
        }
        SubscriptionSpec spec = SubscriptionSpec.defaults();
        if (id != null) {
            try {
                spec = subscriptions.currentSpec(session.getTenantId(), id);
                loadedVersion = subscriptions.version(session.getTenantId(), id);
            } catch (NotFoundProblem notThisTenants) {
                found = false;
                return;
            }
        }
        name = spec.name();
        url = spec.url();
        List<String> choices = getEventChoices();
        List<String> events = spec.events() == null ? List.of() : spec.events();
        pickedEvents = new ArrayList<>(events.stream().filter(choices::contains).toList());
        morePatterns = events.stream().filter(e -> !choices.contains(e)).collect(Collectors.joining(", "));
        method = spec.method();
        headers = spec.headers().keySet().stream()
                .map(header -> header + ": " + SubscriptionSpec.MASKED)
                .collect(Collectors.joining("\n"));
        authType = spec.authType();
        filters = spec.filters().stream()
                .map(f -> FormFields.shown(List.of(f.field(), f.operator().wireName(), f.value())))
                .collect(Collectors.joining("\n"));
        maxRetries = String.valueOf(spec.retryPolicy().maxRetries());
        backoffType = spec.retryPolicy().backoffType().wireName();
        backoffSeconds = String.valueOf(spec.retryPolicy().backoffSeconds());
        timeout = String.valueOf(spec.timeoutMs());
        enabled = spec.enabled();
        expiresAt = spec.expiresAt() == null ? null : spec.expiresAt().toString();
        ordering = spec.ordering();
        oneTime = spec.options().oneTime();
        sharingUpdates = spec.options().sharingUpdates();
        quotaLimit = spec.options().quota() == null
                ? null
                : String.valueOf(spec.options().quota().limit());
        quotaPeriod =
                spec.options().quota() == null ? null : spec.options().quota().periodText();
        rateLimit = spec.options().rateLimit() == null
                ? null
                : BigDecimal.valueOf(spec.options().rateLimit())
                        .stripTrailingZeros()
                        .toPlainString();
        preset = spec.presentation().preset();
        storedPreset = preset;
    }

    /** Creates or replaces the subscription; a new one's secret is shown once, on the page it leads to. */
    public String save() {
        boolean creating = id == null;
        String path = creating ? "/webhooks" : "/webhooks/" + id;
        var saved = actions.run(Scope.SUBSCRIBE, creating ? "POST" : "PUT", path, id, madeId -> madeId, null, () -> {
            if (creating) {
                var read = read(SubscriptionSpec.defaults(), null);
                var created = subscriptions.create(session.getTenantId(), read.spec(), null);
                FacesContext.getCurrentInstance()
                        .getExternalContext()
                        .getFlash()
                        .put("newSecret", created.secret());
                return created.subscription().id();
            }
            return subscriptions
                    .change(
                            session.getTenantId(),
                            id,
                            loadedVersion,
                            current -> read(current, current).spec())
                    .id();
        });
        return saved.map(savedId -> {
                    ConsoleActions.tellAfterRedirect(creating ? "Subscription created." : "Subscription saved.");
                    return "/console/subscription?faces-redirect=true&id=" + savedId;
                })
                .orElse(null);
    }

    /**
     * Reads the form by the API's rule onto {@code base}. A line the form itself cannot read
     * (a header without a colon) is reported with the rule's errors, all at once.
     */
    private SubscriptionInput.Read read(SubscriptionSpec base, SubscriptionSpec current) {
        InputErrors lineErrors = new InputErrors();
        JsonObject body = toJson(current, lineErrors);
        return FormFields.readByTheRule(lineErrors, () -> SubscriptionInput.read(body, base, current, false));
    }

    /** The form as the API's JSON body; what it cannot read goes into {@code lineErrors}. */
    private JsonObject toJson(SubscriptionSpec current, InputErrors lineErrors) {
        JsonObjectBuilder body = Jsons.object();
        addText(body, "name", name);
        addText(body, "url", url);
        JsonArrayBuilder events = Jsons.array();
        pickedEvents.forEach(events::add);
        if (morePatterns != null) {
            Arrays.stream(morePatterns.split("[,\\s]+"))
                    .filter(p -> !p.isBlank())
                    .forEach(events::add);
        }
        body.add("events", events);
        body.add("method", method);
        body.add("headers", headers(lineErrors));
        body.add("authType", authType);
        JsonObjectBuilder credentials = Jsons.object();
        addText(credentials, "username", username);
        addText(credentials, "password", password);
        addText(credentials, "token", token);
        JsonObject typed = credentials.build();
        if (!typed.isEmpty() || current == null) {
            body.add("credentials", typed);
        }
        body.add(
                "filters",
                FormFields.wordLines(
                        filters, "filters", lineErrors, "data.channel equals stable", "field", "operator", "value"));
        JsonObjectBuilder retryPolicy = Jsons.object();
        addNumber(retryPolicy, "maxRetries", maxRetries);
        addText(retryPolicy, "backoffType", backoffType);
        addNumber(retryPolicy, "backoffSeconds", backoffSeconds);
        body.add("retryPolicy", retryPolicy);
        addNumber(body, "timeout", timeout);
        body.add("enabled", enabled);
        if (blank(expiresAt)) {
            body.addNull("expiresAt");
        } else {
            body.add("expiresAt", expiresAt.strip());
        }
        body.add("ordering", ordering);
        JsonObjectBuilder options = Jsons.object().add("oneTime", oneTime).add("sharingUpdates", sharingUpdates);
        if (!blank(quotaLimit) || !blank(quotaPeriod)) {
            JsonObjectBuilder quota = Jsons.object();
            addNumber(quota, "limit", quotaLimit);
            addText(quota, "period", quotaPeriod);
            options.add("quota", quota);
        }
        addNumber(options, "rateLimit", rateLimit);
        body.add("options", options);
        if (!preset.equals(storedPreset)) {
            body.add("presentation", Jsons.object().add("preset", preset));
        }
        return body.build();
    }

    /** One "Name: value" a line; a masked value keeps what the subscription has ({@link SubscriptionInput}). */
    private JsonObjectBuilder headers(InputErrors lineErrors) {
        JsonObjectBuilder headerObject = Jsons.object();
        List<String> lines = lines(headers, "headers", lineErrors);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            if (colon < 1) {
                lineErrors.add("headers", "line " + (i + 1) + " must read 'Name: value'");
                continue;
            }
            String header = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            headerObject.add(header, value);
        }
        return headerObject;
    }

    /**
     * Every type of the tenant's catalog, each category's wildcard and '*', to pick from. Worked
     * out once a request, not kept with the page: up to a thousand types' names for each of the
     * 25 pages a session keeps.
     */
    public List<String> getEventChoices() {
        return once.get("eventChoices", () -> {
            TreeSet<String> choices = new TreeSet<>();
            for (String name : catalog.names(session.getTenantId())) {
                choices.add(name);
                choices.add(EventType.categoryOf(name) + ".*");
            }
            choices.add("*");
            return List.copyOf(choices);
        });
    }

    public List<String> getMethods() {
        return SubscriptionSpec.METHODS;
    }

    public List<String> getAuthTypes() {
        return SubscriptionSpec.AUTH_TYPES;
    }

    public List<String> getOrderings() {
        return SubscriptionSpec.ORDERINGS;
    }

    public List<String> getBackoffTypes() {
        return WireEnums.wireNames(SubscriptionSpec.Backoff.class);
    }

    /** Whether the token may change subscriptions: {@code subscribe}, as the API asks. */
    public boolean isAllowed() {
        return session.has(Scope.SUBSCRIBE);
    }

    public boolean isEditing() {
        return id != null;
    }

    public boolean isFound() {
        return found;
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

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public List<String> getPickedEvents() {
        return pickedEvents;
    }

    public void setPickedEvents(List<String> pickedEvents) {
        this.pickedEvents = pickedEvents == null ? new ArrayList<>() : new ArrayList<>(pickedEvents);
    }

    public String getMorePatterns() {
        return morePatterns;
    }

    public void setMorePatterns(String morePatterns) {
        this.morePatterns = morePatterns;
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public String getHeaders() {
        return headers;
    }

    public void setHeaders(String headers) {
        this.headers = headers;
    }

    public String getAuthType() {
        return authType;
    }

    public void setAuthType(String authType) {
        this.authType = authType;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    /** Write-only: a page never shows a stored or typed password. */
    public String getPassword() {
        return null;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /** Write-only, like the password. */
    public String getToken() {
        return null;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getFilters() {
        return filters;
    }

    public void setFilters(String filters) {
        this.filters = filters;
    }

    public String getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(String maxRetries) {
        this.maxRetries = maxRetries;
    }

    public String getBackoffType() {
        return backoffType;
    }

    public void setBackoffType(String backoffType) {
        this.backoffType = backoffType;
    }

    public String getBackoffSeconds() {
        return backoffSeconds;
    }

    public void setBackoffSeconds(String backoffSeconds) {
        this.backoffSeconds = backoffSeconds;
    }

    public String getTimeout() {
        return timeout;
    }

    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(String expiresAt) {
        this.expiresAt = expiresAt;
    }

    public boolean isSharingUpdates() {
        return sharingUpdates;
    }

    public void setSharingUpdates(boolean sharingUpdates) {
        this.sharingUpdates = sharingUpdates;
    }

    public String getPreset() {
        return preset;
    }

    public void setPreset(String preset) {
        this.preset = preset;
    }

    /** The presets, Herald's own first (docs/receiving.md). */
    public List<String> getPresets() {
        return Presentation.PRESETS.keySet().stream()
                .sorted(java.util.Comparator.comparing((String name) -> !name.equals(Presentation.HERALD.preset()))
                        .thenComparing(java.util.Comparator.naturalOrder()))
                .toList();
    }

    public String getOrdering() {
        return ordering;
    }

    public void setOrdering(String ordering) {
        this.ordering = ordering;
    }

    public boolean isOneTime() {
        return oneTime;
    }

    public void setOneTime(boolean oneTime) {
        this.oneTime = oneTime;
    }

    public String getQuotaLimit() {
        return quotaLimit;
    }

    public void setQuotaLimit(String quotaLimit) {
        this.quotaLimit = quotaLimit;
    }

    public String getQuotaPeriod() {
        return quotaPeriod;
    }

    public void setQuotaPeriod(String quotaPeriod) {
        this.quotaPeriod = quotaPeriod;
    }

    public String getRateLimit() {
        return rateLimit;
    }

    public void setRateLimit(String rateLimit) {
        this.rateLimit = rateLimit;
    }
}

package dev.herald.subscriptions.control;

import dev.herald.platform.Times;
import dev.herald.platform.WireEnums;
import dev.herald.platform.json.JsonFields;
import dev.herald.platform.text.TenantRegex;
import dev.herald.platform.text.TextComparison;
import dev.herald.problems.InputErrors;
import dev.herald.subscriptions.control.SubscriptionSpec.Backoff;
import dev.herald.subscriptions.control.SubscriptionSpec.Filter;
import dev.herald.subscriptions.control.SubscriptionSpec.Options;
import dev.herald.subscriptions.control.SubscriptionSpec.Quota;
import dev.herald.subscriptions.control.SubscriptionSpec.RetryPolicy;
import jakarta.json.JsonObject;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a subscription request body onto a base {@link SubscriptionSpec}: fields present in
 * the body replace the base's, {@code null} resets one to its default. Shape, types and
 * ranges are checked here; what needs the catalog or the network is checked by
 * {@link Subscriptions}. The API's body and the console's form (built into the same JSON)
 * are read by this one rule.
 */
public final class SubscriptionInput {

    static final Set<String> FIELDS = Set.of(
            "name",
            "url",
            "events",
            "secret",
            "method",
            "headers",
            "authType",
            "credentials",
            "filters",
            "retryPolicy",
            "timeout",
            "enabled",
            "expiresAt",
            "ordering",
            "options",
            "presentation");
    static final Set<String> READ_ONLY =
            Set.of("id", "status", "health", "usage", "lastDelivery", "lastStatus", "createdAt", "updatedAt");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    /** What a presentation may not name: the exchange's own headers and the Standard Webhooks ones. */
    private static final Set<String> PROTOCOL_HEADERS = Set.of(
            "content-type",
            "content-length",
            "host",
            "user-agent",
            "authorization",
            "transfer-encoding",
            "connection",
            "webhook-id",
            "webhook-timestamp",
            "webhook-signature");
    /** What the subscription's own headers may not set: those and Herald's own. */
    private static final Set<String> RESERVED_HEADERS = java.util.stream.Stream.concat(
                    PROTOCOL_HEADERS.stream(), Presentation.HERALD.headerNames().stream())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static final Pattern FIELD_PATH = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final int MAX_EVENTS = 100;
    /** As long as an event type's name may be (the catalog's column). */
    private static final int MAX_EVENT_TYPE = 100;
    /**
     * A filter's path and value: every event of the tenant is compared with them, and each
     * opened subscription is kept in memory with them.
     */
    private static final int MAX_FILTER_FIELD = 200;

    private static final int MAX_FILTER_VALUE = 1_000;
    private static final int MAX_FILTERS = 20;
    private static final int MAX_HEADERS = 20;

    private final JsonFields fields;
    private final InputErrors errors;
    /** The subscription's settings before this change; null when it is being created. */
    private final SubscriptionSpec stored;

    private SubscriptionInput(JsonObject body, InputErrors errors, SubscriptionSpec stored) {
        this.errors = errors;
        this.fields = JsonFields.of(body, errors);
        this.stored = stored;
    }

    /** What the client asked for, with the secret it chose (or null). */
    public record Read(SubscriptionSpec spec, String secret) {}

    public static Read read(JsonObject body, SubscriptionSpec base, boolean secretAllowed) {
        return read(body, base, base, secretAllowed);
    }

    /**
     * As {@link #read(JsonObject, SubscriptionSpec, boolean)}, for a change of a subscription
     * whose settings are {@code stored}: a header or credential sent back as
     * {@link SubscriptionSpec#MASKED}, as a read shows it, keeps its stored value, so that a
     * read, a change and a write (PUT, PATCH, the console's form) leave it working.
     */
    public static Read read(JsonObject body, SubscriptionSpec base, SubscriptionSpec stored, boolean secretAllowed) {
        InputErrors errors = new InputErrors();
        Read read = new SubscriptionInput(body, errors, stored).readOnto(base, secretAllowed);
        errors.throwIfAny();
        return read;
    }

    private Read readOnto(SubscriptionSpec base, boolean secretAllowed) {
        Set<String> known = new java.util.HashSet<>(FIELDS);
        known.addAll(READ_ONLY);
        fields.allowOnly(known).rejectReadOnly(READ_ONLY);
        String secret = readSecret(secretAllowed);
        SubscriptionSpec defaults = SubscriptionSpec.defaults();
        String name = fields.has("name") ? name() : base.name();
        String url = fields.has("url") ? fields.string("url") : base.url();
        List<String> events = fields.has("events") ? events() : base.events();
        String method = fields.has("method")
                ? oneOf(fields, "method", SubscriptionSpec.METHODS, defaults.method(), true)
                : base.method();
        Map<String, String> headers = fields.has("headers") ? headers() : base.headers();
        String authType = fields.has("authType")
                ? oneOf(fields, "authType", SubscriptionSpec.AUTH_TYPES, defaults.authType())
                : base.authType();
        Map<String, String> credentials = fields.has("credentials") ? credentials() : base.credentials();
        List<Filter> filters = fields.has("filters") ? filters() : base.filters();
        RetryPolicy retryPolicy = fields.has("retryPolicy") ? retryPolicy() : base.retryPolicy();
        int timeout = fields.has("timeout") ? timeout(defaults.timeoutMs()) : base.timeoutMs();
        boolean enabled = fields.has("enabled") ? valueOr(fields.bool("enabled"), true) : base.enabled();
        Instant expiresAt = fields.has("expiresAt") ? expiresAt() : base.expiresAt();
        String ordering = fields.has("ordering")
                ? oneOf(fields, "ordering", SubscriptionSpec.ORDERINGS, defaults.ordering())
                : base.ordering();
        Options options = fields.has("options") ? options() : base.options();
        Presentation presentation =
                fields.has("presentation") ? presentation(base.presentation()) : base.presentation();

        if (url == null) {
            errors.add("url", "is required: the http(s) URL Herald delivers to");
        }
        if (events == null) {
            errors.add("events", "is required: a list of event types, 'category.*' or '*'");
        }
        checkCredentialsFit(authType, credentials);
        checkHeadersFit(headers, presentation);
        if ("signature".equals(authType) && !presentation.signs(authType) && !presentation.standardWebhooks()) {
            errors.add(
                    "presentation",
                    "would send deliveries without any signature while authType is signature:"
                            + " keep a signatureHeader or standardWebhooks, or choose authType basic, bearer or none");
        }
        return new Read(
                new SubscriptionSpec(
                        name,
                        url,
                        events,
                        method,
                        headers,
                        authType,
                        credentials,
                        filters,
                        retryPolicy,
                        timeout,
                        enabled,
                        expiresAt,
                        ordering,
                        options,
                        presentation),
                secret);
    }

    private String readSecret(boolean allowed) {
        if (!fields.has("secret")) {
            return null;
        }
        if (!allowed) {
            errors.add("secret", "cannot be changed here; use POST /api/v1/webhooks/{id}/rotate-secret");
            return null;
        }
        String secret = fields.string("secret");
        if (secret != null) {
            String problem = SecretGenerator.problemWith(secret);
            if (problem != null) {
                errors.add("secret", problem);
            }
        }
        return secret;
    }

    private String name() {
        String name = fields.string("name");
        if (name != null && !NAME.matcher(name).matches()) {
            errors.add("name", "must be 1 to 100 letters, digits, '-' or '_'");
        }
        return name;
    }

    private List<String> events() {
        List<String> events = fields.strings("events");
        if (events == null) {
            return null;
        }
        if (events.isEmpty()) {
            errors.add("events", "must name at least one event type, 'category.*' or '*'");
        }
        checkPatterns("events", events, errors);
        return events;
    }

    /**
     * The bounds of a list of event types and patterns, a subscription's {@code events} or a
     * backfill's {@code types}: each is matched against every event considered, so their number
     * and length are the caller's cost.
     */
    public static void checkPatterns(String field, List<String> patterns, InputErrors errors) {
        if (patterns.size() > MAX_EVENTS) {
            errors.add(field, "may have at most " + MAX_EVENTS + " entries");
            return;
        }
        if (Set.copyOf(patterns).size() != patterns.size()) {
            errors.add(field, "lists an entry twice");
        }
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).length() > MAX_EVENT_TYPE) {
                errors.add(
                        field + "[" + i + "]",
                        "must be at most " + MAX_EVENT_TYPE + " characters, as event type names are");
            }
        }
    }

    private Map<String, String> headers() {
        Map<String, String> headers = fields.stringMap("headers");
        if (headers == null) {
            return Map.of();
        }
        if (headers.size() > MAX_HEADERS) {
            errors.add("headers", "may have at most " + MAX_HEADERS + " entries");
        }
        headers = unmasked("headers", headers, stored == null ? Map.of() : stored.headers());
        headers.forEach((name, value) -> {
            if (!HEADER_NAME.matcher(name).matches()) {
                errors.add("headers." + name, "is not a valid HTTP header name");
            } else if (RESERVED_HEADERS.contains(name.toLowerCase())) {
                errors.add("headers." + name, "is set by Herald itself and cannot be overridden");
            } else if (value.length() > 4096 || value.chars().anyMatch(c -> c < 32 && c != '\t' || c == 127)) {
                errors.add("headers." + name, "must be at most 4096 characters without control characters");
            }
        });
        return headers;
    }

    /** The subscription's own headers must not take the names its presentation sends. */
    private void checkHeadersFit(Map<String, String> headers, Presentation presentation) {
        List<String> presented = presentation.headerNames();
        headers.keySet().stream()
                .filter(name ->
                        presented.contains(name.toLowerCase()) && !RESERVED_HEADERS.contains(name.toLowerCase()))
                .forEach(
                        name -> // reported already
                        errors.add("headers." + name, "is a header the subscription's presentation sends"));
    }

    private Map<String, String> credentials() {
        JsonFields credentials = fields.object("credentials");
        if (credentials == null) {
            return Map.of();
        }
        credentials.allowOnly(Set.of("username", "password", "token"));
        Map<String, String> result = new java.util.LinkedHashMap<>();
        for (String key : List.of("username", "password", "token")) {
            String value = credentials.string(key);
            if (value != null) {
                if (value.isEmpty() || value.length() > 1024) {
                    errors.add("credentials." + key, "must be 1 to 1024 characters");
                }
                result.put(key, value);
            }
        }
        return unmasked("credentials", result, stored == null ? Map.of() : stored.credentials());
    }

    /**
     * Each value sent back masked takes the value stored under its name (a header's in any case,
     * as HTTP reads header names); a mask with nothing stored under its name is an error, never
     * a value to send.
     */
    private Map<String, String> unmasked(String field, Map<String, String> sent, Map<String, String> storedValues) {
        Map<String, String> values = new java.util.LinkedHashMap<>(sent);
        values.replaceAll((name, value) -> {
            if (!SubscriptionSpec.MASKED.equals(value)) {
                return value;
            }
            return storedValues.entrySet().stream()
                    .filter(storedValue -> storedValue.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElseGet(() -> {
                        errors.add(
                                field + "." + name,
                                "is the mask a read shows, and nothing is stored under this name to keep:"
                                        + " send the value itself");
                        return value;
                    });
        });
        return values;
    }

    private void checkCredentialsFit(String authType, Map<String, String> credentials) {
        if ("basic".equals(authType)) {
            if (!credentials.containsKey("username") || !credentials.containsKey("password")) {
                errors.add("credentials", "authType basic needs credentials.username and credentials.password");
            } else if (credentials.get("username").contains(":")) {
                errors.add("credentials.username", "must not contain ':' (HTTP Basic forbids it)");
            }
        } else if ("bearer".equals(authType) && !credentials.containsKey("token")) {
            errors.add("credentials", "authType bearer needs credentials.token");
        }
    }

    private List<Filter> filters() {
        List<JsonFields> items = fields.objects("filters");
        if (items == null) {
            return List.of();
        }
        if (items.size() > MAX_FILTERS) {
            errors.add("filters", "may have at most " + MAX_FILTERS + " entries");
        }
        List<Filter> filters = new ArrayList<>();
        for (JsonFields item : items) {
            item.allowOnly(Set.of("field", "operator", "value"));
            String field = item.string("field");
            String operatorName = item.string("operator");
            TextComparison operator =
                    WireEnums.ofWireName(TextComparison.class, operatorName).orElse(null);
            String value = item.string("value");
            if (field == null) {
                errors.add(item.name("field"), "is required: a dotted path into the payload, e.g. data.channel");
            } else if (field.length() > MAX_FILTER_FIELD
                    || !FIELD_PATH.matcher(field).matches()) {
                errors.add(
                        item.name("field"),
                        "must be a dotted path such as data.channel, at most " + MAX_FILTER_FIELD + " characters");
            }
            if (operatorName == null) {
                errors.add(item.name("operator"), "is required: one of " + WireEnums.wireNames(TextComparison.class));
            } else if (operator == null) {
                errors.add(
                        item.name("operator"),
                        "must be one of " + WireEnums.wireNames(TextComparison.class) + ", not '" + operatorName + "'");
            }
            if (value == null) {
                errors.add(item.name("value"), "is required: the string to compare with");
            } else if (value.length() > MAX_FILTER_VALUE) {
                errors.add(item.name("value"), "must be at most " + MAX_FILTER_VALUE + " characters");
            } else if (operator == TextComparison.MATCHES) {
                TenantRegex.problemWith(value).ifPresent(problem -> errors.add(item.name("value"), problem));
            }
            filters.add(new Filter(field, operator, value));
        }
        return filters;
    }

    private RetryPolicy retryPolicy() {
        RetryPolicy defaults = RetryPolicy.defaults();
        JsonFields policy = fields.object("retryPolicy");
        if (policy == null) {
            return defaults;
        }
        policy.allowOnly(Set.of("maxRetries", "backoffType", "backoffSeconds"));
        int maxRetries = valueOr(policy.integer("maxRetries"), defaults.maxRetries());
        if (maxRetries < 0 || maxRetries > RetryPolicy.MAX_RETRIES) {
            errors.add(policy.name("maxRetries"), "must be from 0 to " + RetryPolicy.MAX_RETRIES);
        }
        String backoffName = policy.string("backoffType");
        Backoff backoffType = backoffName == null
                ? defaults.backoffType()
                : WireEnums.ofWireName(Backoff.class, backoffName).orElse(null);
        if (backoffType == null) {
            errors.add(policy.name("backoffType"), "must be one of " + WireEnums.wireNames(Backoff.class));
        }
        int backoffSeconds = valueOr(policy.integer("backoffSeconds"), defaults.backoffSeconds());
        if (backoffSeconds < 1 || backoffSeconds > RetryPolicy.MAX_BACKOFF_SECONDS) {
            errors.add(policy.name("backoffSeconds"), "must be from 1 to " + RetryPolicy.MAX_BACKOFF_SECONDS);
        }
        return new RetryPolicy(maxRetries, backoffType, backoffSeconds);
    }

    private int timeout(int fallback) {
        Integer timeout = fields.integer("timeout");
        if (timeout == null) {
            return fallback;
        }
        if (timeout < SubscriptionSpec.MIN_TIMEOUT_MS || timeout > SubscriptionSpec.MAX_TIMEOUT_MS) {
            errors.add(
                    "timeout",
                    "must be from " + SubscriptionSpec.MIN_TIMEOUT_MS + " to " + SubscriptionSpec.MAX_TIMEOUT_MS
                            + " milliseconds");
        }
        return timeout;
    }

    private Instant expiresAt() {
        Instant expiresAt = fields.instant("expiresAt");
        if (expiresAt != null && !expiresAt.isAfter(Times.now())) {
            errors.add("expiresAt", "must be in the future");
        }
        return expiresAt;
    }

    private Options options() {
        JsonFields options = fields.object("options");
        if (options == null) {
            return Options.defaults();
        }
        options.allowOnly(Set.of("oneTime", "quota", "rateLimit", "sharingUpdates"));
        boolean oneTime = valueOr(options.bool("oneTime"), false);
        boolean sharingUpdates = valueOr(options.bool("sharingUpdates"), false);
        Quota quota = quota(options.object("quota"));
        Double rateLimit = options.number("rateLimit");
        if (rateLimit != null && (rateLimit < Options.MIN_RATE_LIMIT || rateLimit > Options.MAX_RATE_LIMIT)) {
            errors.add(
                    options.name("rateLimit"),
                    "must be from 1/3600 (one delivery an hour) to " + (int) Options.MAX_RATE_LIMIT
                            + " deliveries per second");
        }
        return new Options(oneTime, quota, rateLimit, sharingUpdates);
    }

    /**
     * A preset, or else {@code current} (Herald's own on a create or full replace; the stored one
     * on a PATCH), with the fields given beside it in place of its own. A header given as null is
     * not sent; {@code presentation: null} is Herald's own.
     */
    private Presentation presentation(Presentation current) {
        JsonFields given = fields.object("presentation");
        if (given == null) {
            return Presentation.HERALD;
        }
        given.allowOnly(Presentation.FIELDS);
        Presentation base = current;
        String preset = given.string("preset");
        if (preset != null) {
            base = Presentation.PRESETS.get(preset);
            if (base == null) {
                errors.add(
                        given.name("preset"),
                        "must be one of "
                                + Presentation.PRESETS.keySet().stream()
                                        .sorted()
                                        .toList() + ", not '" + preset + "'");
                base = current;
            }
        }
        Presentation read = new Presentation(
                base.preset(),
                given.has("signatureHeader") ? presentedHeader(given, "signatureHeader") : base.signatureHeader(),
                given.has("signatureForm")
                        ? oneOf(given, "signatureForm", Presentation.SIGNATURE_FORMS, base.signatureForm())
                        : base.signatureForm(),
                given.has("signatureWhen")
                        ? oneOf(given, "signatureWhen", Presentation.SIGNATURE_WHENS, base.signatureWhen())
                        : base.signatureWhen(),
                given.has("eventHeader") ? presentedHeader(given, "eventHeader") : base.eventHeader(),
                given.has("deliveryHeader") ? presentedHeader(given, "deliveryHeader") : base.deliveryHeader(),
                given.has("timestampHeader") ? presentedHeader(given, "timestampHeader") : base.timestampHeader(),
                given.has("timestampForm")
                        ? oneOf(given, "timestampForm", Presentation.TIMESTAMP_FORMS, base.timestampForm())
                        : base.timestampForm(),
                given.has("body") ? oneOf(given, "body", Presentation.BODIES, base.body()) : base.body(),
                valueOr(given.bool("standardWebhooks"), base.standardWebhooks()));
        List<String> names = read.headerNames();
        if (Set.copyOf(names).size() != names.size()) {
            errors.add(fields.name("presentation"), "names one header for two purposes: " + names);
        }
        return read;
    }

    /** A header name that Herald may send: not one the HTTP exchange or the Standard Webhooks headers own. */
    private String presentedHeader(JsonFields given, String field) {
        String name = given.string(field);
        if (name == null) {
            return null;
        }
        if (!HEADER_NAME.matcher(name).matches()) {
            errors.add(given.name(field), "is not a valid HTTP header name");
        } else if (PROTOCOL_HEADERS.contains(name.toLowerCase())) {
            errors.add(given.name(field), "names a header that Herald or HTTP itself sets: '" + name + "'");
        }
        return name;
    }

    private String oneOf(JsonFields in, String field, List<String> allowed, String fallback) {
        return oneOf(in, field, allowed, fallback, false);
    }

    private String oneOf(JsonFields in, String field, List<String> allowed, String fallback, boolean upperCase) {
        String value = in.string(field);
        if (value == null) {
            return fallback;
        }
        String normalized = upperCase ? value.toUpperCase() : value;
        if (!allowed.contains(normalized)) {
            in.errors().add(in.name(field), "must be one of " + allowed + ", not '" + value + "'");
        }
        return normalized;
    }

    private Quota quota(JsonFields quota) {
        if (quota == null) {
            return null;
        }
        quota.allowOnly(Set.of("limit", "period"));
        Integer limit = quota.integer("limit");
        if (limit == null) {
            errors.add(quota.name("limit"), "is required: deliveries allowed per period");
        } else if (limit < 1) {
            errors.add(quota.name("limit"), "must be at least 1");
        }
        String periodText = quota.string("period");
        Duration period = null;
        if (periodText == null) {
            errors.add(quota.name("period"), "is required: an ISO-8601 duration such as P1D or PT1H");
        } else {
            try {
                period = Duration.parse(periodText);
                if (period.compareTo(Quota.MIN_PERIOD) < 0 || period.compareTo(Quota.MAX_PERIOD) > 0) {
                    errors.add(quota.name("period"), "must be from PT1S to P366D");
                }
            } catch (DateTimeException e) {
                errors.add(quota.name("period"), "must be an ISO-8601 duration such as P1D or PT1H");
            }
        }
        return limit == null || period == null ? null : new Quota(limit, period);
    }

    private static <T> T valueOr(T value, T fallback) {
        return value == null ? fallback : value;
    }
}

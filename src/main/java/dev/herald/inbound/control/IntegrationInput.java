package dev.herald.inbound.control;

import dev.herald.inbound.entity.IntegrationType;
import dev.herald.platform.json.JsonFields;
import dev.herald.problems.InputErrors;
import jakarta.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reads an integration as a client writes it (the API's POST and PUT bodies, the console's
 * form), naming every field that is wrong at once.
 */
public final class IntegrationInput {

    private static final Set<String> FIELDS = Set.of(
            "name",
            "type",
            "secret",
            "signatureHeader",
            "signatureAlgorithm",
            "token",
            "timestampHeader",
            "toleranceSeconds",
            "filters",
            "enabled");
    private static final Set<String> ALGORITHMS = Set.of("hmac-sha256", "hmac-sha1");
    private static final int DEFAULT_TOLERANCE = 300;
    /** Sealed (UTF-8, AES-GCM, base64) even 200 characters of 3 bytes each fit the 1000-character column. */
    private static final int MAX_SECRET = 200;
    /** Every inbound call is matched against each filter: the bound a subscription's filters have. */
    private static final int MAX_FILTERS = 20;

    private IntegrationInput() {}

    /** @param replacing on PUT an absent secret or token keeps the current one */
    public static IntegrationSpec read(JsonObject body, boolean replacing) {
        InputErrors errors = new InputErrors();
        JsonFields fields = JsonFields.of(body, errors).allowOnly(FIELDS);
        String name = fields.text("name", 100, "a name for the integration, unique in the tenant");
        String typeName = fields.text("type", 20, "registry-push, ci-pipeline, github, gitlab or generic");
        IntegrationType type = typeName == null ? null : IntegrationType.ofWireName(typeName);
        if (typeName != null && type == null) {
            errors.add(
                    "type",
                    "must be one of "
                            + Arrays.stream(IntegrationType.values())
                                    .map(IntegrationType::wireName)
                                    .toList());
        }
        String secret = fields.optionalText("secret", MAX_SECRET);
        String token = fields.optionalText("token", MAX_SECRET);
        String signatureHeader = fields.optionalText("signatureHeader", 100);
        String algorithm = fields.optionalText("signatureAlgorithm", 20);
        String timestampHeader = fields.optionalText("timestampHeader", 100);
        Integer tolerance = fields.integer("toleranceSeconds");
        List<JsonFields> filterItems = fields.objects("filters");
        List<IntegrationFilter> filters = List.of();
        if (filterItems != null && filterItems.size() > MAX_FILTERS) {
            errors.add("filters", "may have at most " + MAX_FILTERS + " entries, got " + filterItems.size());
        } else if (filterItems != null) {
            filters = IntegrationFilter.read(filterItems);
        }
        Boolean enabled = fields.bool("enabled");
        if (algorithm != null && !ALGORITHMS.contains(algorithm)) {
            errors.add("signatureAlgorithm", "must be hmac-sha256 or hmac-sha1");
        }
        if (token != null && !token.equals(token.trim())) {
            // A presented token is read without the spaces around it, so this one would never match.
            errors.add("token", "must not start or end with whitespace");
        }
        if (tolerance != null && (tolerance < 1 || tolerance > 86_400)) {
            errors.add("toleranceSeconds", "must be 1 to 86400 seconds");
        }
        if (type != null) {
            checkCredentials(type, secret, token, signatureHeader, algorithm, timestampHeader, replacing, errors);
        }
        errors.throwIfAny();
        boolean signed = type == IntegrationType.GITHUB || signatureHeader != null;
        return new IntegrationSpec(
                name,
                type,
                secret,
                token,
                signatureHeader,
                signed && type != IntegrationType.GITHUB ? (algorithm != null ? algorithm : "hmac-sha256") : null,
                timestampHeader,
                timestampHeader == null ? null : tolerance != null ? tolerance : DEFAULT_TOLERANCE,
                filters,
                enabled == null || enabled);
    }

    /** Each type's way of authenticating, so that no integration accepts unauthenticated calls. */
    private static void checkCredentials(
            IntegrationType type,
            String secret,
            String token,
            String signatureHeader,
            String algorithm,
            String timestampHeader,
            boolean replacing,
            InputErrors errors) {
        switch (type) {
            case GITHUB -> {
                refuse(token, "token", "GitHub signs with a secret (X-Hub-Signature-256); set secret", errors);
                refuse(signatureHeader, "signatureHeader", "GitHub always signs in X-Hub-Signature-256", errors);
                refuse(timestampHeader, "timestampHeader", "GitHub signs no timestamp", errors);
                if (secret == null && !replacing) {
                    errors.add("secret", "is required: the secret configured on the GitHub webhook");
                }
            }
            case GITLAB -> {
                refuse(secret, "secret", "GitLab sends its secret token in X-Gitlab-Token; set token", errors);
                refuse(signatureHeader, "signatureHeader", "GitLab does not sign; it sends X-Gitlab-Token", errors);
                refuse(timestampHeader, "timestampHeader", "GitLab signs no timestamp", errors);
                if (token == null && !replacing) {
                    errors.add("token", "is required: the secret token configured on the GitLab webhook");
                }
            }
            default -> {
                if (secret != null && signatureHeader == null) {
                    errors.add("signatureHeader", "is required with a secret: the header the sender signs in");
                }
                if (signatureHeader != null && token != null) {
                    errors.add(
                            "token",
                            "cannot be combined with a signature: choose signatureHeader and secret, " + "or a token");
                }
                if (signatureHeader == null && secret == null && token == null && !replacing) {
                    errors.add("secret", "or token is required: an integration never accepts unauthenticated calls");
                }
                if (timestampHeader != null && signatureHeader == null) {
                    errors.add("timestampHeader", "needs a signature: the sender signs timestamp.body");
                }
                if (algorithm != null && signatureHeader == null) {
                    errors.add("signatureAlgorithm", "needs signatureHeader");
                }
            }
        }
    }

    private static void refuse(String value, String field, String why, InputErrors errors) {
        if (value != null) {
            errors.add(field, "is not used by this type: " + why);
        }
    }
}

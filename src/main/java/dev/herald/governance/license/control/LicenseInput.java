package dev.herald.governance.license.control;

import dev.herald.platform.Times;
import dev.herald.platform.json.JsonFields;
import dev.herald.problems.InputErrors;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Set;

/** A license to issue, {@code {productId, licensee, expiresAt}}, read by one rule for the API and the console. */
public record LicenseInput(String productId, String licensee, Instant expiresAt) {

    /** Reads the body, or throws every field error at once. */
    public static LicenseInput read(JsonObject body) {
        InputErrors errors = new InputErrors();
        JsonFields fields = JsonFields.of(body, errors).allowOnly(Set.of("productId", "licensee", "expiresAt"));
        String productId = fields.text("productId", 200, "the licensed product");
        String licensee = fields.text("licensee", 200, "who holds the license");
        fields.require("expiresAt", "when the lease ends, an ISO-8601 UTC time");
        Instant expiresAt = fields.instant("expiresAt");
        if (expiresAt != null && !expiresAt.isAfter(Times.now())) {
            errors.add("expiresAt", "must be in the future");
        }
        errors.throwIfAny();
        return new LicenseInput(productId, licensee, expiresAt);
    }
}

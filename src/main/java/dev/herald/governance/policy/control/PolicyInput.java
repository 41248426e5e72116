package dev.herald.governance.policy.control;

import dev.herald.platform.json.JsonFields;
import dev.herald.problems.InputErrors;
import jakarta.json.JsonObject;
import java.util.Set;

/**
 * A policy as a client writes it, {@code {name, rules: {requireApproval, separationOfDuties?}}},
 * read by one rule for the API and the console; {@code separationOfDuties} left out is true.
 */
public record PolicyInput(String name, Policies.Rules rules) {

    /** Reads the body, or throws every field error at once. */
    public static PolicyInput read(JsonObject body) {
        InputErrors errors = new InputErrors();
        JsonFields fields = JsonFields.of(body, errors).allowOnly(Set.of("name", "rules"));
        String name = fields.text("name", 100, "a name for the policy, unique in the tenant");
        fields.require("rules", "an object such as {\"requireApproval\": true}");
        JsonFields rules = fields.object("rules");
        Boolean requireApproval = null;
        Boolean separationOfDuties = null;
        if (rules != null) {
            rules.allowOnly(Set.of("requireApproval", "separationOfDuties"));
            rules.require("requireApproval", "true or false: whether publishing needs an approval");
            requireApproval = rules.bool("requireApproval");
            separationOfDuties = rules.bool("separationOfDuties");
        }
        errors.throwIfAny();
        return new PolicyInput(
                name, new Policies.Rules(requireApproval, separationOfDuties == null || separationOfDuties));
    }
}

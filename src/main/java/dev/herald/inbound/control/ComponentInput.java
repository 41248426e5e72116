package dev.herald.inbound.control;

import dev.herald.governance.release.control.Releases;
import dev.herald.platform.json.JsonFields;
import dev.herald.problems.InputErrors;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A component as a client writes it, {@code {name, repository, productId, triggers: [{tagPattern,
 * channel}]}}, read by one rule for the API and the console.
 */
public record ComponentInput(String name, String repository, String productId, List<ReleaseTrigger> triggers) {

    /** Each push runs every trigger's patterns on its tag, at the tenant's cost: a bound like a subscription's filters. */
    static final int MAX_TRIGGERS = 20;

    /** How the refusal of a caller who may not set up release triggers begins (API and console). */
    public static final String RAISING = "Setting up release triggers, which raise";

    /** Reads the body, or throws every field error at once. */
    public static ComponentInput read(JsonObject body) {
        InputErrors errors = new InputErrors();
        JsonFields fields =
                JsonFields.of(body, errors).allowOnly(Set.of("name", "repository", "productId", "triggers"));
        String name = fields.text("name", 100, "a name for the component");
        String repository = fields.text("repository", 300, "the repository as senders name it, e.g. acme/shop-api");
        String productId = fields.text("productId", 200, "the product its releases are versions of");
        List<JsonFields> items = fields.objects("triggers");
        List<ReleaseTrigger> triggers = List.of();
        if (items != null && items.size() > MAX_TRIGGERS) {
            errors.add("triggers", "may have at most " + MAX_TRIGGERS + " triggers, got " + items.size());
        } else if (items != null) {
            triggers = ReleaseTrigger.read(items);
        }
        errors.throwIfAny();
        return new ComponentInput(name, repository, productId, triggers);
    }

    /**
     * The governance event this component raises, if any: its triggers create releases, and so
     * {@code release.created}, which setting them up needs the scope to raise (a build bot's
     * {@code publish} token made drafts, with artifacts, of any product's versions, which the
     * release team could then not create themselves).
     */
    public Optional<String> raises() {
        return triggers.isEmpty() ? Optional.empty() : Optional.of(Releases.CREATED);
    }
}

package dev.herald.inbound.control;

import dev.herald.platform.json.JsonFields;
import dev.herald.problems.InputErrors;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * A component as a client writes it, {@code {name, repository, productId, triggers: [{tagPattern,
 * channel}]}}, read by one rule for the API and the console.
 */
public record ComponentInput(String name, String repository, String productId, List<ReleaseTrigger> triggers) {

    /** Reads the body, or throws every field error at once. */
    public static ComponentInput read(JsonObject body) {
        InputErrors errors = new InputErrors();
        JsonFields fields =
                JsonFields.of(body, errors).allowOnly(Set.of("name", "repository", "productId", "triggers"));
        String name = fields.text("name", 100, "a name for the component");
        String repository = fields.text("repository", 300, "the repository as senders name it, e.g. acme/shop-api");
        String productId = fields.text("productId", 200, "the product its releases are versions of");
        List<JsonFields> items = fields.objects("triggers");
        List<ReleaseTrigger> triggers = items == null ? List.of() : ReleaseTrigger.read(items);
        errors.throwIfAny();
        return new ComponentInput(name, repository, productId, triggers);
    }
}

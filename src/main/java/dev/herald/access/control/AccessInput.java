package dev.herald.access.control;

import dev.herald.access.control.Tenants.TokenSpec;
import dev.herald.access.entity.Scope;
import dev.herald.platform.Times;
import dev.herald.platform.json.JsonFields;
import dev.herald.problems.InputErrors;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads what a new tenant or a new token asks for, checked: the API's body and the console's
 * form (built into the same JSON) are read by this one rule, with its messages.
 */
public final class AccessInput {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    /** The longest actor a token may name; every column that stores an actor holds this many characters. */
    public static final int MAX_ACTOR_LENGTH = 100;
    /** A person or a system: a login, an e-mail address, {@code release-bot}. */
    private static final Pattern ACTOR = Pattern.compile("[A-Za-z0-9._@+-]{1," + MAX_ACTOR_LENGTH + "}");

    private static final String ACTOR_RULE =
            "must be 1 to " + MAX_ACTOR_LENGTH + " letters, digits, '.', '_', '@', '+' or '-'";
    /** Who a new tenant's first token acts as when the request does not say. */
    private static final String FIRST_ACTOR = "admin";

    private AccessInput() {}

    /** A tenant to create: its name, and who its first token acts as. */
    public record NewTenant(String name, String firstActor) {}

    /** Whether a name may be an actor, by the rule tokens are issued with (the audit trail and events store it). */
    public static boolean isActor(String name) {
        return name != null && ACTOR.matcher(name).matches();
    }

    public static NewTenant newTenant(JsonObject body) {
        InputErrors errors = new InputErrors();
        JsonFields fields = JsonFields.of(body, errors).allowOnly(Set.of("name", "actor"));
        String name = fields.string("name");
        if (name == null && !fields.hasValue("name")) {
            errors.add("name", "is required");
        } else if (name != null && !NAME.matcher(name).matches()) {
            errors.add("name", "must be 1 to 100 letters, digits, '-' or '_'");
        }
        String actor = actor(fields, false);
        errors.throwIfAny();
        return new NewTenant(name, actor == null ? FIRST_ACTOR : actor);
    }

    /** A token to issue: who it acts as, its scopes, and until when (optional). */
    public static TokenSpec tokenSpec(JsonObject body) {
        InputErrors errors = new InputErrors();
        JsonFields fields = JsonFields.of(body, errors).allowOnly(Set.of("actor", "scopes", "expiresAt"));
        String actor = actor(fields, true);
        fields.require("scopes", "the scopes the token gets, some of " + Scope.wireNames());
        List<String> names = fields.strings("scopes");
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (names != null && names.isEmpty()) {
            errors.add("scopes", "must name at least one scope of " + Scope.wireNames());
        }
        for (int i = 0; names != null && i < names.size(); i++) {
            String name = names.get(i);
            var scope = Scope.fromWire(name);
            if (scope.isPresent()) {
                scopes.add(scope.get());
            } else {
                errors.add("scopes[" + i + "]", "is not a scope: '" + name + "'; scopes are " + Scope.wireNames());
            }
        }
        Instant expiresAt = fields.instant("expiresAt");
        if (expiresAt != null && !expiresAt.isAfter(Times.now())) {
            errors.add("expiresAt", "must be in the future");
        }
        errors.throwIfAny();
        return new TokenSpec(actor, scopes, expiresAt);
    }

    private static String actor(JsonFields fields, boolean required) {
        if (required) {
            fields.require("actor", "who acts with the token, a person or a system such as release-bot");
        }
        String actor = fields.string("actor");
        if (actor != null && !ACTOR.matcher(actor).matches()) {
            fields.errors().add("actor", ACTOR_RULE);
            return null;
        }
        return actor;
    }
}

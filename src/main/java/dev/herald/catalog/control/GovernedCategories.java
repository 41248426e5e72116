package dev.herald.catalog.control;

import dev.herald.access.control.Caller;
import dev.herald.access.entity.Scope;
import dev.herald.problems.ForbiddenProblem;
import java.util.Set;
import java.util.TreeSet;

/**
 * The categories whose events the governance API raises itself, in the transaction of the
 * change they describe (API.md): releases, approvals, policies, licenses and artifacts.
 * Publishing an event in them, defining a type there, or recording a test send's sample of one,
 * needs the {@code govern} scope besides the call's own, as the change itself does: with {@code publish} alone, a build bot's token put a
 * {@code release.approved} that no approver made into the chain and in front of every
 * {@code release.*} subscriber, past four-eyes.
 */
public final class GovernedCategories {

    private static final Set<String> NAMES = Set.of("release", "approval", "policy", "license", "artifact");

    private GovernedCategories() {}

    /**
     * Refuses a caller without {@code govern} a type in these categories: a {@code 403} naming
     * the scope, which the audit trail records as the one the call needed.
     *
     * @param doing what the caller does with the type, as the refusal's first word ("Publishing")
     */
    public static void requireScopeFor(String type, Caller caller, String doing) {
        if (!includes(type)) {
            return;
        }
        caller.needs(Scope.GOVERN);
        requireScopeFor(type, caller.has(Scope.GOVERN), doing);
    }

    /** As {@link #requireScopeFor(String, Caller, String)}, for a caller outside the API (the console). */
    public static void requireScopeFor(String type, boolean mayGovern, String doing) {
        if (includes(type) && !mayGovern) {
            throw new ForbiddenProblem(
                    "missing-scope",
                    doing + " '" + type + "', in a category the governance API raises itself ("
                            + String.join(", ", new TreeSet<>(NAMES))
                            + "), needs a token with the 'govern' scope too (or 'admin')");
        }
    }

    private static boolean includes(String type) {
        return NAMES.contains(EventType.categoryOf(type));
    }
}

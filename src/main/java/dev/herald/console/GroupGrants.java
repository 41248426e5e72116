package dev.herald.console;

import dev.herald.access.entity.Scope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What single sign-on grants: each identity-provider group names one tenant (by its name) and
 * the scopes its members get there, written {@code group=tenant:scope,scope;group=…}
 * ({@code herald.console.oidc.groups}). A person in several groups of one tenant gets the
 * union of their scopes; groups of two tenants are refused rather than guessed between.
 */
public final class GroupGrants {

    /** The tenant and scopes a person's groups come to. */
    public sealed interface Decision {}

    public record Granted(String tenantName, Set<Scope> scopes) implements Decision {}

    /** None of the person's groups is mapped. */
    public record NoGroup() implements Decision {}

    /** The person's groups map to several tenants; a console session is in one. */
    public record SeveralTenants(Set<String> tenantNames) implements Decision {}

    private final Map<String, Granted> byGroup;

    private GroupGrants(Map<String, Granted> byGroup) {
        this.byGroup = byGroup;
    }

    /**
     * Reads the mapping, refusing anything it cannot read in full: a mistyped scope must stop
     * the server from starting, not quietly grant less (or, worse, more) than meant.
     */
    public static GroupGrants parse(String mapping) {
        Map<String, Granted> byGroup = new LinkedHashMap<>();
        for (String entry : mapping.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            int colon = entry.indexOf(':', equals + 1);
            if (equals <= 0 || colon < 0) {
                throw new IllegalArgumentException(
                        "herald.console.oidc.groups: '" + entry.trim() + "' is not group=tenant:scope,scope");
            }
            String group = entry.substring(0, equals).trim();
            String tenant = entry.substring(equals + 1, colon).trim();
            if (group.isEmpty() || tenant.isEmpty()) {
                throw new IllegalArgumentException(
                        "herald.console.oidc.groups: '" + entry.trim() + "' needs both a group and a tenant name");
            }
            if (byGroup.put(group, new Granted(tenant, scopes(entry.substring(colon + 1), entry))) != null) {
                throw new IllegalArgumentException(
                        "herald.console.oidc.groups: the group '" + group + "' is mapped twice");
            }
        }
        return new GroupGrants(byGroup);
    }

    private static Set<Scope> scopes(String names, String entry) {
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : names.split("[,\\s]+")) {
            if (!name.isEmpty()) {
                scopes.add(Scope.fromWire(name)
                        .orElseThrow(() -> new IllegalArgumentException("herald.console.oidc.groups: '" + name
                                + "' in '" + entry.trim() + "' is not a scope (" + Scope.wireNames() + ")")));
            }
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("herald.console.oidc.groups: '" + entry.trim() + "' grants no scope");
        }
        return scopes;
    }

    public boolean isEmpty() {
        return byGroup.isEmpty();
    }

    public Decision decide(Collection<String> groups) {
        Map<String, EnumSet<Scope>> byTenant = new LinkedHashMap<>();
        for (String group : groups) {
            Granted grant = byGroup.get(group);
            if (grant != null) {
                byTenant.computeIfAbsent(grant.tenantName(), tenant -> EnumSet.noneOf(Scope.class))
                        .addAll(grant.scopes());
            }
        }
        if (byTenant.isEmpty()) {
            return new NoGroup();
        }
        if (byTenant.size() > 1) {
            return new SeveralTenants(new TreeSet<>(byTenant.keySet()));
        }
        Map.Entry<String, EnumSet<Scope>> only = byTenant.entrySet().iterator().next();
        return new Granted(only.getKey(), only.getValue());
    }

    /** The mapped groups, for the startup log line. */
    public List<String> groups() {
        return new ArrayList<>(byGroup.keySet());
    }
}

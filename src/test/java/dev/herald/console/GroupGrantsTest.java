package dev.herald.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.access.entity.Scope;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupGrantsTest {

    private final GroupGrants grants =
            GroupGrants.parse(" release-managers = acme : govern, read ; auditors=acme:read;ops=beta:admin;;");

    @Test
    void groupsOfOneTenantGrantTheUnionOfTheirScopes() {
        assertEquals(
                new GroupGrants.Granted("acme", EnumSet.of(Scope.GOVERN, Scope.READ)),
                grants.decide(List.of("auditors", "release-managers", "someone-elses")));
        assertEquals(new GroupGrants.Granted("beta", EnumSet.of(Scope.ADMIN)), grants.decide(List.of("ops")));
    }

    @Test
    void noMappedGroupOrTwoTenantsGrantNothing() {
        assertEquals(new GroupGrants.NoGroup(), grants.decide(List.of()));
        assertEquals(new GroupGrants.NoGroup(), grants.decide(List.of("Release-Managers")));
        assertEquals(new GroupGrants.SeveralTenants(Set.of("acme", "beta")), grants.decide(List.of("auditors", "ops")));
    }

    @Test
    void aMappingThatCannotBeReadInFullIsRefusedWithWhatIsWrong() {
        assertTrue(GroupGrants.parse("").isEmpty());
        for (String[] bad : new String[][] {
            {"managers", "is not group=tenant:scope,scope"},
            {"managers=acme", "is not group=tenant:scope,scope"},
            {"=acme:read", "is not group=tenant:scope,scope"},
            {"managers=:read", "needs both a group and a tenant name"},
            {"managers=acme:", "grants no scope"},
            {"managers=acme:read,superuser", "'superuser' in 'managers=acme:read,superuser' is not a scope"},
            {"a=acme:read;a=beta:read", "the group 'a' is mapped twice"}
        }) {
            IllegalArgumentException refused =
                    assertThrows(IllegalArgumentException.class, () -> GroupGrants.parse(bad[0]), bad[0]);
            assertTrue(refused.getMessage().contains(bad[1]), refused.getMessage());
        }
    }
}

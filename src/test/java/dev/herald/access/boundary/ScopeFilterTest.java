package dev.herald.access.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.access.control.Needs;
import dev.herald.access.entity.Scope;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ScopeFilterTest {

    @Needs(Scope.GOVERN)
    static class Governed {
        public void create() {}

        @Needs(Scope.SUBSCRIBE)
        public void secret() {}
    }

    static class Forgotten {
        public void list() {}
    }

    @Test
    void aClassNamesItsAreaForChangesAndReadsNeedRead() throws Exception {
        var create = Governed.class.getMethod("create");
        assertEquals(Scope.GOVERN, ScopeFilter.needed(create, Governed.class, "POST"));
        assertEquals(Scope.GOVERN, ScopeFilter.needed(create, Governed.class, "DELETE"));
        assertEquals(Scope.READ, ScopeFilter.needed(create, Governed.class, "GET"));
    }

    @Test
    void aMethodsOwnScopeIsExactEvenForAGet() throws Exception {
        assertEquals(Scope.SUBSCRIBE, ScopeFilter.needed(Governed.class.getMethod("secret"), Governed.class, "GET"));
    }

    @Test
    void aResourceWithoutAnnotationNeedsAdminForEverything() throws Exception {
        var list = Forgotten.class.getMethod("list");
        assertEquals(Scope.ADMIN, ScopeFilter.needed(list, Forgotten.class, "GET"));
        assertEquals(Scope.ADMIN, ScopeFilter.needed(list, Forgotten.class, "POST"));
    }

    @Test
    void scopesAreStoredAsTheirWireNamesInOneOrder() {
        assertEquals("publish,read", Scope.encode(EnumSet.of(Scope.READ, Scope.PUBLISH)));
        assertEquals(EnumSet.of(Scope.READ, Scope.PUBLISH), Scope.decode("publish,read"));
        assertEquals(EnumSet.of(Scope.ADMIN), Scope.decode("admin"));
    }
}

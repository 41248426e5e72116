package dev.herald.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.audit.control.AuditedCall;
import dev.herald.audit.entity.AuditEntry;
import org.junit.jupiter.api.Test;

/** An entry always fits the trail's columns, whoever records it (the API's filter or the console). */
class AuditedCallTest {

    @Test
    void aLongPathTargetOrRefusalIsCutToItsColumn() {
        AuditEntry entry = new AuditedCall("ten_1", "alice", "tok_1", "subscribe", "POST", "/" + "p".repeat(2000))
                .finished("t".repeat(500), 400, "Nothing was changed: " + "d".repeat(5000));
        assertEquals(1000, entry.path().length());
        assertEquals(200, entry.targetId().length());
        assertEquals(1000, entry.detail().length());
        assertEquals("rejected", entry.outcome());
    }

    @Test
    void whatFitsIsKeptAsItIs() {
        AuditEntry entry = new AuditedCall("ten_1", "alice", "tok_1", "none", "POST", "/console/sign-in")
                .finished(null, 303, null);
        assertEquals("/console/sign-in", entry.path());
        assertEquals(null, entry.targetId());
        assertEquals("succeeded", entry.outcome());
    }
}

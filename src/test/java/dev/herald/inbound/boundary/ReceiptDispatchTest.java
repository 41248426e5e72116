package dev.herald.inbound.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.problems.ConflictException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

class ReceiptDispatchTest {

    @Test
    void aFailedReceiptQuotesHeraldsRefusalButNotTheDatabase() {
        assertEquals(
                "Processing failed: Release 2.0.0 of api exists",
                ReceiptDispatch.failure(new ConflictException("Release 2.0.0 of api exists")));
        assertEquals(
                "Processing failed: an unexpected SQLIntegrityConstraintViolationException"
                        + " (the server's log has it under this receipt's id)",
                ReceiptDispatch.failure(new SQLIntegrityConstraintViolationException(
                        "duplicate key value violates unique constraint \"uq_component_versions\"", "23505")));
    }
}

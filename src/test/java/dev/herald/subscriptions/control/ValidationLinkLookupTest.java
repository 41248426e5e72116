package dev.herald.subscriptions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.access.control.TokenCodec;
import dev.herald.platform.MigratedH2;
import dev.herald.platform.RecordedStatements;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A one-time validation link is looked up for every call to its path, before the call is let
 * in, and anyone can send one: the lookup reads the link's row, never every subscription. The
 * code runs as Herald runs it (EclipseLink on the migrated schema) and H2 is asked how many rows
 * its statements read.
 */
class ValidationLinkLookupTest {

    private static final int SUBSCRIPTIONS = 2_000;

    private static RecordedStatements statements;
    private static EntityManagerFactory factory;

    @BeforeAll
    static void manySubscriptionsWaitingForTheirLinks() throws Exception {
        var database = MigratedH2.inMemory("links" + System.nanoTime());
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO subscriptions (id, tenant_id,"
                        + " url, events_json, secret_sealed, method, auth_type, filters_json, retry_policy_json,"
                        + " timeout_ms, ordering, options_json, status, created_at, updated_at, version,"
                        + " validation_token_hash, validation_requested_at) VALUES (?, 'ten_a', 'https://e.example',"
                        + " '[]', 's', 'POST', 'none', '[]', '{}', 5000, 'none', '{}', 'PENDING_VALIDATION', NOW(),"
                        + " NOW(), 0, ?, NOW())")) {
            connection
                    .createStatement()
                    .execute("INSERT INTO tenants (id, name, created_at) VALUES ('ten_a', 'a', NOW())");
            for (int i = 0; i < SUBSCRIPTIONS; i++) {
                insert.setString(1, "wh_" + i);
                insert.setString(2, TokenCodec.hash(token(i)));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        statements = new RecordedStatements(database);
        factory = MigratedH2.persistenceUnit(statements.dataSource());
    }

    /** A well-formed token: 43 base64url characters, numbered. */
    private static String token(int i) {
        return "%043d".formatted(i);
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void aLinkIsFoundByItsOwnRowAndAMadeUpOneReadsNone() throws Exception {
        EntityManager em = factory.createEntityManager();
        try {
            SubscriptionValidation validation = new SubscriptionValidation();
            validation.em = em;
            statements.take();

            assertEquals(Optional.of("ten_a"), validation.tenantOfLink(token(1234)));
            assertEquals(Optional.empty(), validation.tenantOfLink(token(SUBSCRIPTIONS + 1)));
            List<RecordedStatements.Run> runs = statements.take();
            assertEquals(2, runs.size(), "one statement a link");
            for (RecordedStatements.Run run : runs) {
                int read = statements.rowsRead(run);
                // H2 counts the index entry it finds and the one after it; without the index, 2,001.
                assertTrue(read <= 2, read + " rows read by " + run.sql());
            }

            // A string that cannot be a link's token is not looked up at all.
            for (String notAToken : List.of("", "short", token(1).replace('0', '%'), "x".repeat(3000))) {
                assertEquals(Optional.empty(), validation.tenantOfLink(notAToken));
            }
            assertEquals(List.of(), statements.take());
        } finally {
            em.close();
        }
    }
}

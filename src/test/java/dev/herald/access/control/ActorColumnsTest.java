package dev.herald.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.platform.MigratedH2;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every column that stores who did something holds the longest actor a token may name: an
 * approval's requester and decider were 40 characters wide while tokens named actors of up to
 * 100, so an e-mail address of 41 could not request or decide one (a 500).
 */
class ActorColumnsTest {

    @Test
    void everyActorColumnHoldsTheLongestActorATokenMayName() throws SQLException {
        List<String> actorColumns = new ArrayList<>();
        List<String> narrower = new ArrayList<>();
        try (Connection connection = MigratedH2.inMemory("actor-columns").getConnection();
                Statement statement = connection.createStatement();
                ResultSet columns = statement.executeQuery("SELECT TABLE_NAME, COLUMN_NAME, CHARACTER_MAXIMUM_LENGTH"
                        + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC'"
                        + " AND (COLUMN_NAME = 'ACTOR' OR COLUMN_NAME LIKE '%\\_BY' ESCAPE '\\')")) {
            while (columns.next()) {
                String column = columns.getString(1).toLowerCase() + "."
                        + columns.getString(2).toLowerCase();
                actorColumns.add(column);
                if (columns.getLong(3) < AccessInput.MAX_ACTOR_LENGTH) {
                    narrower.add(column + " (" + columns.getLong(3) + ")");
                }
            }
        }
        assertTrue(
                actorColumns.containsAll(List.of(
                        "approvals.requested_by", "approvals.decided_by", "api_tokens.actor", "audit_entries.actor")),
                "the actor columns found: " + actorColumns);
        assertEquals(List.of(), narrower, "actor columns narrower than " + AccessInput.MAX_ACTOR_LENGTH);
    }
}

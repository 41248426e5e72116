package dev.herald.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An H2 file written commit by commit ({@code WRITE_DELAY=0}, as Herald ships it) gives back a
 * load's space once housekeeping runs, and only once the writes have stopped. {@code
 * RETENTION_TIME=0} lets H2 reuse dead space at once instead of after 45 s, so the test takes
 * seconds; the mechanism is the same.
 */
class EmbeddedDatabaseHousekeepingTest {

    private static final int COMMITS = 4_000;
    private static final Duration QUIET = Duration.ofMillis(200);

    @TempDir
    Path dataDir;

    @Test
    void aFileWrittenCommitByCommitShrinksBackOnceTheWritesHaveStopped() throws Exception {
        try (Connection connection = loadedDatabase()) {
            long afterLoad = fileBytes();
            EmbeddedDatabaseHousekeeping housekeeping =
                    EmbeddedDatabaseHousekeeping.of(connection, QUIET).orElseThrow();
            assertEquals(afterLoad, housekeeping.fileBytes());
            assertTrue(housekeeping.fileName().endsWith("herald.mv.db"), housekeeping.fileName());

            Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
            while (fileBytes() > afterLoad / 4 && Instant.now().isBefore(giveUp)) {
                housekeeping.run();
                Thread.sleep(10); // rounds, as the server runs them every 50 ms
            }
            assertTrue(
                    fileBytes() <= afterLoad / 4,
                    "file after the load " + afterLoad + " bytes, after housekeeping " + fileBytes());
            assertEquals(COMMITS, count(connection), "housekeeping moves data, it loses none");
        }
    }

    @Test
    void whileWritesGoOnItStaysOutOfTheirWay() throws Exception {
        // Rounds between writes do nothing, so a writer never waits behind one; H2 alone keeps
        // the space too, which is what the test above guards against.
        try (Connection connection = loadedDatabase();
                PreparedStatement trickle =
                        connection.prepareStatement("UPDATE deliveries SET status = ? WHERE id = 0")) {
            long afterLoad = fileBytes();
            EmbeddedDatabaseHousekeeping housekeeping =
                    EmbeddedDatabaseHousekeeping.of(connection, QUIET).orElseThrow();
            Instant until = Instant.now().plus(QUIET.multipliedBy(10));
            for (int i = 0; Instant.now().isBefore(until); i++) {
                trickle.setString(1, "RETRY" + i);
                trickle.executeUpdate();
                housekeeping.run();
                Thread.sleep(10);
            }
            assertTrue(
                    fileBytes() > afterLoad / 2,
                    "the file went " + afterLoad + " -> " + fileBytes() + " bytes between writes");
        }
    }

    @Test
    void noHousekeepingWhereH2DoesItOrThereIsNoFile() throws Exception {
        try (Connection ownWriter = DriverManager.getConnection("jdbc:h2:" + dataDir.resolve("delayed"), "sa", "");
                Connection inMemory = DriverManager.getConnection("jdbc:h2:mem:housekeeping", "sa", "")) {
            assertTrue(
                    EmbeddedDatabaseHousekeeping.of(ownWriter, QUIET).isEmpty(),
                    "H2's default WRITE_DELAY runs its own");
            assertTrue(EmbeddedDatabaseHousekeeping.of(inMemory, QUIET).isEmpty(), "an in-memory database has no file");
        }
    }

    /**
     * A database after deliveries were opened and moved on, a commit each: the pattern that
     * leaves chunks half dead.
     */
    private Connection loadedDatabase() throws SQLException {
        Connection connection = DriverManager.getConnection(
                "jdbc:h2:retry:" + dataDir.resolve("herald") + ";WRITE_DELAY=0;RETENTION_TIME=0", "sa", "");
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE deliveries (id INT PRIMARY KEY, status VARCHAR(16), payload VARCHAR(2000))");
            ddl.execute("CREATE INDEX deliveries_status ON deliveries (status)");
        }
        String payload = "x".repeat(1_000);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO deliveries VALUES (?, 'PENDING', ?)");
                PreparedStatement update =
                        connection.prepareStatement("UPDATE deliveries SET status = 'DELIVERED' WHERE id = ?")) {
            for (int id = 0; id < COMMITS; id++) {
                insert.setInt(1, id);
                insert.setString(2, payload);
                insert.executeUpdate();
                update.setInt(1, id);
                update.executeUpdate();
            }
        }
        return connection;
    }

    private long fileBytes() throws IOException {
        return Files.size(dataDir.resolve("herald.mv.db"));
    }

    private static int count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM deliveries")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}

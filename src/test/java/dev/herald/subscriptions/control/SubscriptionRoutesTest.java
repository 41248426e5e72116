package dev.herald.subscriptions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.herald.platform.MigratedH2;
import dev.herald.platform.RecordedStatements;
import dev.herald.platform.crypto.SealedField;
import dev.herald.platform.crypto.SecretBox;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fan-out reads what its event matched, not the settings of every subscription its tenant has:
 * each batch of a tenant's events read all its active subscriptions whole, sealed headers of up
 * to 80,000 characters included, into the heap every tenant shares. The code runs as Herald runs
 * it (EclipseLink on the migrated schema) and the statements it sends are recorded; the secrets
 * are "opened" by a stand-in that tells how long the sealed text it was given was.
 */
class SubscriptionRoutesTest {

    private static final int SUBSCRIPTIONS = 300;
    /** The others' sealed headers: far more than the one an event matches has. */
    private static final int HEAVY_HEADERS_CHARS = 60_000;

    /** The matched one's: light enough for its settings to be kept once opened. */
    private static final int HEADERS_CHARS = 200;

    /** The database itself, for the changes another instance would make. */
    private static JdbcDataSource database;

    private static RecordedStatements statements;
    private static EntityManagerFactory factory;

    private final SubscriptionRoutes routes = new SubscriptionRoutes();
    private EntityManager em;

    @BeforeAll
    static void tenantsWithManySubscriptionsOfLargeHeaders() throws Exception {
        database = MigratedH2.inMemory("routes" + System.nanoTime());
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO subscriptions (id, tenant_id,"
                        + " url, events_json, secret_sealed, headers_sealed, method, auth_type, filters_json,"
                        + " retry_policy_json, timeout_ms, ordering, options_json, status, created_at, updated_at,"
                        + " version) VALUES (?, ?, 'https://e.example', ?, ?, ?, 'POST', 'none', '[]',"
                        + " '{\"maxRetries\":5,\"backoffType\":\"exponential\",\"backoffSeconds\":10}', 5000, 'none',"
                        + " '{\"oneTime\":false}', 'ACTIVE', NOW(), NOW(), 0)")) {
            connection
                    .createStatement()
                    .execute("INSERT INTO tenants (id, name, created_at) VALUES ('ten_a', 'a', NOW()), ('ten_b',"
                            + " 'b', NOW()), ('ten_c', 'c', NOW())");
            for (String tenant : List.of("ten_a", "ten_b", "ten_c")) {
                for (int i = 1; i <= (tenant.equals("ten_c") ? 3 : SUBSCRIPTIONS); i++) {
                    insert.setString(1, tenant + "_wh_" + i);
                    insert.setString(2, tenant);
                    insert.setString(3, i == 1 ? "[\"build.finished\"]" : "[\"incident.opened\"]");
                    insert.setString(4, "sealed_" + i);
                    insert.setString(5, "h".repeat(i == 1 ? HEADERS_CHARS : HEAVY_HEADERS_CHARS));
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
        statements = new RecordedStatements(database);
        factory = MigratedH2.persistenceUnit(statements.dataSource());
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @BeforeEach
    void wire() {
        SecretBox box = new SecretBox() {
            @Override
            public String open(String sealed, SealedField field, String rowId) {
                return field == SealedField.SUBSCRIPTION_HEADERS
                        ? "{\"X-Sealed-Length\":\"" + sealed.length() + "\"}"
                        : "opened " + sealed;
            }
        };
        routes.specs = new SubscriptionSpecs();
        routes.specs.secretBox = box;
        routes.secrets = new SubscriptionSecrets();
        routes.secrets.secretBox = box;
        em = factory.createEntityManager();
        routes.em = em;
        statements.take();
    }

    @Test
    void aFanOutReadsTheHeadersOfTheSubscriptionsItMatchedOnly() {
        ActiveSubscriptions active = routes.active("ten_a");
        assertEquals(SUBSCRIPTIONS, active.routes().size());
        assertEquals(2, readsOf(statements.take(), false), "the small columns, then the routing columns");

        List<SubscriptionRoute> matched = matching(active, "build.finished");
        Map<String, DeliveryTarget> targets = active.targets(matched);

        DeliveryTarget target = targets.get("ten_a_wh_1");
        assertEquals(
                Map.of("X-Sealed-Length", String.valueOf(HEADERS_CHARS)),
                target.spec().headers());
        assertEquals(List.of("opened sealed_1"), target.secrets());
        List<RecordedStatements.Run> runs = statements.take();
        assertEquals(1, runs.size(), runs.toString());
        assertEquals(List.of("ten_a_wh_1"), List.copyOf(runs.get(0).parameters().values()));

        // The next batch: its routes and the matched one's settings are kept by version.
        em.clear();
        ActiveSubscriptions next = routes.active("ten_a");
        assertEquals(1, readsOf(statements.take(), false), "the small columns alone");
        assertEquals(
                target.spec(),
                next.targets(matching(next, "build.finished")).get("ten_a_wh_1").spec());
        assertEquals(List.of(), statements.take());
    }

    @Test
    void aSubscriptionChangedElsewhereIsReadAgainAndTheOthersAreNot() throws Exception {
        routes.active("ten_b");
        statements.take();
        try (Connection connection = database.getConnection()) {
            connection
                    .createStatement()
                    .execute("UPDATE subscriptions SET events_json = '[\"build.finished\"]', version = version + 1"
                            + " WHERE id = 'ten_b_wh_2'");
        }
        em.clear();

        ActiveSubscriptions active = routes.active("ten_b");

        List<RecordedStatements.Run> runs = statements.take();
        assertEquals(2, runs.size(), runs.toString());
        assertEquals(List.of("ten_b_wh_2"), List.copyOf(runs.get(1).parameters().values()));
        assertEquals(
                List.of("ten_b_wh_1", "ten_b_wh_2"),
                matching(active, "build.finished").stream()
                        .map(SubscriptionRoute::subscriptionId)
                        .sorted()
                        .toList());
    }

    @Test
    void aWorkersReadTakesTheSmallColumnsAndTheSettingsOfAVersionNotKept() {
        assertEquals(
                Map.of("X-Sealed-Length", String.valueOf(HEADERS_CHARS)),
                routes.target("ten_a_wh_1").orElseThrow().spec().headers());
        assertEquals(2, statements.take().size(), "the small columns, then the subscription whole");
        em.clear();

        assertEquals("ten_a", routes.target("ten_a_wh_1").orElseThrow().tenantId());
        assertEquals(1, readsOf(statements.take(), false));
        assertFalse(routes.target("ten_a_wh_0").isPresent());
    }

    /**
     * A subscription changed between the read that matched it and the read of its settings is
     * sent to as one version, the later: its new URL with the status that awaits its validation,
     * never with the status the URL before it had (which would send to an endpoint not validated).
     */
    @Test
    void aSubscriptionChangedBetweenItsTwoReadsIsTakenWholeFromTheLater() throws Exception {
        ActiveSubscriptions active = routes.active("ten_c");
        try (Connection connection = database.getConnection()) {
            connection
                    .createStatement()
                    .execute("UPDATE subscriptions SET url = 'https://moved.example', status = 'PENDING_VALIDATION',"
                            + " version = version + 1 WHERE id = 'ten_c_wh_1'");
        }

        DeliveryTarget target =
                active.targets(matching(active, "build.finished")).get("ten_c_wh_1");

        assertEquals("https://moved.example", target.spec().url());
        assertFalse(target.isActive(), target.toString());
    }

    private static List<SubscriptionRoute> matching(ActiveSubscriptions active, String type) {
        return active.routes().stream()
                .filter(route -> route.events().contains(type))
                .toList();
    }

    /** How many statements ran, each checked for reading the sealed headers or not. */
    private static int readsOf(List<RecordedStatements.Run> runs, boolean headers) {
        for (RecordedStatements.Run run : runs) {
            assertEquals(headers, run.sql().toUpperCase(Locale.ROOT).contains("HEADERS_SEALED"), run.sql());
        }
        return runs.size();
    }
}

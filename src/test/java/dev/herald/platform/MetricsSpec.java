package dev.herald.platform;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.Api;
import dev.herald.it.Api.Tenant;
import dev.herald.it.HeraldServer;
import dev.herald.it.Receiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code /metrics} serves once Herald has done real work, and the Grafana dashboard
 * (docs/grafana/herald.json) that operators import: every series it draws must exist.
 */
public abstract class MetricsSpec {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path DASHBOARD = Path.of("docs", "grafana", "herald.json");
    /** A name in a PromQL expression: a metric, unless a '(' follows (a function). */
    private static final Pattern NAME = Pattern.compile("([a-z_][a-z0-9_]*)(\\s*\\()?");

    @Test
    void everyMetricTheDashboardDrawsIsServedAfterADeliveryAnInboundCallAndAVerification() throws Exception {
        String before = scrape();
        Tenant tenant = Api.newTenant();
        // Open until the end: it records a request before it answers, and closed at once it left
        // the attempt without an answer (counted retrying, not succeeded) now and then.
        Receiver receiver = Receiver.start();
        tenant.api()
                .body("{\"url\":\"" + receiver.url("/hooks") + "\",\"events\":[\"build.started\"]}")
                .post("webhooks")
                .then()
                .statusCode(201);
        tenant.api()
                .body("{\"type\":\"build.started\",\"data\":{\"build_id\":\"metrics\"}}")
                .post("events")
                .then()
                .statusCode(202);
        receiver.await(1, WAIT);
        String integration = tenant.genericIntegration("gen-token");
        Api.anonymous()
                .header("X-Herald-Token", "gen-token")
                .body("{\"event\":\"built\"}")
                .post("inbound/" + integration)
                .then()
                .statusCode(200)
                .body("action", equalTo("processed"));
        Api.anonymous()
                .header("X-Herald-Token", "not-the-token")
                .body("{}")
                .post("inbound/" + integration)
                .then()
                .statusCode(401);
        tenant.api().get("events/verify").then().statusCode(200).body("valid", equalTo(true));

        Set<String> drawn = dashboardMetrics();
        assertTrue(drawn.size() >= 9, "the dashboard's metrics: " + drawn);
        // The receiver has the request a moment before Herald has the answer and counts it: scraped until then.
        await().atMost(WAIT).untilAsserted(() -> {
            String after = scrape();
            Set<String> served = servedMetrics(after);
            assertEquals(
                    Set.of(),
                    drawn.stream()
                            .filter(name -> !served.contains(name))
                            .collect(Collectors.toCollection(TreeSet::new)),
                    "drawn by the dashboard, not served");
            for (String[] series : new String[][] {
                {"delivery_attempts_total", "outcome=\"succeeded\""},
                {"inbound_receipts_total", "outcome=\"processed\""},
                {"inbound_receipts_total", "outcome=\"refused\""},
                {"chain_verifications_total", "result=\"valid\""}
            }) {
                assertTrue(
                        value(after, series[0], series[1]) >= value(before, series[0], series[1]) + 1,
                        String.join(" ", series) + " counted this test's call");
            }
            assertTrue(after.contains("delivery_attempt_duration_seconds_bucket{"), "attempt latency as a histogram");
        });
        receiver.close();
    }

    @Test
    void theEmbeddedDatabaseFileSizeIsServedOnH2() {
        // Served once Herald reached H2's store inside the server; PostgreSQL's files are its own to report.
        String exposition = scrape();
        if (HeraldServer.onPostgres()) {
            assertFalse(servedMetrics(exposition).contains("embedded_database_file_bytes"), exposition);
        } else {
            assertTrue(value(exposition, "embedded_database_file_bytes") > 0, "the H2 file's size is served");
        }
    }

    private static String scrape() {
        return given().baseUri(HeraldServer.base().toString())
                .get("metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /** The names of the samples served: each line's text up to its labels or its value. */
    private static Set<String> servedMetrics(String exposition) {
        return Arrays.stream(exposition.split("\n"))
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toSet());
    }

    /** The sum of the samples of {@code name}, labelled or not, 0 if none. */
    private static double value(String exposition, String name) {
        return Arrays.stream(exposition.split("\n"))
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** The sum of the samples of {@code name} that carry {@code label}, 0 if none. */
    private static double value(String exposition, String name, String label) {
        return Arrays.stream(exposition.split("\n"))
                .filter(line -> line.startsWith(name + "{") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static Set<String> dashboardMetrics() throws Exception {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                // Label matchers, ranges and grouping clauses name labels, not metrics.
                String expression = target.get("expr")
                        .asString()
                        .replaceAll("\\{[^}]*}", "")
                        .replaceAll("\\[[^]]*]", "")
                        .replaceAll("\\b(by|without)\\s*\\([^)]*\\)", "");
                Matcher matcher = NAME.matcher(expression);
                while (matcher.find()) {
                    if (matcher.group(2) == null && matcher.group(1).contains("_")) {
                        names.add(matcher.group(1));
                    }
                }
            }
        }
        return names;
    }
}

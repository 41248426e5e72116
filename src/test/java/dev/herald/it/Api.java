package dev.herald.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;

/** REST Assured requests against the deployed Herald, as the admin or as a fresh tenant. */
public final class Api {

    private Api() {}

    public static RequestSpecification anonymous() {
        return given().baseUri(HeraldServer.base().toString())
                .basePath("api/v1")
                .contentType(ContentType.JSON);
    }

    public static RequestSpecification as(String token) {
        return anonymous().header("Authorization", "Bearer " + token);
    }

    public static RequestSpecification admin() {
        return as(HeraldServer.ADMIN_TOKEN);
    }

    /** A tenant of its own for one test, so tests neither see nor disturb each other's objects. */
    public static Tenant newTenant() {
        String name = "t-" + java.util.UUID.randomUUID().toString().substring(0, 12);
        var created = admin().body("{\"name\":\"" + name + "\"}")
                .post("tenants")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        return new Tenant(created.getString("id"), name, created.getString("token"));
    }

    /** A tenant and the token that acts for it. */
    public record Tenant(String id, String name, String token) {

        public RequestSpecification api() {
            return as(token);
        }

        /**
         * Redelivers a delivery once, waiting out the {@code 409} it answers while its last attempt
         * is still being logged (the receiver has that attempt a moment before).
         */
        public void redeliver(String deliveryId) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> api().post("deliveries/" + deliveryId + "/redeliver")
                                    .statusCode()
                            == 202);
        }

        /** A draft release of this tenant (product {@code shop}, 1.0.0, stable); its id. */
        public String draftRelease() {
            return api().body("{\"productId\":\"shop\",\"version\":\"1.0.0\",\"channel\":\"stable\"}")
                    .post("releases")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
        }

        /** A generic inbound integration of this tenant that senders authenticate with {@code token}; its id. */
        public String genericIntegration(String token) {
            return api().body("{\"name\":\"gen\",\"type\":\"generic\",\"token\":\"" + token + "\"}")
                    .post("integrations")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
        }
    }
}

package dev.herald.audit;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.it.Api;
import dev.herald.it.Api.Tenant;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit trail (issue 13): every state-changing call with its actor, token, scope, target and outcome. */
public abstract class AuditSpec {

    @Test
    void aScriptedSessionIsListedCallByCallWithItsActorsInOrder() {
        Tenant tenant = Api.newTenant();
        String tokens = "tenants/" + tenant.id() + "/tokens";
        JsonPath bobToken = tenant.api()
                .body("{\"actor\":\"bob\",\"scopes\":[\"govern\"]}")
                .post(tokens)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String bob = bobToken.getString("token");
        String release = Api.as(bob)
                .body("{\"productId\":\"shop\",\"version\":\"1.0.0\",\"channel\":\"stable\"}")
                .post("releases")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String approval = Api.as(bob)
                .body("{\"releaseId\":\"" + release + "\"}")
                .post("approvals")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api.as(bob).post("approvals/" + approval + "/approve").then().statusCode(403);
        Api.as(bob)
                .body("{\"name\":\"lax\",\"rules\":{\"requireApproval\":false}}")
                .post("policies")
                .then()
                .statusCode(403);
        Api.as(bob).get("releases/" + release).then().statusCode(200); // a read: not audited
        tenant.api()
                .body("{\"comment\":\"ok\"}")
                .post("approvals/" + approval + "/approve")
                .then()
                .statusCode(200);
        Api.as(bob).post("releases/" + release + "/publish").then().statusCode(200);
        Api.as(bob).body("{\"productId\":\"shop\"}").post("releases").then().statusCode(400);
        JsonPath ciToken = tenant.api()
                .body("{\"actor\":\"ci\",\"scopes\":[\"publish\"]}")
                .post(tokens)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String ci = ciToken.getString("token");
        String build = "{\"type\":\"build.finished\",\"data\":{\"build_id\":\"b\",\"status\":\"success\"}}";
        // A publish's entry is written with its event, in its transaction, and names it.
        String event = Api.as(ci)
                .body(build)
                .post("events")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Api.as(ci)
                .body("{\"events\":[" + build + "," + build + "]}")
                .post("events/batch")
                .then()
                .statusCode(202);
        Api.as(ci)
                .body("{\"type\":\"no.such.type\",\"data\":{}}")
                .post("events")
                .then()
                .statusCode(400);

        JsonPath audit = tenant.api()
                .get("audit?pageSize=200")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> listed = new ArrayList<>();
        for (int i = 0; i < audit.getList("items").size(); i++) {
            String item = "items[" + i + "].";
            listed.add(String.join(
                    " ",
                    audit.getString(item + "actor"),
                    audit.getString(item + "method"),
                    audit.getString(item + "path"),
                    audit.getString(item + "scope"),
                    audit.getString(item + "outcome"),
                    String.valueOf(audit.getString(item + "targetId"))));
        }
        Collections.reverse(listed);
        assertEquals(
                List.of(
                        "admin POST /tenants admin succeeded " + tenant.id(), // and its first token issued
                        "admin POST /tenants/" + tenant.id() + "/tokens admin succeeded " + bobToken.getString("id"),
                        "bob POST /releases govern succeeded " + release,
                        "bob POST /approvals govern succeeded " + approval,
                        "bob POST /approvals/" + approval + "/approve govern denied " + approval,
                        "bob POST /policies admin denied null",
                        "admin POST /approvals/" + approval + "/approve govern succeeded " + approval,
                        "bob POST /releases/" + release + "/publish govern succeeded " + release,
                        "bob POST /releases govern rejected null",
                        "admin POST /tenants/" + tenant.id() + "/tokens admin succeeded " + ciToken.getString("id"),
                        "ci POST /events publish succeeded " + event,
                        "ci POST /events/batch publish succeeded null",
                        "ci POST /events publish rejected null"),
                listed);
        assertEquals(audit.getInt("total"), listed.size());
        assertEquals(ciToken.getString("id"), audit.getString("items[0].tokenId"));
        assertEquals(202, audit.getInt("items[1].status"));
        assertEquals(bobToken.getString("id"), audit.getString("items[4].tokenId"));
        assertEquals(400, audit.getInt("items[4].status"));
        assertEquals(403, audit.getInt("items[8].status"));
        tenant.api()
                .get("audit?outcome=denied")
                .then()
                .body("total", equalTo(2))
                .body("items[0].detail", containsString("'admin' scope"))
                .body("items[1].detail", containsString("Separation of duties"));
        tenant.api().get("audit?actor=admin").then().body("total", equalTo(4));
        tenant.api().get("audit?targetId=" + approval).then().body("total", equalTo(3));
    }

    /** An event type is named by its name, not an id: its definition's entry names it, to be found by it. */
    @Test
    void aDefinedEventTypeIsTheTargetOfItsEntryByName() {
        Tenant tenant = Api.newTenant();
        tenant.api()
                .body(
                        "{\"name\": \"canary.promoted\", \"description\": \"A canary was promoted\","
                                + " \"schema\": {\"type\": \"object\", \"properties\": {\"release_id\": {\"type\": \"string\"}}}}")
                .post("event-types")
                .then()
                .statusCode(201);
        tenant.api()
                .get("audit?targetId=canary.promoted")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].path", equalTo("/event-types"));
    }

    @Test
    void thePlatformAdminsTokenChangesInATenantAreInThatTenantsTrailToo() {
        Tenant tenant = Api.newTenant();
        String tokens = "tenants/" + tenant.id() + "/tokens";
        String issued = Api.admin()
                .body("{\"actor\":\"ops-bot\",\"scopes\":[\"read\"]}")
                .post(tokens)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api.admin().delete(tokens + "/" + issued).then().statusCode(204);
        // Refused: it changed nothing in the tenant, so only the admin's own trail has it.
        Api.admin()
                .body("{\"actor\":\"x\",\"scopes\":[\"nope\"]}")
                .post(tokens)
                .then()
                .statusCode(400);
        tenant.api()
                .get("audit")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("items.method", contains("DELETE", "POST", "POST"))
                .body("items.path", contains("/" + tokens + "/" + issued, "/" + tokens, "/tenants"))
                .body("items.targetId", contains(issued, issued, tenant.id()))
                .body("items.outcome", everyItem(equalTo("succeeded")))
                .body("items.scope", everyItem(equalTo("admin")));
        Api.admin().get("audit?targetId=" + issued).then().statusCode(200).body("total", equalTo(2));
    }

    @Test
    void onlyAnAdminReadsTheTrailAndATenantSeesOnlyItsOwn() {
        Tenant tenant = Api.newTenant();
        Tenant other = Api.newTenant();
        other.api()
                .body("{\"productId\":\"x\",\"version\":\"1\",\"channel\":\"c\"}")
                .post("releases")
                .then()
                .statusCode(201);
        String reader = tenant.api()
                .body("{\"actor\":\"auditor\",\"scopes\":[\"read\"]}")
                .post("tenants/" + tenant.id() + "/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        Api.as(reader).get("audit").then().statusCode(403).body("detail", containsString("'admin' scope"));
        tenant.api()
                .get("audit")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.actor", everyItem(equalTo("admin")));
        tenant.api().get("audit?outcome=maybe").then().statusCode(400).body("errors[0].field", equalTo("outcome"));
        tenant.api().get("audit?since=yesterday").then().statusCode(400).body("errors[0].field", equalTo("since"));
    }
}

package dev.herald.governance;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.it.Api;
import dev.herald.it.Api.Tenant;
import io.restassured.path.json.JsonPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Separation of duties (issue 13): by default an approval is decided by another actor than
 * the one who requested it, and an approved release is published by another actor than its
 * approver; a policy can turn it off, and a self-approval is then recorded as such.
 */
public abstract class FourEyesSpec {

    Tenant tenant;
    String aliceToken;
    String bobToken;

    @BeforeEach
    void twoReleaseManagers() {
        tenant = Api.newTenant();
        aliceToken = token("alice");
        bobToken = token("bob");
    }

    private String token(String actor) {
        return tenant.api()
                .body("{\"actor\":\"" + actor + "\",\"scopes\":[\"govern\",\"read\"]}")
                .post("tenants/" + tenant.id() + "/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
    }

    @Test
    void theRequesterCannotDecideTheirOwnApprovalAndTheRefusalRaisesNothing() {
        String[] ids = releaseAwaitingApprovalWith(aliceToken, "1.0.0");
        int events = eventCount();
        for (String verb : List.of("approve", "reject")) {
            Api.as(aliceToken)
                    .body("{\"comment\":\"mine\"}")
                    .post("approvals/" + ids[1] + "/" + verb)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:herald:problem:separation-of-duties"))
                    .body("detail", containsString("requested by 'alice'"));
        }
        // One person whatever the case of their name: a token says alice, single sign-on Alice.
        Api.as(token("ALICE"))
                .body("{\"comment\":\"mine\"}")
                .post("approvals/" + ids[1] + "/approve")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:herald:problem:separation-of-duties"));
        assertEquals(events, eventCount(), "a refused decision raises nothing");
        tenant.api().get("approvals/" + ids[1]).then().body("status", equalTo("pending"));
        tenant.api().get("releases/" + ids[0]).then().body("status", equalTo("pending_approval"));
    }

    @Test
    void anotherActorApprovesAndTheApproverCannotAlsoPublish() {
        String[] ids = releaseAwaitingApprovalWith(aliceToken, "2.0.0");
        Api.as(bobToken)
                .body("{\"comment\":\"LGTM\"}")
                .post("approvals/" + ids[1] + "/approve")
                .then()
                .statusCode(200)
                .body("decidedBy", equalTo("bob"))
                .body("requestedBy", equalTo("alice"));
        int events = eventCount();
        Api.as(bobToken)
                .post("releases/" + ids[0] + "/publish")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:herald:problem:separation-of-duties"))
                .body("detail", containsString("approved by 'bob'"));
        Api.as(token("Bob"))
                .post("releases/" + ids[0] + "/publish")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:herald:problem:separation-of-duties"));
        assertEquals(events, eventCount(), "a refused publication raises nothing");
        Api.as(aliceToken)
                .post("releases/" + ids[0] + "/publish")
                .then()
                .statusCode(200)
                .body("status", equalTo("published"));

        Map<String, JsonPath> timeline = timeline(ids[0]);
        assertEquals("alice", timeline.get("release.created").getString("created_by"));
        assertEquals("alice", timeline.get("approval.requested").getString("requested_by"));
        assertEquals("bob", timeline.get("approval.approved").getString("approved_by"));
        assertEquals(false, timeline.get("approval.approved").getBoolean("self_approved"));
        assertEquals("bob", timeline.get("release.approved").getString("approved_by"));
        assertEquals("alice", timeline.get("release.published").getString("published_by"));
    }

    @Test
    void withEveryPolicyTurningItOffASelfApprovalIsAllowedAndRecordedAsSuch() {
        tenant.api()
                .body("{\"name\":\"solo\",\"rules\":{\"requireApproval\":true,\"separationOfDuties\":false}}")
                .post("policies")
                .then()
                .statusCode(201)
                .body("rules.separationOfDuties", equalTo(false));
        String[] ids = releaseAwaitingApprovalWith(aliceToken, "3.0.0");
        // Alice's single sign-on name, in another case, is still Alice: her own request.
        Api.as(token("Alice")).post("approvals/" + ids[1] + "/approve").then().statusCode(200);
        Api.as(aliceToken).post("releases/" + ids[0] + "/publish").then().statusCode(200);
        Map<String, JsonPath> timeline = timeline(ids[0]);
        assertEquals(true, timeline.get("approval.approved").getBoolean("self_approved"));
        assertEquals(true, timeline.get("release.approved").getBoolean("self_approved"));
        assertEquals("Alice", timeline.get("approval.approved").getString("approved_by"));
    }

    @Test
    void theStrictestPolicyWinsOneThatKeepsFourEyesIsEnough() {
        tenant.api()
                .body("{\"name\":\"solo\",\"rules\":{\"requireApproval\":true,\"separationOfDuties\":false}}")
                .post("policies")
                .then()
                .statusCode(201);
        tenant.api()
                .body("{\"name\":\"strict\",\"rules\":{\"requireApproval\":true}}")
                .post("policies")
                .then()
                .statusCode(201)
                .body("rules.separationOfDuties", equalTo(true));
        String[] ids = releaseAwaitingApprovalWith(aliceToken, "4.0.0");
        Api.as(aliceToken).post("approvals/" + ids[1] + "/approve").then().statusCode(403);
    }

    @Test
    void actorsAsLongAsATokenMayNameRequestAndDecideApprovals() {
        String requester = "release.manager+" + "r".repeat(79) + "@x.io"; // 100 characters, the most
        String approver = "approver_" + "a".repeat(91);
        String[] ids = releaseAwaitingApprovalWith(token(requester), "5.0.0");
        tenant.api().get("approvals/" + ids[1]).then().body("requestedBy", equalTo(requester));
        Api.as(token(approver))
                .post("approvals/" + ids[1] + "/approve")
                .then()
                .statusCode(200)
                .body("decidedBy", equalTo(approver))
                .body("requestedBy", equalTo(requester));
        assertEquals(approver, timeline(ids[0]).get("release.approved").getString("approved_by"));
    }

    /** A release created with the token and its approval requested with it: {release id, approval id}. */
    private String[] releaseAwaitingApprovalWith(String token, String version) {
        String release = Api.as(token)
                .body("{\"productId\":\"shop\",\"version\":\"" + version + "\",\"channel\":\"stable\"}")
                .post("releases")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String approval = Api.as(token)
                .body("{\"releaseId\":\"" + release + "\"}")
                .post("approvals")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return new String[] {release, approval};
    }

    private int eventCount() {
        return tenant.api().get("events").then().statusCode(200).extract().path("total");
    }

    /** The release's timeline: each event type's data (the last of each type). */
    private Map<String, JsonPath> timeline(String releaseId) {
        JsonPath timeline = tenant.api()
                .get("releases/" + releaseId + "/timeline")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, JsonPath> byType = new LinkedHashMap<>();
        List<String> types = timeline.getList("items.type");
        for (int i = 0; i < types.size(); i++) {
            byType.put(types.get(i), JsonPath.from(timeline.prettify()).setRootPath("items[" + i + "].data"));
        }
        return byType;
    }
}

package dev.herald.it;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import java.net.URISyntaxException;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The integration suite: one Payara Micro boot with the real WAR, and every feature's
 * specification run against it as a nested class, over HTTP only.
 */
@ExtendWith(ArquillianExtension.class)
class HeraldIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return HeraldServer.war();
    }

    @ArquillianResource
    URL base;

    /**
     * Runs before the nested classes (JUnit runs a class's own tests first). Arquillian injects
     * resources only into the class that declares the deployment, so this hands the URL on.
     */
    private static ResponseRecorder responses;

    @Test
    void isDeployedAndReady() throws URISyntaxException {
        HeraldServer.setBase(base.toURI());
        given().baseUri(base.toString()).get("health/ready").then().statusCode(200);
        responses = new ResponseRecorder(base.toURI());
        RestAssured.filters(responses);
    }

    /** After every nested specification: their answers become the OpenAPI document's examples. */
    @AfterAll
    static void writeResponseExamples() {
        RestAssured.reset();
        if (responses != null) {
            responses.writeIfAsked();
        }
    }

    @Nested
    class Operations extends dev.herald.platform.OperationsSpec {}

    @Nested
    class Metrics extends dev.herald.platform.MetricsSpec {}

    @Nested
    class GeneratedClient extends dev.herald.platform.GeneratedClientSpec {}

    @Nested
    class Access extends dev.herald.access.AccessSpec {}

    @Nested
    class Scopes extends dev.herald.access.ScopesSpec {}

    @Nested
    class RequestBodies extends dev.herald.access.RequestBodiesSpec {}

    @Nested
    class WaitingCalls extends dev.herald.access.WaitingCallsSpec {}

    @Nested
    class Audit extends dev.herald.audit.AuditSpec {}

    @Nested
    class FourEyes extends dev.herald.governance.FourEyesSpec {}

    @Nested
    @BrowserOnceOnH2
    class Console extends dev.herald.console.ConsoleSpec {}

    /** On both databases: its overview and subscription list read what only the console asks for. */
    @Nested
    class ConsoleWork extends dev.herald.console.ConsoleWorkSpec {}

    @Nested
    @BrowserOnceOnH2
    class SingleSignOn extends dev.herald.console.SingleSignOnSpec {}

    @Nested
    @BrowserOnceOnH2
    class ConsoleGovernance extends dev.herald.console.ConsoleGovernanceSpec {}

    @Nested
    @BrowserOnceOnH2
    class ConsoleInbound extends dev.herald.console.ConsoleInboundSpec {}

    @Nested
    class HostileViewParameters extends dev.herald.console.HostileViewParametersSpec {}

    @Nested
    class ConsoleAdmission extends dev.herald.console.ConsoleAdmissionSpec {}

    @Nested
    class ConsoleForms extends dev.herald.console.ConsoleFormsSpec {}

    @Nested
    class EventTypes extends dev.herald.catalog.EventTypesSpec {}

    @Nested
    class Subscriptions extends dev.herald.subscriptions.SubscriptionsSpec {}

    @Nested
    class BadSubscriptionInput extends dev.herald.subscriptions.BadSubscriptionInputSpec {}

    @Nested
    class Errors extends dev.herald.problems.ErrorsSpec {}

    @Nested
    class HostileRequests extends dev.herald.problems.HostileRequestsSpec {}

    @Nested
    class Delivery extends dev.herald.delivery.DeliverySpec {}

    @Nested
    class ReceiverStyles extends dev.herald.delivery.ReceiverStylesSpec {}

    @Nested
    class Lifecycle extends dev.herald.delivery.LifecycleSpec {}

    @Nested
    class History extends dev.herald.events.HistorySpec {}

    @Nested
    class Pruning extends dev.herald.events.PruningSpec {}

    @Nested
    class Governance extends dev.herald.governance.GovernanceSpec {}

    @Nested
    class Inbound extends dev.herald.inbound.InboundSpec {}
}

package dev.herald.inbound.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** How each kind of sender is authenticated, without a server: signatures, signed times and tokens. */
class VerifiersTest {

    private static final String SECRET = "It's a Secret to Everybody";
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);

    @Test
    void aGitHubSignatureOverTheBodyIsAcceptedAndAnyOtherRefused() throws GeneralSecurityException {
        Verifier github = Verifiers.hmac("X-Hub-Signature-256", "hmac-sha256", SECRET, null, null);
        // GitHub's documented example: this secret and body give this signature.
        String documented = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assertEquals(documented, "sha256=" + hmac("HmacSHA256", BODY));

        assertEquals(Optional.empty(), github.refusal(call(Map.of("x-hub-signature-256", documented), BODY)));
        assertEquals(
                Optional.empty(),
                github.refusal(call(
                        Map.of("x-hub-signature-256", documented.toUpperCase().replace("SHA256=", "sha256=")), BODY)),
                "hex in either case");
        assertRefused(
                github.refusal(call(
                        Map.of("x-hub-signature-256", documented), "Hello, World?".getBytes(StandardCharsets.UTF_8))),
                "does not match");
        assertRefused(github.refusal(call(Map.of(), BODY)), "X-Hub-Signature-256 header");
        assertRefused(github.refusal(call(Map.of("x-hub-signature-256", "  "), BODY)), "is missing");
    }

    @Test
    void aSignedTimeMustBeNearNowAndPartOfWhatIsSigned() throws GeneralSecurityException {
        Verifier verifier = Verifiers.hmac("X-Signature", "hmac-sha256", SECRET, "X-Timestamp", 300);
        String now = String.valueOf(Instant.now().getEpochSecond());
        String signature = hmac(
                "HmacSHA256", (now + "." + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));

        assertEquals(
                Optional.empty(), verifier.refusal(call(Map.of("x-signature", signature, "x-timestamp", now), BODY)));
        assertRefused(
                verifier.refusal(call(Map.of("x-signature", hmac("HmacSHA256", BODY), "x-timestamp", now), BODY)),
                "does not match");
        String old = String.valueOf(Instant.now().minusSeconds(600).getEpochSecond());
        assertRefused(
                verifier.refusal(call(Map.of("x-signature", signature, "x-timestamp", old), BODY)),
                "more than 300 seconds");
        assertRefused(
                verifier.refusal(call(Map.of("x-signature", signature, "x-timestamp", "yesterday"), BODY)),
                "Unix seconds");
        assertRefused(verifier.refusal(call(Map.of("x-signature", signature), BODY)), "X-Timestamp");
    }

    @Test
    void sha1SignaturesAreCheckedWithSha1() throws GeneralSecurityException {
        Verifier verifier = Verifiers.hmac("X-Signature", "hmac-sha1", SECRET, null, null);
        assertEquals(
                Optional.empty(),
                verifier.refusal(call(Map.of("x-signature", "sha1=" + hmac("HmacSHA1", BODY)), BODY)));
        assertRefused(verifier.refusal(call(Map.of("x-signature", hmac("HmacSHA256", BODY)), BODY)), "does not match");
    }

    @Test
    void aGitLabTokenIsComparedWithItsHeader() {
        Verifier gitlab = Verifiers.header("X-Gitlab-Token", "glt-secret");
        assertEquals(Optional.empty(), gitlab.refusal(call(Map.of("x-gitlab-token", " glt-secret "), BODY)));
        assertRefused(gitlab.refusal(call(Map.of("x-gitlab-token", "glt-other"), BODY)), "not this integration's");
        assertRefused(gitlab.refusal(call(Map.of(), BODY)), "is missing");
    }

    @Test
    void aTokenIsAcceptedInEachPlaceSendersThatCannotSignPutIt() {
        Verifier verifier = Verifiers.anyTokenPlace("tok-123");
        assertEquals(Optional.empty(), verifier.refusal(call(Map.of("authorization", "Bearer tok-123"), BODY)));
        assertEquals(Optional.empty(), verifier.refusal(call(Map.of("authorization", "tok-123"), BODY)));
        assertEquals(Optional.empty(), verifier.refusal(call(Map.of("x-herald-token", "tok-123"), BODY)));
        assertEquals(Optional.empty(), verifier.refusal(new InboundCall(Map.of(), Map.of("token", "tok-123"), BODY)));
        assertRefused(verifier.refusal(call(Map.of("authorization", "Bearer tok-124"), BODY)), "Present");
        assertRefused(verifier.refusal(call(Map.of(), BODY)), "Present");
        assertRefused(
                Verifiers.anyTokenPlace(null).refusal(call(Map.of("x-herald-token", "tok-123"), BODY)), "Present");
    }

    private static void assertRefused(Optional<String> refusal, String saying) {
        assertTrue(refusal.isPresent(), "refused");
        assertTrue(refusal.get().contains(saying), refusal.get());
        assertTrue(!refusal.get().contains(SECRET), "the reason never shows the secret");
    }

    private static InboundCall call(Map<String, String> headers, byte[] body) {
        return new InboundCall(new HashMap<>(headers), Map.of(), body);
    }

    private static String hmac(String algorithm, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), algorithm));
        return HexFormat.of().formatHex(mac.doFinal(data));
    }
}

package dev.herald.inbound.control;

import dev.herald.inbound.entity.Integration;
import dev.herald.inbound.entity.IntegrationType;
import dev.herald.platform.Times;
import dev.herald.platform.crypto.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The verifiers of each kind of sender. Every comparison of a presented value with the
 * expected one is {@link MessageDigest#isEqual}, which takes the same time wherever they differ.
 */
public final class Verifiers {

    private Verifiers() {}

    /** The verifier an integration's type and settings call for, with its secret or token opened. */
    public static Verifier of(Integration integration, String secret, String token) {
        if (integration.type() == IntegrationType.GITHUB) {
            return hmac("X-Hub-Signature-256", "hmac-sha256", secret, null, null);
        }
        if (integration.type() == IntegrationType.GITLAB) {
            return header("X-Gitlab-Token", token);
        }
        if (secret != null) {
            return hmac(
                    integration.signatureHeader(),
                    integration.signatureAlgorithm(),
                    secret,
                    integration.timestampHeader(),
                    integration.toleranceSeconds());
        }
        return anyTokenPlace(token);
    }

    /**
     * HMAC over the raw body (or over {@code timestamp.body} when the sender signs a
     * timestamp), hex in the header, optionally prefixed {@code sha256=} or {@code sha1=}.
     */
    static Verifier hmac(
            String headerName, String algorithm, String secret, String timestampHeader, Integer toleranceSeconds) {
        String javaAlgorithm = "hmac-sha1".equals(algorithm) ? "HmacSHA1" : "HmacSHA256";
        return call -> {
            String presented = call.header(headerName);
            if (presented == null || presented.isBlank()) {
                return Optional.of(
                        "The " + headerName + " header with the body's " + algorithm + " signature is missing");
            }
            byte[] signed = call.body();
            if (timestampHeader != null) {
                String timestamp = call.header(timestampHeader);
                Optional<String> stale = staleness(timestampHeader, timestamp, toleranceSeconds);
                if (stale.isPresent()) {
                    return stale;
                }
                signed = concat((timestamp.trim() + ".").getBytes(StandardCharsets.UTF_8), call.body());
            }
            String hex = presented.trim().toLowerCase(Locale.ROOT).replaceFirst("^(sha256|sha1)=", "");
            byte[] expected = HexFormat.of()
                    .formatHex(Digests.hmac(javaAlgorithm, secret.getBytes(StandardCharsets.UTF_8), signed))
                    .getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, hex.getBytes(StandardCharsets.US_ASCII))
                    ? Optional.empty()
                    : Optional.of("The " + headerName + " signature does not match the body");
        };
    }

    /** A token compared with one header's value. */
    static Verifier header(String headerName, String token) {
        return call -> {
            String presented = call.header(headerName);
            if (presented == null) {
                return Optional.of("The " + headerName + " header is missing");
            }
            return same(presented.trim(), token)
                    ? Optional.empty()
                    : Optional.of("The " + headerName + " token is not this integration's");
        };
    }

    /**
     * A token where the senders that cannot sign put one: {@code Authorization} (bare, as
     * Harbor's auth header sends it, or {@code Bearer}), {@code X-Herald-Token}, or the URL's
     * {@code token} parameter (Docker Hub can only call a URL).
     */
    static Verifier anyTokenPlace(String token) {
        return call -> {
            String authorization = call.header("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                authorization = authorization.substring(7);
            }
            boolean presented = Stream.of(
                            authorization,
                            call.header("X-Herald-Token"),
                            call.query().get("token"))
                    .anyMatch(value -> value != null && same(value.trim(), token));
            return presented
                    ? Optional.empty()
                    : Optional.of(
                            "Present the integration's token in the Authorization header, X-Herald-Token or ?token=");
        };
    }

    private static Optional<String> staleness(String headerName, String timestamp, Integer toleranceSeconds) {
        if (timestamp == null || timestamp.isBlank()) {
            return Optional.of("The " + headerName + " header with the signing time (Unix seconds) is missing");
        }
        try {
            Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
            Duration age = Duration.between(signedAt, Times.now()).abs();
            return age.getSeconds() <= toleranceSeconds
                    ? Optional.empty()
                    : Optional.of("The signature's time (" + headerName + ") is more than " + toleranceSeconds
                            + " seconds away from now");
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.of("The " + headerName + " header must be the signing time in Unix seconds");
        }
    }

    private static boolean same(String presented, String expected) {
        return expected != null
                && MessageDigest.isEqual(
                        presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}

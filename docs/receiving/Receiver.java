import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver for Herald's deliveries with Herald's own headers, in plain JDK Java.
 *
 * <pre>java Receiver.java &lt;secret&gt; [port]</pre>
 *
 * Answers 204 to a delivery whose X-Herald-Signature and Standard Webhooks signature both
 * verify and 401 to any other, and prints one line per request: "ok ..." or "rejected".
 */
public class Receiver {

    /** X-Herald-Signature: sha256=&lt;hex&gt;, two comma-separated during a rotation. */
    static boolean verifyHerald(String secret, String header, byte[] body) throws Exception {
        byte[] expected = ("sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body)))
                .getBytes(StandardCharsets.UTF_8);
        for (String given : (header == null ? "" : header).split(",")) {
            if (MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    /** Standard Webhooks: webhook-signature: v1,&lt;base64 HMAC of "id.timestamp.body"&gt; [v1,&lt;...&gt;]. */
    static boolean verifyStandardWebhooks(String secret, String id, String timestamp, String signatures, byte[] body)
            throws Exception {
        if (id == null || timestamp == null || signatures == null || !timestamp.matches("\\d{1,18}")
                || Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        byte[] key = secret.startsWith("whsec_") ? Base64.getDecoder().decode(secret.substring(6))
                : secret.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        byte[] expected = Base64.getEncoder().encode(hmac(key, signed));
        for (String signature : signatures.split(" ")) {
            if (signature.startsWith("v1,")
                    && MessageDigest.isEqual(expected, signature.substring(3).getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    static byte[] hmac(byte[] key, byte[] content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(content);
    }

    public static void main(String[] args) throws Exception {
        String secret = args[0];
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1",
                args.length > 1 ? Integer.parseInt(args[1]) : 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            boolean verified;
            try {
                verified = verifyHerald(secret, headers.getFirst("X-Herald-Signature"), body)
                        && verifyStandardWebhooks(secret, headers.getFirst("webhook-id"),
                                headers.getFirst("webhook-timestamp"), headers.getFirst("webhook-signature"), body);
            } catch (Exception e) {
                verified = false;
            }
            System.out.println(verified ? "ok " + headers.getFirst("X-Herald-Event") + " "
                    + headers.getFirst("X-Herald-Delivery") : "rejected");
            exchange.sendResponseHeaders(verified ? 204 : 401, -1);
            exchange.close();
        });
        server.start();
        System.out.println("listening " + server.getAddress().getPort());
    }
}

"""A webhook receiver for Herald's deliveries, in the styles docs/receiving.md describes.

    python3 receiver.py <style> <secret-or-token> [port]

Answers 204 to a delivery whose signature verifies and 401 to any other, and prints one
line per request: "ok <what it read>" or "rejected". Each verify function is written the
way the sender whose receivers it stands for documents it; copy the one you need.
"""
import base64
import hashlib
import hmac
import json
import re
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def verify_herald(secret, headers, body):
    """Herald's own header: X-Herald-Signature: sha256=<hex>, two comma-separated during a rotation."""
    expected = "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    given = headers.get("X-Herald-Signature", "").split(",")
    return any(hmac.compare_digest(expected, value) for value in given)


def verify_standard_webhooks(secret, headers, body, tolerance_seconds=300):
    """Standard Webhooks: webhook-signature: v1,<base64 HMAC of "id.timestamp.body"> [v1,<...>]."""
    msg_id = headers.get("webhook-id", "")
    timestamp = headers.get("webhook-timestamp", "")
    if not re.fullmatch(r"[0-9]{1,18}", timestamp) or abs(time.time() - int(timestamp)) > tolerance_seconds:
        return False
    key = base64.b64decode(secret[len("whsec_"):]) if secret.startswith("whsec_") else secret.encode("utf-8")
    signed = msg_id.encode("utf-8") + b"." + timestamp.encode("utf-8") + b"." + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode("ascii")
    for signature in headers.get("webhook-signature", "").split(" "):
        version, _, value = signature.partition(",")
        if version == "v1" and hmac.compare_digest(expected, value):
            return True
    return False


def verify_bigpicture(secret, headers, body):
    """Big Picture: X-BigPicture-Signature: sha256=<hex HMAC-SHA256 of the raw body>."""
    signature = headers.get("X-BigPicture-Signature", "")
    expected = "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def verify_stella(secret, headers, body):
    """Stella: X-Stella-Signature: <bare hex HMAC-SHA256 of the raw body>."""
    signature = headers.get("X-Stella-Signature", "")
    expected = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def read_herald(headers, payload):
    return payload["event"] + " " + payload["id"]


def read_bigpicture(headers, payload):
    return payload["event"] + " at " + payload["timestamp"]


def read_stella(headers, payload):
    return headers["X-Stella-Event"] + " " + headers["X-Stella-Delivery"] + " at " + headers["X-Stella-Timestamp"]


def read_puppet(headers, payload):
    # Puppet Pipelines posts the build object itself.
    return "build %s of %s: %s" % (payload["build_num"], payload["app_name"], payload["status"])


STYLES = {
    "herald": (lambda s, h, b: verify_herald(s, h, b) and verify_standard_webhooks(s, h, b), read_herald),
    "bigpicture": (verify_bigpicture, read_bigpicture),
    "stella": (verify_stella, read_stella),
    # The build object carries no signature of its own: the Standard Webhooks headers sign it.
    "puppet-pipelines": (verify_standard_webhooks, read_puppet),
}


def serve(style, secret, port):
    verify, read = STYLES[style]

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            try:
                verified = verify(secret, self.headers, body)
            except (TypeError, ValueError):  # e.g. a header with characters compare_digest refuses
                verified = False
            if verified:
                print("ok " + read(self.headers, json.loads(body)), flush=True)
                self.send_response(204)
            else:
                print("rejected", flush=True)
                self.send_response(401)
            self.end_headers()

        def log_message(self, format, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print("listening %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 0)

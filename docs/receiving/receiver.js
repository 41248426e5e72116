// A webhook receiver for Herald's deliveries, in the styles docs/receiving.md describes.
//
//     node receiver.js <style> <secret-or-token> [port]
//
// Answers 204 to a delivery that verifies and 401 to any other, and prints one line per
// request: "ok <what it read>" or "rejected". Each verify function is written the way the
// sender whose receivers it stands for documents it; copy the one you need.
'use strict';
const crypto = require('crypto');
const http = require('http');

function safeEqual(a, b) {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

// Herald's own header: X-Herald-Signature: sha256=<hex>, two comma-separated during a rotation.
function verifyHerald(secret, headers, rawBody) {
  const expected = 'sha256=' + crypto.createHmac('sha256', secret).update(rawBody).digest('hex');
  return (headers['x-herald-signature'] || '').split(',').some((given) => safeEqual(expected, given));
}

// Standard Webhooks: webhook-signature: v1,<base64 HMAC of "id.timestamp.body"> [v1,<...>].
function verifyStandardWebhooks(secret, headers, rawBody, toleranceSeconds = 300) {
  const id = headers['webhook-id'] || '';
  const timestamp = headers['webhook-timestamp'] || '';
  if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > toleranceSeconds) {
    return false;
  }
  const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
  const expected = crypto.createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(`${id}.${timestamp}.`, 'utf8'), rawBody])).digest('base64');
  return (headers['webhook-signature'] || '').split(' ')
    .some((signature) => signature.startsWith('v1,') && safeEqual(expected, signature.slice(3)));
}

// iTwin: Signature: sha256=<hex HMAC-SHA256 of the raw body>.
function verifyItwin(secret, headers, rawBody) {
  const signature = headers['signature'] || '';
  const expected = 'sha256=' + crypto.createHmac('sha256', secret).update(rawBody).digest('hex');
  return safeEqual(expected, signature);
}

// BigPanda shares authenticate by a header the share is configured with; here X-Api-Key.
function verifyBigPanda(token, headers) {
  return safeEqual(token, headers['x-api-key'] || '');
}

const styles = {
  herald: {
    verify: (secret, headers, rawBody) => verifyHerald(secret, headers, rawBody)
      && verifyStandardWebhooks(secret, headers, rawBody),
    read: (headers, payload) => `${payload.event} ${payload.id}`,
  },
  itwin: {
    verify: verifyItwin,
    read: (headers, payload) => `${payload.event} ${payload.id}`,
  },
  // The incident object itself is the body.
  bigpanda: {
    verify: verifyBigPanda,
    read: (headers, incident) => `incident ${incident.id} ${incident.status}`,
  },
};

function serve(style, secret, port) {
  const { verify, read } = styles[style];
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      if (verify(secret, request.headers, rawBody)) {
        console.log('ok ' + read(request.headers, JSON.parse(rawBody.toString('utf8'))));
        response.writeHead(204);
      } else {
        console.log('rejected');
        response.writeHead(401);
      }
      response.end();
    });
  });
  server.listen(port, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
}

serve(process.argv[2], process.argv[3], Number(process.argv[4] || 0));

// A tiny API server in its own process, so that a test can SIGSTOP it: what a hung kube-apiserver
// looks like from the client (connections accepted by the kernel, nothing ever answered).
// Usage: node stoppableServer.mjs FIXTURES_DIR THROTTLED_LISTS RETRY_AFTER_SECONDS
// Prints the port on stdout. Serves /version, the recorded pods of lab, and watches that send a
// BOOKMARK every second; the first THROTTLED_LISTS store lists (limit=500) answer 429.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

const [fixtures = '.', throttled = '0', retryAfter = '1'] = process.argv.slice(2);
const version = readFileSync(join(fixtures, 'discovery', 'version.json'), 'utf8');
const pods = JSON.parse(readFileSync(join(fixtures, 'pods', 'lab-list.json'), 'utf8'));
let throttledLeft = Number(throttled);

function json(response, status, body, headers = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/version') return json(response, 200, version);
  if (!url.pathname.endsWith('/pods') && !url.pathname.endsWith('/events') && !url.pathname.endsWith('/namespaces')) return json(response, 404, { kind: 'Status', code: 404, message: 'not found' });
  const items = url.pathname.endsWith('/pods') ? pods.items : [];
  if (url.searchParams.get('watch') === 'true') {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    response.flushHeaders();
    const timer = setInterval(() => {
      response.write(`${JSON.stringify({ type: 'BOOKMARK', object: { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: pods.metadata.resourceVersion } } })}\n`);
    }, 1000);
    response.on('close', () => clearInterval(timer));
    return;
  }
  if (url.searchParams.get('limit') === '500' && url.pathname.endsWith('/pods') && throttledLeft > 0) {
    throttledLeft -= 1;
    return json(response, 429, { kind: 'Status', code: 429, reason: 'TooManyRequests', message: 'Too many requests, please try again later.' }, { 'Retry-After': retryAfter });
  }
  json(response, 200, { kind: 'List', apiVersion: 'v1', metadata: { resourceVersion: pods.metadata.resourceVersion }, items });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => process.exit(0));

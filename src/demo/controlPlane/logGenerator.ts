import type { HttpReply, HttpRequestView } from '../network/podNetwork.js';
import { stderr, stdout, type OutputLine, type ProcessContext, type ScriptStep } from './containerRuntime.js';

/**
 * Realistic output of the demo's workloads: web access logs, JSON application logs, worker progress,
 * klog-style system components. Steady generators return one batch at a time with the wait before it.
 */

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** "09:16:13", what `date -u +%H:%M:%S` prints. */
export function clockTime(ms: number): string {
  const date = new Date(ms);
  return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** nginx's $time_local: "23/Nov/2026:09:16:13 +0000". */
function nginxTime(ms: number): string {
  const date = new Date(ms);
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()] ?? 'Jan'}/${date.getUTCFullYear()}:${clockTime(ms)} +0000`;
}

/** klog's header: "I1123 09:16:13.123456       1 file.go:42] ". */
export function klogLine(context: ProcessContext, severity: 'I' | 'W' | 'E', source: string, message: string): OutputLine {
  const date = new Date(context.now());
  const micros = pad(date.getUTCMilliseconds(), 3) + pad(context.random.int(1000), 3);
  const header = `${severity}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())} ${clockTime(date.getTime())}.${micros}       1 ${source}] `;
  return stderr(header + message);
}

function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}

/** Python logging's "2026-11-23 09:16:13,123". */
function pythonTime(ms: number): string {
  return isoMillis(ms).replace('T', ' ').replace(/\.(\d{3})Z$/, ',$1');
}

export function jsonLine(context: ProcessContext, level: string, logger: string, msg: string, fields: Record<string, string | number | boolean> = {}): OutputLine {
  const record = { level, ts: isoMillis(context.now()), logger, msg, ...fields };
  return level === 'error' ? stderr(JSON.stringify(record)) : stdout(JSON.stringify(record));
}

const paths = ['/', '/products', '/products/42', '/products/1017', '/cart', '/api/cart', '/api/recommendations?for=42', '/static/app.3f9c1e.js', '/static/styles.8a1b.css', '/healthz', '/checkout', '/search?q=lamp', '/favicon.ico'];
const agents = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
  'kube-probe/1.24',
  'curl/8.5.0',
];
// A crafted User-Agent that tries to retitle and clear the reader's terminal: what sanitising must neutralise.
const hostileAgent = 'curl/8.5.0\u001b]0;you have been pwned\u0007\u001b[2J\u001b[31mALERT\u001b[0m';

/** The nginx "combined" line of a request the container really answered (through a port-forward). */
export function servedRequestLine(context: ProcessContext, request: HttpRequestView, reply: HttpReply): OutputLine {
  const agent = request.userAgent === '' ? '-' : request.userAgent;
  return stdout(`${request.remoteAddress} - - [${nginxTime(context.now())}] "${request.method} ${request.path} HTTP/${request.httpVersion}" ${reply.status} ${Buffer.byteLength(reply.body)} "-" "${agent}" rt=0.001`);
}

/** An nginx "combined" access log, one or two requests at a time, with one hostile line early on. */
export function accessLog(context: ProcessContext): () => ScriptStep {
  let count = 0;
  return () => {
    count += 1;
    const r = context.random;
    const lines: OutputLine[] = [];
    const requests = r.chance(0.3) ? 2 : 1;
    for (let i = 0; i < requests; i++) {
      const path = r.pick(paths);
      const roll = r.next();
      const status = path === '/favicon.ico' ? 404 : roll < 0.9 ? 200 : roll < 0.95 ? 304 : roll < 0.985 ? 404 : 502;
      const bytes = status === 304 ? 0 : status === 200 ? 300 + r.int(24_000) : 153 + r.int(400);
      const agent = count === 37 && i === 0 ? hostileAgent : path === '/healthz' ? 'kube-probe/1.24' : r.pick(agents);
      const client = `10.244.${1 + r.int(3)}.${2 + r.int(60)}`;
      const latency = (status === 502 ? 1 + r.next() * 4 : r.next() * 0.12).toFixed(3);
      lines.push(stdout(`${client} - - [${nginxTime(context.now())}] "GET ${path} HTTP/1.1" ${status} ${bytes} "-" "${agent}" rt=${latency}`));
    }
    return { afterMs: 400 + r.int(1600), lines };
  };
}

/** uvicorn-style access lines with coloured levels and status codes, as Python services print them. */
export function colouredAccessLog(context: ProcessContext, routes: readonly string[]): () => ScriptStep {
  return () => {
    const r = context.random;
    const route = r.pick(routes);
    const client = `10.244.${1 + r.int(3)}.${2 + r.int(60)}:${30_000 + r.int(30_000)}`;
    const ok = r.next() < 0.96;
    const status = ok ? '\u001b[32m200 OK\u001b[0m' : '\u001b[31m500 Internal Server Error\u001b[0m';
    return { afterMs: 700 + r.int(2300), lines: [stdout(`\u001b[32mINFO\u001b[0m:     ${client} - "GET ${route} HTTP/1.1" ${status}`)] };
  };
}

/** Structured JSON logs of a Go/Node service: mostly info, some debug, a rare warning. */
export function jsonServiceLog(context: ProcessContext, logger: string, events: readonly ((ctx: ProcessContext) => OutputLine)[]): () => ScriptStep {
  return () => {
    const r = context.random;
    const line = r.chance(0.04)
      ? jsonLine(context, 'warn', logger, 'slow request', { route: r.pick(['/api/cart', '/api/items', '/api/orders']), latency_ms: 800 + r.int(2400) })
      : r.pick(events)(context);
    return { afterMs: 500 + r.int(2500), lines: [line] };
  };
}

/** A batch worker reporting progress through its queue. */
export function workerProgress(context: ProcessContext, worker: string): () => ScriptStep {
  let batch = 100 + context.random.int(50);
  return () => {
    const r = context.random;
    batch += 1;
    const processed = 10 + r.int(60);
    const retried = r.chance(0.15) ? 1 + r.int(3) : 0;
    const took = 80 + r.int(900);
    const level = retried > 0 ? 'WARNING' : 'INFO';
    const suffix = retried > 0 ? ` (${retried} retried after timeout)` : '';
    return { afterMs: 1500 + r.int(3000), lines: [stdout(`${pythonTime(context.now())} ${level} [${worker}] batch ${batch}: processed ${processed} orders in ${took}ms${suffix}`)] };
  };
}

/** Redis 7's start-up banner lines. */
export function redisStartup(context: ProcessContext): OutputLine[] {
  const date = new Date(context.now());
  const stamp = `${pad(date.getUTCDate())} ${months[date.getUTCMonth()] ?? 'Jan'} ${date.getUTCFullYear()} ${clockTime(date.getTime())}.${pad(date.getUTCMilliseconds(), 3)}`;
  return [
    stdout(`1:C ${stamp} # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`),
    stdout(`1:C ${stamp} # Redis version=7.2.4, bits=64, commit=00000000, modified=0, pid=1, just started`),
    stdout(`1:C ${stamp} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`),
    stdout(`1:M ${stamp} * monotonic clock: POSIX clock_gettime`),
    stdout(`1:M ${stamp} * Running mode=standalone, port=6379.`),
    stdout(`1:M ${stamp} * Server initialized`),
    stdout(`1:M ${stamp} * Ready to accept connections tcp`),
  ];
}

export function pythonTimestamp(context: ProcessContext): string {
  return pythonTime(context.now());
}

import { stderr, stdout, type ContainerProgram, type OutputLine, type ProcessContext } from '../containerRuntime.js';
import type { HttpReply, ServedPort } from '../../network/podNetwork.js';
import { accessLog, colouredAccessLog, servedRequestLine, jsonLine, jsonServiceLog, pythonTimestamp, redisStartup, workerProgress } from '../logGenerator.js';
import { exitsOnTerm } from './common.js';

/** What the shop microservices print: the demo's realistic application logs. */

function nginxNotice(context: ProcessContext, message: string): OutputLine {
  const stamp = new Date(context.now()).toISOString().replace('T', ' ').replace(/-/g, '/').replace(/\.\d{3}Z$/, '');
  return stderr(`${stamp} [notice] 1#1: ${message}`);
}

const storefront = (context: ProcessContext): ServedPort => ({
  port: 8080,
  http: (request): HttpReply => {
    const path = request.path.split('?')[0] ?? '/';
    if (path === '/healthz') return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'ok\n' };
    if (path !== '/' && path !== '/index.html') {
      return { status: 404, headers: { 'Content-Type': 'text/html', Server: 'nginx/1.25.4' }, body: '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.25.4</center>\r\n</body>\r\n</html>\r\n' };
    }
    const body = `<!doctype html>\n<html><head><title>podscope demo shop</title></head>\n<body><h1>podscope demo shop</h1><p>served by ${context.pod} (${context.podIP})</p></body></html>\n`;
    return { status: 200, headers: { 'Content-Type': 'text/html', Server: 'nginx/1.25.4' }, body };
  },
});

export const frontend: ContainerProgram = (context) => ({
  script: [
    {
      afterMs: 0,
      lines: () => [
        stdout('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration'),
        stdout('/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/'),
        stdout('/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh'),
        stdout('/docker-entrypoint.sh: Configuration complete; ready for start up'),
        nginxNotice(context, 'using the "epoll" event method'),
        nginxNotice(context, 'nginx/1.25.4'),
        nginxNotice(context, 'start worker processes'),
      ],
    },
  ],
  steady: accessLog(context),
  serves: [storefront(context)],
  accessLog: (request, reply) => servedRequestLine(context, request, reply),
  onTerm: { afterMs: 120, code: 0, lines: [stderr('signal 15 (SIGTERM) received, exiting')] },
});

const cartEvents: readonly ((context: ProcessContext) => OutputLine)[] = [
  (c) => jsonLine(c, 'info', 'cart', 'item added', { cart_id: `c-${c.random.hex(4)}`, sku: `SKU-${1000 + c.random.int(400)}`, qty: 1 + c.random.int(3), latency_ms: 2 + c.random.int(20) }),
  (c) => jsonLine(c, 'info', 'cart', 'cart fetched', { cart_id: `c-${c.random.hex(4)}`, items: c.random.int(7), latency_ms: 1 + c.random.int(9) }),
  (c) => jsonLine(c, 'info', 'cart', 'item removed', { cart_id: `c-${c.random.hex(4)}`, sku: `SKU-${1000 + c.random.int(400)}`, latency_ms: 2 + c.random.int(15) }),
  (c) => jsonLine(c, 'debug', 'redis', 'pool stats', { idle: 3 + c.random.int(5), active: c.random.int(4), hits: 1000 + c.random.int(9000) }),
];

export const cart: ContainerProgram = (context) => ({
  script: [
    {
      afterMs: 0,
      lines: () => [
        jsonLine(context, 'info', 'cart', 'cart-service v1.12.3 starting', { go_version: 'go1.22.2' }),
        jsonLine(context, 'info', 'redis', 'connected', { addr: 'localhost:6379' }),
        jsonLine(context, 'info', 'http', 'listening', { addr: ':8080' }),
      ],
    },
  ],
  steady: jsonServiceLog(context, 'cart', cartEvents),
  onTerm: { afterMs: 200, code: 0, lines: [stdout('{"level":"info","logger":"http","msg":"shutting down gracefully"}')] },
});

export const redisSidecar: ContainerProgram = (context) => ({
  script: [{ afterMs: 0, lines: () => redisStartup(context) }],
  steady: () => ({ afterMs: 300_000, lines: () => [stdout(`1:M ${new Date(context.now()).toUTCString().slice(5, 25)}.000 * 100 changes in 300 seconds. Saving...`)] }),
  onTerm: {
    afterMs: 80,
    code: 0,
    lines: [stdout('1:signal-handler Received SIGTERM scheduling shutdown...'), stdout('1:M * Redis is now ready to exit, bye bye...')],
  },
});

/** Starts, cannot reach its database, dies with a Node.js stack trace: the shop's crash loop. */
export const checkout: ContainerProgram = (context) => ({
  script: [
    {
      afterMs: 0,
      lines: () => [
        jsonLine(context, 'info', 'checkout', 'checkout-service v2.7.0 starting', { node_env: 'production' }),
        jsonLine(context, 'info', 'db', 'connecting to postgres', { host: 'orders-db.shop.svc.cluster.local', port: 5432 }),
      ],
    },
    { afterMs: 1200 + context.random.int(1500), lines: () => [jsonLine(context, 'warn', 'db', 'connection attempt failed, retrying', { attempt: 1, delay_ms: 1000 })] },
    {
      afterMs: 1000,
      lines: [
        stderr('/app/node_modules/pg-pool/index.js:45'),
        stderr('    Error.captureStackTrace(err)'),
        stderr('          ^'),
        stderr(''),
        stderr('Error: connect ECONNREFUSED 10.96.41.17:5432'),
        stderr('    at /app/node_modules/pg-pool/index.js:45:11'),
        stderr('    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)'),
        stderr('    at async connectWithRetry (/app/src/db.js:18:5)'),
        stderr('    at async main (/app/src/server.js:41:3) {'),
        stderr('  errno: -111,'),
        stderr("  code: 'ECONNREFUSED',"),
        stderr("  syscall: 'connect',"),
        stderr("  address: '10.96.41.17',"),
        stderr('  port: 5432'),
        stderr('}'),
        stderr(''),
        stderr('Node.js v20.11.1'),
      ],
    },
  ],
  exit: { afterMs: 30, code: 1 },
  onTerm: exitsOnTerm(50, 143),
});

export const payments: ContainerProgram = (context) => ({
  script: [{ afterMs: 0, lines: () => [jsonLine(context, 'info', 'payments', 'payments-service v2.4.0 listening', { addr: ':8443' })] }],
  onTerm: exitsOnTerm(),
});

/** Serves, but its model never loads: the readiness probe keeps getting 503. */
export const recommendation: ContainerProgram = (context) => ({
  script: [
    {
      afterMs: 0,
      lines: [
        stdout('\u001b[32mINFO\u001b[0m:     Started server process [1]'),
        stdout('\u001b[32mINFO\u001b[0m:     Waiting for application startup.'),
      ],
    },
    {
      afterMs: 600,
      lines: [
        stderr("\u001b[33mWARNING\u001b[0m:  model 'recs-v7' not found in /models; serving 503 on /ready until it is loaded"),
        stdout('\u001b[32mINFO\u001b[0m:     Application startup complete.'),
        stdout('\u001b[32mINFO\u001b[0m:     Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)'),
      ],
    },
  ],
  steady: () => {
    const client = `${context.podIP}:${30_000 + context.random.int(30_000)}`;
    const lines = [stdout(`\u001b[32mINFO\u001b[0m:     ${client} - "GET /ready HTTP/1.1" \u001b[31m503 Service Unavailable\u001b[0m`)];
    if (context.random.chance(0.2)) lines.push(stderr("\u001b[33mWARNING\u001b[0m:  model 'recs-v7' still not available, retrying download in 30s"));
    return { afterMs: 10_000, lines };
  },
  onTerm: { afterMs: 300, code: 0, lines: [stdout('\u001b[32mINFO\u001b[0m:     Shutting down'), stdout('\u001b[32mINFO\u001b[0m:     Finished server process [1]')] },
  readiness: () => ({ ok: false, output: 'HTTP probe failed with statuscode: 503' }),
});

export const catalogMigrate: ContainerProgram = () => ({
  script: [
    {
      afterMs: 0,
      lines: [
        stderr('INFO  [alembic.runtime.migration] Context impl PostgresqlImpl.'),
        stderr('INFO  [alembic.runtime.migration] Will assume transactional DDL.'),
      ],
    },
    { afterMs: 500, lines: [stderr('INFO  [alembic.runtime.migration] Running upgrade 3f2a1c9d8e7b -> 9b7d4e2a1f0c, add product ratings')] },
  ],
  exit: { afterMs: 300, code: 0 },
  onTerm: exitsOnTerm(),
});

export const catalog: ContainerProgram = (context) => ({
  script: [
    {
      afterMs: 0,
      lines: [
        stdout('\u001b[32mINFO\u001b[0m:     Started server process [1]'),
        stdout('\u001b[32mINFO\u001b[0m:     Application startup complete.'),
        stdout('\u001b[32mINFO\u001b[0m:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)'),
      ],
    },
  ],
  steady: colouredAccessLog(context, ['/products', '/products?page=2', '/products/42', '/products/1017/reviews', '/categories', '/healthz']),
  onTerm: { afterMs: 250, code: 0, lines: [stdout('\u001b[32mINFO\u001b[0m:     Shutting down')] },
});

export const ordersWorker: ContainerProgram = (context) => ({
  script: [{ afterMs: 0, lines: () => [stdout(`${pythonTimestamp(context)} INFO [orders-worker] connected to amqp://rabbitmq.shop.svc:5672, consuming queue "orders"`)] }],
  steady: workerProgress(context, 'orders-worker'),
  onTerm: { afterMs: 400, code: 0, lines: [stdout('warm shutdown (MainProcess)')] },
});

export const dbMigrateJob: ContainerProgram = (context) => {
  const migrations = ['shop.0001_initial', 'shop.0002_product_sku_index', 'shop.0003_orders_status', 'shop.0004_cart_ttl', 'shop.0005_ratings'];
  return {
    script: [
      { afterMs: 0, lines: [stdout('Operations to perform:'), stdout('  Apply all migrations: shop'), stdout('Running migrations:')] },
      ...migrations.map((name) => ({ afterMs: 200 + context.random.int(500), lines: [stdout(`  Applying ${name}... OK`)] })),
    ],
    exit: { afterMs: 50, code: 0 },
    onTerm: exitsOnTerm(),
  };
};

export const nightlyReportJob: ContainerProgram = (context) => ({
  script: [
    { afterMs: 0, lines: () => [stdout(`${pythonTimestamp(context)} INFO generating sales report for the previous day`)] },
    {
      afterMs: 800 + context.random.int(800),
      lines: [
        stderr('Traceback (most recent call last):'),
        stderr('  File "/app/report.py", line 88, in <module>'),
        stderr('    main()'),
        stderr('  File "/app/report.py", line 61, in main'),
        stderr('    conn = psycopg2.connect(dsn)'),
        stderr('  File "/usr/local/lib/python3.12/site-packages/psycopg2/__init__.py", line 122, in connect'),
        stderr('    conn = _connect(dsn, connection_factory=connection_factory, **kwasync)'),
        stderr('psycopg2.OperationalError: connection to server at "orders-db.shop.svc.cluster.local" (10.96.41.17), port 5432 failed: FATAL:  password authentication failed for user "report"'),
      ],
    },
  ],
  exit: { afterMs: 20, code: 1 },
  onTerm: exitsOnTerm(),
});

import type { JsonObject } from '../../apiTypes.js';
import type { JobWorkload } from '../jobController.js';
import { cart, catalog, catalogMigrate, checkout, dbMigrateJob, frontend, nightlyReportJob, ordersWorker, payments, recommendation, redisSidecar } from '../programs/shopPrograms.js';
import type { ReplicaSetWorkload } from '../replicaSetController.js';

/**
 * The `shop` namespace: a small microservice app with the usual trouble — a crash loop, an image that
 * cannot be pulled, a service that never becomes ready, a failed nightly job.
 */
const registry = 'registry.example.com/shop';

/** A tag that was never pushed: pulls fail with "not found". */
export const missingShopImages = [`${registry}/payments:2.4.0-rc1`];

function resources(cpu: string, memory: string, memoryLimit = memory, cpuLimit?: string): JsonObject {
  const limits: JsonObject = { memory: memoryLimit };
  if (cpuLimit !== undefined) limits['cpu'] = cpuLimit;
  return { requests: { cpu, memory }, limits };
}

function httpProbe(path: string, port: number, periodSeconds = 10, initialDelaySeconds = 0): JsonObject {
  return { httpGet: { path, port }, initialDelaySeconds, periodSeconds };
}

function deployment(name: string, replicas: number, spec: JsonObject, programs: ReplicaSetWorkload['template']['programs']): ReplicaSetWorkload {
  return {
    kind: 'ReplicaSet',
    namespace: 'shop',
    deployment: name,
    replicas,
    template: { labels: { app: name, 'app.kubernetes.io/part-of': 'shop' }, spec: { terminationGracePeriodSeconds: 30, ...spec }, programs },
  };
}

export const shopDeployments: readonly ReplicaSetWorkload[] = [
  deployment(
    'frontend',
    3,
    {
      containers: [
        {
          name: 'frontend',
          image: `${registry}/frontend:1.8.2`,
          ports: [{ name: 'http', containerPort: 8080 }],
          resources: resources('100m', '64Mi', '128Mi'),
          readinessProbe: httpProbe('/healthz', 8080),
        },
      ],
    },
    { frontend },
  ),
  deployment(
    'cart',
    2,
    {
      initContainers: [
        { name: 'redis', image: 'redis:7.2.4-alpine', restartPolicy: 'Always', ports: [{ name: 'redis', containerPort: 6379 }], resources: resources('50m', '32Mi', '64Mi') },
      ],
      containers: [
        {
          name: 'cart',
          image: `${registry}/cart:1.12.3`,
          env: [{ name: 'REDIS_ADDR', value: 'localhost:6379' }],
          ports: [{ name: 'http', containerPort: 8080 }],
          resources: resources('100m', '64Mi', '128Mi'),
        },
      ],
    },
    { redis: redisSidecar, cart },
  ),
  deployment(
    'checkout',
    1,
    {
      containers: [
        {
          name: 'checkout',
          image: `${registry}/checkout:2.7.0`,
          env: [
            { name: 'DATABASE_URL', value: 'postgres://checkout@orders-db.shop.svc.cluster.local:5432/orders' },
            { name: 'DATABASE_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db', key: 'password' } } },
          ],
          ports: [{ name: 'http', containerPort: 8080 }],
          resources: resources('250m', '256Mi', '256Mi', '250m'),
        },
      ],
    },
    { checkout },
  ),
  deployment(
    'payments',
    1,
    { containers: [{ name: 'payments', image: missingShopImages[0], ports: [{ name: 'https', containerPort: 8443 }], resources: resources('100m', '96Mi', '192Mi') }] },
    { payments },
  ),
  deployment(
    'recommendation',
    1,
    {
      containers: [
        {
          name: 'recommendation',
          image: `${registry}/recommendation:0.9.4`,
          ports: [{ name: 'http', containerPort: 8080 }],
          resources: resources('200m', '512Mi', '1Gi'),
          readinessProbe: httpProbe('/ready', 8080, 10),
        },
      ],
    },
    { recommendation },
  ),
  deployment(
    'catalog',
    2,
    {
      initContainers: [{ name: 'migrate', image: `${registry}/catalog:3.2.0`, command: ['alembic', 'upgrade', 'head'] }],
      containers: [
        {
          name: 'catalog',
          image: `${registry}/catalog:3.2.0`,
          ports: [{ name: 'http', containerPort: 8000 }],
          resources: resources('100m', '128Mi', '256Mi'),
          readinessProbe: httpProbe('/healthz', 8000),
        },
      ],
    },
    { migrate: catalogMigrate, catalog },
  ),
  deployment('orders-worker', 1, { containers: [{ name: 'worker', image: `${registry}/orders-worker:1.4.1`, resources: resources('50m', '96Mi', '192Mi') }] }, { worker: ordersWorker }),
];

/** The completed migration Job and last night's failed report (a CronJob's Job, named after its schedule). */
export function shopJobs(now: number): JobWorkload[] {
  const lastRun = new Date(now);
  lastRun.setUTCHours(2, 0, 0, 0);
  if (lastRun.getTime() > now) lastRun.setUTCDate(lastRun.getUTCDate() - 1);
  return [
    {
      namespace: 'shop',
      name: 'db-migrate',
      backoffLimit: 4,
      template: {
        labels: { app: 'db-migrate' },
        spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: `${registry}/db-migrate:2.7.0`, command: ['python', 'manage.py', 'migrate'] }] },
        programs: { migrate: dbMigrateJob },
      },
    },
    {
      namespace: 'shop',
      name: `nightly-report-${Math.floor(lastRun.getTime() / 60_000)}`,
      backoffLimit: 1,
      cronJob: { name: 'nightly-report', schedule: '0 2 * * *' },
      template: {
        labels: { app: 'nightly-report' },
        spec: { restartPolicy: 'Never', containers: [{ name: 'report', image: `${registry}/reports:1.0.3`, command: ['python', '/app/report.py'] }] },
        programs: { report: nightlyReportJob },
      },
    },
  ];
}

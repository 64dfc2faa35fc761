import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { BAD_UTF8_BYTES, hostile, withBadUtf8 } from './hostile.js';

/**
 * A small Kubernetes API server on 127.0.0.1 whose every field is hostile (see hostile.ts): pods,
 * events, namespaces, watch streams (split inside characters and invalid UTF-8), logs, and 4xx/5xx
 * Status bodies with hostile messages. Just enough of the API for podscope's explorer and its
 * tree/events/logs commands; bounded in requests, and close() ends every connection.
 */

export const NAMESPACE = 'lab';
/** A plain name, so the CLI can be asked for it; everything else about it is hostile. */
export const VICTIM = 'victim';
export const HOSTILE_POD = hostile('h-pod');
export const HOSTILE_NAMESPACE = hostile('h-ns');
/** Log lines of every container: hostile text, then a plain line to wait for. */
export const LOG_BODY = `${hostile('log line one ')}\n\x1b[31mred\x1b[0m ${hostile('log line two ')}\nplain last line\n`;

const MAX_REQUESTS = 2_000;
const UMLAUT = Buffer.from('ü');
/** Arrives only by the pods watch, its name and fields cut between chunks inside characters. */
export const WATCHED = 'w-ünï-watched';
const TIME = '2026-11-23T09:13:00Z';
/** The pods' owner; the tree reads it for its own owner, a hostile Deployment. */
export const OWNER_RS = hostile('h-rs');

export interface HostileCluster {
  url: string;
  kubeconfigPath: string;
  /** The raw log bytes each log request is answered with (no timestamps asked). */
  logBytes: Buffer;
  requests(): number;
  close(): Promise<void>;
}

function status(code: number, reason: string, what: string): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: hostile(`${what} `), reason, code };
}

function containerStatus(name: string, state: Record<string, unknown>, restarts: number): Record<string, unknown> {
  return {
    name,
    ready: false,
    restartCount: restarts,
    image: hostile('registry.example/image:1 '),
    imageID: hostile('docker-pullable://registry.example/image@sha256:'),
    started: false,
    state,
    lastState: { terminated: { exitCode: 137, reason: hostile('OOMKilled'), message: hostile('last words '), startedAt: TIME, finishedAt: TIME } },
  };
}

/** A pod whose every field is hostile (but its name and namespace, as given). */
export function hostilePod(name: string, namespace: string): Record<string, unknown> {
  const waiting = { waiting: { reason: hostile('CrashLoopBackOff'), message: hostile('back-off restarting ') } };
  const terminated = { terminated: { exitCode: 1, reason: hostile('Error'), message: hostile('terminated message '), startedAt: TIME, finishedAt: TIME } };
  return {
    metadata: {
      name,
      namespace,
      uid: `uid-${name.length}-${namespace.length}`,
      resourceVersion: '10',
      creationTimestamp: TIME,
      labels: { app: hostile('web'), team: hostile('payments') },
      annotations: { note: hostile('annotation value '), 'kubectl.kubernetes.io/default-container': 'app' },
      // One controller for every pod (the tree's owner chain; the workload log merges them under their hostile names).
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: OWNER_RS, uid: 'rs-uid', controller: true }],
    },
    spec: {
      nodeName: hostile('node-1'),
      serviceAccountName: hostile('h-sa'),
      priority: 1000,
      priorityClassName: hostile('h-prio'),
      nodeSelector: { [hostile('h-sel-key')]: hostile('h-sel-value') },
      affinity: {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: hostile('h-aff-key'), operator: 'In', values: [hostile('h-aff-value')] }] }] } },
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: hostile('h-anti') } }, topologyKey: hostile('h-topology') }] },
      },
      tolerations: [{ key: hostile('h-taint'), operator: 'Equal', value: hostile('h-taint-value'), effect: hostile('NoSchedule'), tolerationSeconds: 30 }],
      securityContext: { runAsUser: 1000, fsGroup: 2000, seccompProfile: { type: hostile('h-seccomp') }, sysctls: [{ name: hostile('h-sysctl'), value: hostile('h-sysctl-value') }] },
      volumes: [{ name: hostile('h-volume'), secret: { secretName: hostile('h-vol-secret') } }],
      initContainers: [{ name: hostile('init'), image: hostile('busybox:1 ') }],
      containers: [
        {
          name: 'app',
          image: hostile('registry.example/app:1 '),
          resources: { requests: { [hostile('h-res')]: hostile('h-qty') }, limits: { memory: hostile('h-limit') } },
          ports: [{ name: hostile('h-port'), containerPort: 8080, protocol: hostile('TCP') }],
          readinessProbe: { exec: { command: ['sh', '-c', hostile('h-probe-cmd ')] }, periodSeconds: 5 },
          livenessProbe: { httpGet: { path: hostile('/h-probe-path'), port: hostile('h-probe-port'), host: hostile('h-probe-host') } },
          volumeMounts: [{ name: hostile('h-volume'), mountPath: hostile('/h-mount'), subPath: hostile('h-subpath'), readOnly: true }],
          env: [
            { name: hostile('H_LITERAL'), value: hostile('h-literal-value ') },
            { name: 'H_SECRET', value: 'SECRET-VALUE-NEVER-SHOWN', valueFrom: { secretKeyRef: { name: hostile('h-secret'), key: hostile('h-secret-key') } } },
            { name: 'H_CONFIG', valueFrom: { configMapKeyRef: { name: hostile('h-configmap'), key: hostile('h-config-key') } } },
            { name: 'H_FIELD', valueFrom: { fieldRef: { fieldPath: hostile('h-field') } } },
          ],
          envFrom: [{ prefix: hostile('h-prefix'), secretRef: { name: hostile('h-envfrom') } }],
          securityContext: { privileged: true, capabilities: { add: [hostile('h-cap')] }, seccompProfile: { type: 'Localhost', localhostProfile: hostile('h-profile') } },
        },
        { name: hostile('side'), image: hostile('registry.example/side:1 ') },
      ],
    },
    status: {
      phase: 'Running',
      reason: hostile('Evicted'),
      message: hostile('pod status message '),
      hostIP: hostile('10.0.0.1'),
      podIP: hostile('10.88.0.11'),
      podIPs: [{ ip: hostile('10.88.0.11') }],
      qosClass: hostile('Burstable'),
      startTime: TIME,
      conditions: [{ type: 'Ready', status: 'False', reason: hostile('ContainersNotReady'), message: hostile('condition message '), lastTransitionTime: TIME }],
      initContainerStatuses: [containerStatus(hostile('init'), { terminated: { exitCode: 0, reason: 'Completed', startedAt: TIME, finishedAt: TIME } }, 0)],
      containerStatuses: [containerStatus('app', waiting, 5), containerStatus(hostile('side'), terminated, 2)],
    },
  };
}

function event(name: string, namespace: string, about: string, type: string, kind = 'Pod'): Record<string, unknown> {
  return {
    metadata: { name, namespace, uid: `event-${name}`, resourceVersion: '11', creationTimestamp: TIME },
    involvedObject: { kind, name: about, namespace, fieldPath: hostile('spec.containers{app}') },
    reason: hostile('BackOff'),
    message: hostile('Back-off restarting failed container '),
    type,
    count: 7,
    source: { component: hostile('kubelet'), host: hostile('node-1') },
    reportingComponent: hostile('kubelet'),
    firstTimestamp: TIME,
    lastTimestamp: TIME,
  };
}

function unhealthy(name: string, about: string): Record<string, unknown> {
  return {
    ...event(name, NAMESPACE, about, 'Warning'),
    involvedObject: { kind: 'Pod', name: about, namespace: NAMESPACE, fieldPath: 'spec.containers{app}' },
    reason: 'Unhealthy',
    message: `Readiness probe failed: ${hostile('h-probe-said ')}`,
  };
}

/** What a GET of the pods' ReplicaSet answers: its owner, every field hostile. */
const REPLICA_SET = {
  kind: 'ReplicaSet',
  apiVersion: 'apps/v1',
  metadata: { name: OWNER_RS, namespace: NAMESPACE, uid: 'rs-uid', ownerReferences: [{ apiVersion: 'apps/v1', kind: hostile('Deployment'), name: hostile('h-deploy'), uid: 'd-uid', controller: true }] },
};

const PODS = [hostilePod(VICTIM, NAMESPACE), hostilePod(HOSTILE_POD, NAMESPACE)];
const OTHER_PODS = [hostilePod(hostile('h-other'), HOSTILE_NAMESPACE)];
const METRICS = {
  kind: 'PodMetricsList',
  apiVersion: 'metrics.k8s.io/v1beta1',
  metadata: {},
  items: [
    {
      metadata: { name: VICTIM, namespace: NAMESPACE },
      timestamp: TIME,
      window: '15s',
      containers: [
        { name: 'app', usage: { cpu: '7000000n', memory: '12288Ki' } },
        { name: hostile('side'), usage: { cpu: '1m', memory: '1Mi' } },
      ],
    },
    { metadata: { name: HOSTILE_POD, namespace: NAMESPACE }, timestamp: TIME, window: '15s', containers: [{ name: 'app', usage: { cpu: hostile('5m'), memory: '1Mi' } }] },
  ],
};

const EVENTS = [unhealthy('e0', VICTIM), event('e1', NAMESPACE, VICTIM, 'Warning'), event('e2', NAMESPACE, VICTIM, hostile('Normal')), event('e3', NAMESPACE, HOSTILE_POD, 'Warning'), event('e4', NAMESPACE, hostile('h-thing'), 'Warning', hostile('Thing'))];
const NAMESPACES = [NAMESPACE, HOSTILE_NAMESPACE, hostile('h-ns-2')].map((name) => ({ metadata: { name, uid: `ns-${name.length}`, resourceVersion: '3' }, status: { phase: 'Active' } }));

function list(kind: string, items: readonly unknown[]): Record<string, unknown> {
  return { kind, apiVersion: 'v1', metadata: { resourceVersion: '12' }, items };
}

/** Like JSON.stringify, but every non-ASCII character escaped too, so the kubeconfig is plain YAML. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface HostileClusterOptions {
  /** More pods in the namespace `lab`, listed and watched with the others. */
  extraPods?: readonly Record<string, unknown>[];
}

export async function startHostileCluster(dir: string, options: HostileClusterOptions = {}): Promise<HostileCluster> {
  const pods = [...PODS, ...(options.extraPods ?? [])];
  const sockets = new Set<Socket>();
  const open = new Set<ServerResponse>();
  let count = 0;
  const logBytes = withBadUtf8(LOG_BODY);

  const json = (res: ServerResponse, code: number, body: unknown): void => {
    const bytes = withBadUtf8(JSON.stringify(body));
    res.writeHead(code, { 'content-type': 'application/json', 'content-length': bytes.length });
    res.end(bytes);
  };

  /**
   * A watch: `added` as ADDED, then the objects again as MODIFIED, in pieces cut inside UTF-8
   * characters and inside the invalid bytes, then silence.
   */
  const watch = (res: ServerResponse, objects: readonly unknown[], added: readonly unknown[] = []): void => {
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    open.add(res);
    res.on('close', () => open.delete(res));
    const events = [...added.map((object) => ({ type: 'ADDED', object })), ...objects.map((object) => ({ type: 'MODIFIED', object }))];
    const lines = Buffer.concat(events.map((event) => withBadUtf8(`${JSON.stringify(event)}\n`)));
    const cuts: number[] = [];
    for (let at = lines.indexOf(UMLAUT); at >= 0 && cuts.length < 50; at = lines.indexOf(UMLAUT, at + 1)) cuts.push(at + 1);
    for (let at = lines.indexOf(BAD_UTF8_BYTES); at >= 0 && cuts.length < 100; at = lines.indexOf(BAD_UTF8_BYTES, at + 1)) cuts.push(at + 1, at + 3);
    cuts.sort((a, b) => a - b);
    let from = 0;
    cuts.forEach((at, i) => {
      const piece = lines.subarray(from, at);
      from = at;
      setTimeout(() => res.writableEnded || res.write(piece), 5 * (i + 1));
    });
    setTimeout(() => res.writableEnded || res.write(lines.subarray(from)), 5 * (cuts.length + 1));

  };

  const logs = (res: ServerResponse, query: URLSearchParams): void => {
    const container = query.get('container') ?? 'app';
    if (container !== 'app') return json(res, 400, status(400, 'BadRequest', `container ${container} is waiting to start:`));
    const timestamps = query.get('timestamps') === 'true';
    const body = timestamps
      ? Buffer.concat(
          LOG_BODY.split('\n')
            .filter((line) => line !== '')
            .map((line, i) => withBadUtf8(`2026-11-23T09:13:0${i}.000000000Z ${line}\n`)),
        )
      : logBytes;
    res.writeHead(200, { 'content-type': 'text/plain' });
    if (query.get('follow') === 'true') {
      // Followed: the lines, then an open stream (first request only; a resumed one has seen them).
      open.add(res);
      res.on('close', () => open.delete(res));
      res.write(query.has('sinceTime') ? Buffer.alloc(0) : body);
      return;
    }
    res.end(body);
  };

  const route = (req: IncomingMessage, res: ServerResponse): void => {
    if (++count > MAX_REQUESTS) return json(res, 429, status(429, 'TooManyRequests', 'slow down'));
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = decodeURIComponent(url.pathname);
    const watching = url.searchParams.get('watch') === 'true';
    // Matched before decoding: a hostile pod name holds slashes (an OSC 8 link's URL).
    const namespaced = /^\/api\/v1\/namespaces\/([^/]+)\/(pods|events)(?:\/([^/]+)(\/log)?)?$/.exec(url.pathname)?.map((part) => (part === undefined ? part : decodeURIComponent(part))) ?? null;
    if (path === '/version') return json(res, 200, { major: '1', minor: '24', gitVersion: 'v1.24.1', platform: hostile('linux/amd64') });
    if (req.method === 'POST' && path.endsWith('/selfsubjectaccessreviews')) return json(res, 403, status(403, 'Forbidden', 'access reviews are forbidden:'));
    if (path === '/api/v1/namespaces') return watching ? watch(res, NAMESPACES) : json(res, 200, list('NamespaceList', NAMESPACES));
    if (path === '/api/v1/pods') return watching ? watch(res, [...pods, ...OTHER_PODS]) : json(res, 200, list('PodList', [...pods, ...OTHER_PODS]));
    if (path === '/api/v1/events') return json(res, 500, status(500, 'InternalError', 'the events of every namespace are broken:'));
    // The name came back through JSON decoding (the invalid bytes are U+FFFD now): match its start.
    if (path.startsWith(`/apis/apps/v1/namespaces/${NAMESPACE}/replicasets/h-rs`)) return json(res, 200, REPLICA_SET);
    // Usage: the namespace's metrics name hostile containers (and one hostile quantity, which is no number);
    // across namespaces and in any other namespace (what all namespaces poll for the rows on screen), a hostile 403.
    if (path === `/apis/metrics.k8s.io/v1beta1/namespaces/${NAMESPACE}/pods`) return json(res, 200, METRICS);
    if (path === '/apis/metrics.k8s.io/v1beta1/pods' || /^\/apis\/metrics\.k8s\.io\/v1beta1\/namespaces\/.+\/pods$/s.test(path)) {
      return json(res, 403, status(403, 'Forbidden', 'pods.metrics.k8s.io is forbidden:'));
    }
    if (namespaced !== null) {
      const [, namespace = '', resource = '', name, log] = namespaced;
      if (namespace !== NAMESPACE) return json(res, 503, status(503, 'ServiceUnavailable', `namespace ${namespace} is unavailable:`));
      if (resource === 'events') return watching ? watch(res, EVENTS) : json(res, 200, list('EventList', EVENTS));
      if (name === undefined) return watching ? watch(res, pods, [hostilePod(WATCHED, NAMESPACE)]) : json(res, 200, list('PodList', pods));
      // A client asks for a hostile name as it decoded it: the invalid bytes became U+FFFD.
      const found = pods.find((p) => withBadUtf8((p['metadata'] as { name: string }).name).toString('utf8') === name);
      if (found === undefined) return json(res, 404, status(404, 'NotFound', `pods "${name}" not found:`));
      return log === undefined ? json(res, 200, found) : logs(res, url.searchParams);
    }
    return json(res, 404, status(404, 'NotFound', `the server could not find ${path}:`));
  };

  const server = createServer(route);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const context = hostile('ctx');
  const user = hostile('user');
  const cluster = hostile('cluster');
  const kubeconfigPath = join(dir, 'hostile.kubeconfig');
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': context,
    clusters: [{ name: cluster, cluster: { server: url } }],
    users: [{ name: user, user: { token: 'hostile-token' } }],
    contexts: [{ name: context, context: { cluster, user, namespace: NAMESPACE } }],
  };
  // The marker stays text here: a kubeconfig with invalid UTF-8 is a broken file, not this test.
  writeFileSync(kubeconfigPath, asciiJson(kubeconfig).replaceAll('@@BAD_UTF8@@', '\\ufffd'), { mode: 0o600 });

  return {
    url,
    kubeconfigPath,
    logBytes,
    requests: () => count,
    close: async () => {
      for (const res of open) res.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

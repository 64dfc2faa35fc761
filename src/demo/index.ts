import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiServer, type ApiServer } from './apiServer.js';
import { allowEverything, viewOnly, type DemoUser } from './authorization.js';
import { realClock, type Clock } from './clock.js';
import { nodeRoutes } from './routes/nodeRoutes.js';
import { startControlPlane, type ControlPlane, type PodUsageView } from './controlPlane/index.js';
import { readonlyContextName, writeDemoKubeconfig } from './kubeconfig.js';
import { ObjectStore } from './objectStore.js';
import type { Route } from './router.js';
import { streamRoutes } from './routes/streamRoutes.js';
import { ContainerProcesses } from './streams/containerProcesses.js';
import { logRoutes } from './routes/logRoutes.js';
import { PodNetwork } from './network/podNetwork.js';
import { portForwardRoutes } from './routes/portForwardRoutes.js';
import { metricsRoutes, nodeProxyRoutes } from './routes/metricsRoutes.js';
import { metricsApiGroup } from './metrics/metricsApi.js';
import { workloadRoutes } from './routes/workloadRoutes.js';
import { seededRandom } from './controlPlane/random.js';
import { Churn } from './scale/churn.js';
import { seedScaleFleet, type ScaleFleet } from './scale/fleet.js';
import { fleetUsage } from './scale/fleetUsage.js';

export interface DemoClusterOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Seed of the simulated cluster (names, IPs, timings, logs); the same seed gives the same cluster. Default 1. */
  seed?: number;
  /** Seed the demo workloads (default true); false leaves only the system namespaces, with the control plane running. */
  scenario?: boolean;
  /** Run no simulated control plane at all: the store only changes through the API (default false). */
  withoutControlPlane?: boolean;
  /** How much faster than real time the simulated cluster runs (default 1). */
  speed?: number;
  /** Namespace of the kubeconfig's context (default "default"). */
  namespace?: string;
  /** Where to write the kubeconfig; default a fresh temp dir that close() removes. */
  kubeconfigPath?: string;
  /** Overrides `realClock(speed)`, e.g. a manual clock in tests. */
  clock?: Clock;
  /** More bearer tokens, e.g. a restricted user for access tests. */
  extraUsers?: readonly DemoUser[];
  /** Endpoints added to the API server's built-in ones. */
  routes?: readonly Route[];
  /** Watch history the store keeps (default 1000 changes). */
  historyLimit?: number;
  /** BOOKMARK interval of watches (default 60 s). */
  bookmarkIntervalMs?: number;
  /** Lines per second every running container writes, overriding its own pace (a log firehose for benchmarks). */
  logRate?: number;
  /** Only these pods (`namespace/name`) write at `logRate`, so one container's firehose is not starved by all the others'. */
  logRatePods?: readonly string[];
  /** The scale scenario: this many more pods, in namespaces of their own (see src/demo/scale). */
  scalePods?: number;
  /** Pod status updates per second (of the cluster's clock) spread over the scale pods. */
  churn?: number;
  /**
   * Serve metrics.k8s.io as metrics-server would (default true). Off, clients find no such group
   * and fall back to the kubelets' stats/summary through the node proxy, which is always served.
   */
  metricsApi?: boolean;
  /**
   * Stop the simulation this many milliseconds of the cluster's clock after start (0: right after
   * seeding): the control plane freezes (see ControlPlane.freeze) and any churn stops, so no object
   * changes from then on; the API keeps serving, watches stay open and get their bookmarks.
   */
  stillAfterMs?: number;
}

export interface DemoScale {
  readonly fleet: ScaleFleet;
  /** Undefined without `churn`. */
  readonly churn: Churn | undefined;
}

export interface DemoCluster {
  /** https://127.0.0.1:<port> */
  readonly url: string;
  /** PEM certificate of the server (self-signed), which the kubeconfig trusts. */
  readonly certificateAuthority: string | undefined;
  /** The admin user's bearer token (may do everything). */
  readonly token: string;
  /** The viewer's token: get, list and watch only (the kubeconfig's `<context>-readonly` context). */
  readonly readonlyToken: string;
  /** The kubeconfig's context for the viewer. */
  readonly readonlyContextName: string;
  readonly kubeconfigPath: string;
  readonly contextName: string;
  readonly namespace: string;
  readonly store: ObjectStore;
  readonly server: ApiServer;
  readonly clock: Clock;
  /** The simulated scheduler/kubelets/controllers; undefined with `withoutControlPlane`. */
  readonly controlPlane: ControlPlane | undefined;
  /** The scale scenario's pods and churn; undefined without `scalePods`. */
  readonly scale: DemoScale | undefined;
  /** With `stillAfterMs`: settles when the simulation has stopped; undefined without. */
  readonly still: Promise<void> | undefined;
  /** Stops serving (connections drop, watches end); state and simulation keep going. */
  stop(): Promise<void>;
  /** Serves again on the same port after stop(). */
  restart(): Promise<void>;
  /** Stops everything and removes the temp kubeconfig directory. */
  close(): Promise<void>;
}

const systemNamespaces = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

function seedNamespace(store: ObjectStore, name: string): void {
  if (store.get({ resource: 'namespaces', name }) !== undefined) return;
  store.create('namespaces', {
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  });
}

/**
 * Starts the embedded cluster: object store, the simulated control plane with its seeded scenario,
 * the API server on 127.0.0.1 (HTTPS, self-signed) and a kubeconfig for it.
 */
export async function startDemoCluster(options: DemoClusterOptions = {}): Promise<DemoCluster> {
  const clock = options.clock ?? realClock(options.speed ?? 1);
  const now = (): Date => new Date(clock.now());
  // Under churn the watch history must cover more than a burst: 30 seconds of updates.
  const historyLimit = options.historyLimit ?? Math.max(1000, Math.ceil((options.churn ?? 0) * 30));
  const store = new ObjectStore({ now, historyLimit });
  const namespace = options.namespace ?? 'default';
  for (const name of new Set([...systemNamespaces, namespace])) seedNamespace(store, name);

  // The containers' listening sockets, which port-forward reaches; closed with the cluster.
  const network = new PodNetwork();
  const controlPlane = options.withoutControlPlane
    ? undefined
    : startControlPlane(store, { seed: options.seed ?? 1, clock, scenario: options.scenario ?? true, logRate: options.logRate, ...(options.logRatePods !== undefined ? { logRatePods: options.logRatePods } : {}), network });

  // The real local processes behind exec and attach; they never outlive the cluster (see close()).
  const processes = new ContainerProcesses({
    store,
    exitContainer: (podNamespace, pod, container, exitCode) => controlPlane?.exitContainer(podNamespace, pod, container, exitCode) ?? false,
  });

  // Seeded after every listener subscribed, and without telling them: they have nothing to do with
  // these pods (no kubelet runs their nodes), and 20,000 copies for each would be the start-up.
  let scale: DemoScale | undefined;
  if (options.scalePods !== undefined && options.scalePods > 0) {
    const random = seededRandom(options.seed ?? 1).fork('scale');
    const fleet = seedScaleFleet(store, { pods: options.scalePods, random: random.fork('fleet'), now: clock.now(), workloads: controlPlane?.workloads });
    const churn = options.churn !== undefined && options.churn > 0 ? new Churn(store, fleet.live, { rate: options.churn, clock, random: random.fork('churn') }) : undefined;
    churn?.start();
    scale = { fleet, churn };
  }

  // The fleet's usage at the instant the simulation stopped, from then on (see fleetUsage).
  let stillAt: number | undefined;
  const fleetPods = (): PodUsageView[] => (scale === undefined ? [] : fleetUsage(store, scale.fleet.namespaces, stillAt ?? clock.now()));

  const stillAfterMs = options.stillAfterMs;
  const still =
    stillAfterMs === undefined
      ? undefined
      : new Promise<void>((resolve) => {
          clock.setTimeout(() => {
            scale?.churn?.stop();
            controlPlane?.freeze();
            stillAt = clock.now();
            resolve();
          }, stillAfterMs);
        });

  const metrics = options.metricsApi ?? true;
  const token = randomBytes(24).toString('hex');
  const readonlyToken = randomBytes(24).toString('hex');
  const server = await startApiServer({
    store,
    users: [{ token, name: 'admin', rules: allowEverything }, { token: readonlyToken, name: 'viewer', rules: viewOnly }, ...(options.extraUsers ?? [])],
    port: options.port ?? 0,
    now,
    routes: [
      ...nodeRoutes(controlPlane?.nodes ?? [], now()),
      ...logRoutes(controlPlane?.logs),
      ...streamRoutes(processes),
      ...portForwardRoutes(network),
      ...workloadRoutes(controlPlane?.workloads),
      ...(controlPlane === undefined ? [] : nodeProxyRoutes(controlPlane)),
      ...(metrics && controlPlane !== undefined ? metricsRoutes(controlPlane, fleetPods) : []),
      ...(options.routes ?? []),
    ],
    apiGroups: metrics && controlPlane !== undefined ? [metricsApiGroup()] : [],
    bookmarkIntervalMs: options.bookmarkIntervalMs,
  });

  const contextName = 'podscope-demo';
  let tempDir: string | undefined;
  let kubeconfigPath = options.kubeconfigPath;
  try {
    if (kubeconfigPath === undefined) {
      tempDir = await mkdtemp(join(tmpdir(), 'podscope-demo-'));
      await chmod(tempDir, 0o700);
      kubeconfigPath = join(tempDir, 'kubeconfig');
    }
    await writeDemoKubeconfig(kubeconfigPath, { server: server.url, token, readonlyToken, namespace, contextName, certificateAuthority: server.certificateAuthority });
  } catch (error) {
    scale?.churn?.stop();
    controlPlane?.stop();
    await processes.close();
    await network.close();
    await server.close();
    if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
    throw error;
  }

  let closed = false;
  return {
    url: server.url,
    certificateAuthority: server.certificateAuthority,
    token,
    readonlyToken,
    readonlyContextName: readonlyContextName(contextName),
    kubeconfigPath,
    contextName,
    namespace,
    store,
    server,
    clock,
    controlPlane,
    scale,
    still,
    stop: () => server.stop(),
    restart: () => server.listen(),
    close: async () => {
      if (closed) return;
      closed = true;
      scale?.churn?.stop();
      await processes.close();
      controlPlane?.stop();
      await network.close();
      await server.close();
      if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
    },
  };
}

export type { DemoUser, AccessRule } from './authorization.js';
export { demoKubeconfig, writeDemoKubeconfig } from './kubeconfig.js';

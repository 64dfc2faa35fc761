import type { KubeEvent, Namespace, Pod } from '../model/apiObjects.js';
import type { PodLogSource } from '../kube/logs/podLogSession.js';
import type { WorkloadLogSource } from '../kube/logs/workloadLogSession.js';
import type { SavedLog } from '../kube/logs/saveLog.js';
import type { ResourceStore } from '../kube/resourceStore.js';
import type { UsageFeed } from '../kube/metrics/usagePoller.js';
import type { Printable } from '../model/printable.js';
import type { LogRingOptions } from '../model/ringBuffer.js';
import type { LogWanted } from '../model/diagnosis/types.js';
import type { OwnerLookup } from '../model/tree/ownerChain.js';

/** Where the UI is pointed; shown in the header. */
export interface ClusterInfo {
  contextName: string;
  server: string;
  user?: string;
  namespace: string;
  allNamespaces: boolean;
  readonly: boolean;
}

export type PodScope = { namespace: string } | { allNamespaces: true };

/** Everything the UI needs from the outside world, handed in by the composition root. */
export interface UiServices {
  info: ClusterInfo;
  /** Opens a live store; the UI owns it and close()s it when the scope changes or the UI unmounts. */
  podStore(scope: PodScope): ResourceStore<Pod>;
  /** May be forbidden (connection().kind === 'forbidden'); the namespace picker then lets the user type one. */
  namespaceStore(): ResourceStore<Namespace>;
  /**
   * Events of a scope. The UI opens one store for the whole pod scope and picks the selected pod's
   * events from it in memory (model/eventRows eventsForPod): one watch instead of one per pod,
   * switching pods is instant, and "all events of the namespace" costs nothing more. The
   * composition root backs it with session.eventStore({ ...scope, fieldSelector }).
   */
  eventStore(scope: PodScope, fieldSelector?: string): ResourceStore<KubeEvent>;
  now(): Date;
  /** Absent with --readonly: the keys that change anything are then not offered at all. */
  debug?: DebugServices;
  /** The log view's streams and its `s` save; absent: no `l` key. */
  logs?: LogServices;
  /** Describe, YAML, delete and kill; absent: no such keys. */
  actions?: PodActionServices;
  /** Port-forwards; absent: no `F` key and no `:pf`. */
  forwards?: ForwardServices;
  /** The kubeconfig's contexts; absent: no `:ctx`. */
  contexts?: ContextServices;
  /** Reads of the pods' owners (ReplicaSet → Deployment, Job → CronJob); absent: the tree shows the pod's own owner only. */
  owners?: OwnerServices;
  /** CPU and memory of the pods (metrics.k8s.io, else the kubelets' summary); absent: no CPU/MEM columns. */
  usage?: UsageServices;
  /** Reads the log lines the WHY line quotes; absent: the line goes without them. */
  diagnosis?: DiagnosisServices;
}

/** What the WHY line of the selected pod needs from outside: the last lines of one container's log. */
export interface DiagnosisServices {
  /** Bounded (a few lines and KiB); rejects when there is no such log (no previous instance). */
  logTail(pod: PodRef, wanted: LogWanted, signal: AbortSignal): Promise<string[]>;
}

export interface OwnerServices {
  /** What is known now (cached); asking starts a read of what is not. */
  lookup: OwnerLookup;
  /** Told after each answer arrives. */
  subscribe(listener: () => void): () => void;
}

export interface UsageServices {
  /**
   * Starts polling the scope's usage (UsagePoller from src/kube/metrics); the UI closes the feed when
   * the scope changes or it unmounts. `nodes`: the nodes of the pods shown, or of those namespaces' pods (the summary fallback asks those).
   */
  open(scope: PodScope, nodes: (namespaces?: readonly string[]) => readonly string[]): UsageFeed;
}

export interface LogServices {
  /** `podLogSource(session)` from src/kube/logs/podLogSession.ts. */
  source: PodLogSource;
  /** Writes the log view's buffer (as text, or raw bytes) and resolves with the path written. */
  save(name: string, log: SavedLog): Promise<string>;
  /** Lines of history loaded when the view opens (--log-tail). */
  tailLines?: number;
  /** The view's memory bounds (--log-max-lines, --log-max-bytes). */
  limits?: LogRingOptions;
  /** The log of every pod of a controller, merged (`L`); absent: no such key. */
  workload?: WorkloadLogSource;
}

/** Whether a key that changes something can work here, and if not, why (shown on the disabled key). */
export interface Permission {
  allowed: boolean;
  reason?: string;
}

export interface DebugPermissions {
  /** patch pods/ephemeralcontainers */
  debug: Permission;
  /** create pods/attach */
  attach: Permission;
  /** create pods/exec */
  exec: Permission;
  /** create pods: a stopped pod is debugged in a copy of it, and a node from a pod of its own. */
  copy: Permission;
}

export interface ContainerTarget {
  namespace: string;
  pod: string;
  container: string;
}

export interface DebugRequest {
  namespace: string;
  pod: string;
  image: string;
  /** The container whose process namespace the debugger shares. */
  target?: string;
  profile: 'general' | 'baseline' | 'restricted' | 'netadmin' | 'sysadmin';
  /** Empty: the image's default (busybox: sh). */
  command: string[];
  pullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /**
   * A stopped pod cannot start ephemeral containers: debug a copy of it named `name` instead, with
   * the debugger as a regular container (kubectl debug --copy-to). `target` has no meaning then.
   * `deleteAfter`: delete the copy once the session ends, or once the launch fails or is stopped.
   */
  copy?: DebugCopyRequest;
  /**
   * Debug this node instead (kubectl debug node/NAME): a pod created in `namespace`, bound to the
   * node, in its host namespaces with its / at /host as the profile allows; `pod` is only where the
   * user came from. `deleteAfter` as for a copy.
   */
  node?: DebugNodeRequest;
}

export interface DebugNodeRequest {
  name: string;
  deleteAfter: boolean;
}

export interface DebugCopyRequest {
  name: string;
  deleteAfter: boolean;
}

/** Starting values of the debug form; `image`, when set, comes before the recent images. */
export interface DebugFormPreset {
  image?: string;
  profile?: DebugRequest['profile'];
  pullPolicy?: DebugRequest['pullPolicy'];
}

/** One snapshot of a starting debug container, for the waiting panel. */
export interface DebugProgressView {
  container: string;
  phase: 'creating' | 'waiting' | 'running' | 'terminated' | 'failed';
  reason?: string;
  message?: string;
  events: { reason: string; message: string; type: string; count: number }[];
}

/**
 * What the debug and shell keys do. The UI only asks; the composition root talks to the cluster and,
 * for a shell, takes the terminal away from the UI (it unmounts it) and mounts it again afterwards
 * with the same state and a status message saying how the session ended.
 */
export interface DebugServices {
  /** Cached per namespace; resolves quickly after the first call. */
  permissions(namespace: string): Promise<DebugPermissions>;
  /** Images chosen before, most recent first (defaults first on a fresh machine). */
  recentImages(): string[];
  /** The form's starting values from the config file (per context); absent: the built-in ones. */
  formDefaults?: DebugFormPreset;
  /**
   * Creates the ephemeral container, or with `request.copy` the copy of the pod (at most one at a
   * time: a second call while one is in flight returns the first call's promise) and waits until it
   * runs, reporting progress. Resolves with the running container (in the copy, if any); rejects
   * with an Error whose message is the one line to show. A copy to delete afterwards is deleted
   * before a failed or stopped (aborted) launch rejects, and the line says so; an error with
   * `copyLeftBehind: true` says that delete failed (the UI shows it as a warning).
   */
  launch(request: DebugRequest, onProgress: (progress: DebugProgressView) => void, signal: AbortSignal): Promise<ContainerTarget>;
  /**
   * Opens an attach session on a running container while the UI keeps the screen; once the server
   * has accepted it, takes the terminal away (the UI is unmounted meanwhile, then mounted again).
   * Resolves `started: false` with the reason when it never got that far; `signal` gives up opening;
   * `typed`: what was typed meanwhile (as terminal bytes), sent to the process once it has the terminal.
   */
  attach(target: ContainerTarget, signal?: AbortSignal, typed?: () => string): Promise<SessionStart>;
  /** The same for a shell exec'd in an app container (bash, falling back to sh). */
  shell(target: ContainerTarget, signal?: AbortSignal, typed?: () => string): Promise<SessionStart>;
}

/**
 * How asking for a shell or an attach went while the UI still had the screen: handed over (the UI
 * is being unmounted), or not, with the one line saying why (the screen never changed).
 */
export type SessionStart = { started: true } | { started: false; text: string; level: 'info' | 'warning' | 'error' };

/** One pod, as the actions name it; `uid` pins the very pod that was selected. */
export interface PodRef {
  namespace: string;
  name: string;
  uid?: string;
}

/** The pod as `get -o yaml` prints it, and its raw text for `s`. */
export interface PodYaml {
  lines: Printable[];
  /** How many managedFields entries the text leaves out (folded into one comment line). */
  managedFieldsHidden: number;
  /** Writes exactly this text to a file in the working directory; resolves with its path. */
  save(): Promise<string>;
}

export interface PodActionPermissions {
  /** delete pods: the delete and kill keys. */
  deletePod: Permission;
  /** pods/portforward. */
  portForward: Permission;
}

/** How a delete or kill went: gone at once, or Terminating within `gracePeriodSeconds`. */
export interface RemoveOutcome {
  gone: boolean;
  gracePeriodSeconds?: number;
  /** It was done, but something around it failed (the audit log could not be written). */
  warning?: string;
}

/** describe, YAML, delete and kill. `remove` is absent with --readonly (the keys are not offered). */
export interface PodActionServices {
  /** `kubectl describe pod` of a fresh GET with the pod's events; rejects with the one line to show. */
  describe(pod: PodRef, signal: AbortSignal): Promise<Printable[]>;
  yaml(pod: PodRef, options: { showManagedFields: boolean }, signal: AbortSignal): Promise<PodYaml>;
  /** Cached per namespace. */
  permissions(namespace: string): Promise<PodActionPermissions>;
  /** Deletes with the pod's grace period (`delete`) or at once, forced (`kill`); audited; rejects with the one line to show. */
  remove?(pod: PodRef, kind: 'delete' | 'kill'): Promise<RemoveOutcome>;
}

/** One active (or just ended) port-forward, for the forwards view. */
export interface ForwardView {
  id: string;
  namespace: string;
  pod: string;
  /** `127.0.0.1:8080` or `[::1]:8080`, every address listened on. */
  addresses: string[];
  local: number;
  remote: number;
  state: 'active' | 'reconnecting' | 'ended';
  connections: number;
  active: number;
  errors: number;
  bytesIn: number;
  bytesOut: number;
  lastError?: Printable;
  endReason?: Printable;
}

export interface ForwardRequest {
  pod: PodRef;
  remote: number;
  /** 0: a free port. */
  local: number;
}

/** Port-forwards that live outside the UI: they survive a shell hand-over and last while podscope runs. */
export interface ForwardServices {
  list(): readonly ForwardView[];
  /** Told (at most a few times a second) whenever a forward changes; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Checks the pod and the port, listens, and resolves with the forward; rejects with the one line to show. */
  start(request: ForwardRequest): Promise<ForwardView>;
  stop(id: string): Promise<void>;
  /** Whether `port` can be listened on locally (the form proposes the same port, else a free one). */
  isFree(port: number): Promise<boolean>;
}

/** One kubeconfig context, for `:ctx`. */
export interface ContextView {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
  /** The one podscope uses now. */
  active: boolean;
}

/** `:ctx`: the kubeconfig's contexts and a live switch (the kubeconfig is never written). */
export interface ContextServices {
  list(): readonly ContextView[];
  /**
   * Connects to `name` first; on success the whole UI is mounted again for it (this UI goes away),
   * on failure rejects with the one line to show and everything stays as it was.
   */
  switchTo(name: string): Promise<void>;
}

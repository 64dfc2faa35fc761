import { readLogTail } from '../../kube/diagnosis/diagnosisReads.js';
import { LingeringStores } from '../../kube/lingeringStores.js';
import { UsagePoller } from '../../kube/metrics/usagePoller.js';
import { podLogSource } from '../../kube/logs/podLogSession.js';
import { saveLogFile } from '../../kube/logs/saveLog.js';
import { workloadLogSource } from '../../kube/logs/workloadLogSession.js';
import type { ClusterSession } from '../../kube/clusterSession.js';
import { OwnerReader } from '../../kube/owners/ownerReader.js';
import type { LogRingOptions } from '../../model/ringBuffer.js';
import type { ContainerTarget, ContextServices, DebugFormPreset, OwnerServices, PodScope, SessionStart, UiServices } from '../../ui/services.js';
import { createPodActionServices } from './actionServices.js';
import { createDebugServices, type HandOverKind, type LaunchDetails, type TuiDebugServices } from './debugServices.js';
import { ForwardRegistry } from './forwardServices.js';
import type { RecentImages } from './recentImages.js';
import type { ResourceStore } from '../../kube/resourceStore.js';
import type { Pod } from '../../model/apiObjects.js';

/** How long a store nobody holds stays open: longer than any remount after a shell session. */
const STORE_LINGER_MS = 10_000;

const scopeKey = (scope: PodScope): string => ('allNamespaces' in scope ? '*' : scope.namespace);
const scopeOf = (key: string): PodScope => (key === '*' ? { allNamespaces: true } : { namespace: key });

export interface SessionServiceOptions {
  allNamespaces: boolean;
  readonly: boolean;
  logs: { tailLines: number; limits: LogRingOptions };
  debugDefaults?: DebugFormPreset;
  recentImages: RecentImages;
  /** Opens a session while the UI keeps the screen, then hands the terminal over (see runTui). */
  startSession: (kind: HandOverKind, target: ContainerTarget, details: LaunchDetails | undefined, signal?: AbortSignal, typed?: () => string) => Promise<SessionStart>;
  /** --record: asciicast files of every shell session go here. */
  recordDir?: string;
  contexts: ContextServices | undefined;
  /** The pod store of `scope`, already listing (opened before the explorer's code loaded): the first lease of that scope gets it. */
  openedPods?: { scope: PodScope; store: ResourceStore<Pod> };
}

/** Everything the explorer gets for one cluster session, and what has to go when the session does. */
export interface SessionServices {
  services: UiServices;
  debug: TuiDebugServices | undefined;
  forwards: ForwardRegistry;
  /** Keeps every store open (for a hand-over however long it lasts); returns the release. */
  holdStores(): () => void;
  /** Closes the stores (the forwards are stopped apart: that is audited and awaited). */
  closeStores(): void;
}

/** The UiServices of one session: lingering stores, logs, debug, pod actions, forwards, contexts. */
export function createSessionServices(session: ClusterSession, options: SessionServiceOptions): SessionServices {
  // Stores outlive a remount by a few seconds, so the explorer comes back from a shell with its data.
  let opened = options.openedPods;
  const podStores = new LingeringStores((key) => {
    if (opened !== undefined && key === scopeKey(opened.scope)) {
      const { store } = opened;
      opened = undefined;
      return store;
    }
    return session.podStore(scopeOf(key));
  }, STORE_LINGER_MS);
  const namespaceStores = new LingeringStores(() => session.namespaceStore(), STORE_LINGER_MS);
  const eventStores = new LingeringStores((key) => {
    const [scope = '', fieldSelector = ''] = key.split('|');
    return session.eventStore({ ...scopeOf(scope), fieldSelector: fieldSelector || undefined });
  }, STORE_LINGER_MS);
  const debug = options.readonly ? undefined : { ...createDebugServices(session, options.recentImages, options.startSession, { recordDir: options.recordDir }), formDefaults: options.debugDefaults };
  const forwards = new ForwardRegistry(session);
  const services: UiServices = {
    owners: ownerServices(session),
    info: {
      contextName: session.contextName,
      server: session.server,
      user: session.user,
      namespace: session.namespace,
      allNamespaces: options.allNamespaces,
      readonly: options.readonly,
    },
    podStore: (scope) => podStores.lease(scopeKey(scope)),
    namespaceStore: () => namespaceStores.lease(''),
    eventStore: (scope, fieldSelector) => eventStores.lease(`${scopeKey(scope)}|${fieldSelector ?? ''}`),
    now: () => new Date(),
    logs: {
      source: podLogSource(session),
      // The namespace's pod store, shared with the explorer when it shows that namespace.
      workload: workloadLogSource(session, (namespace) => podStores.lease(namespace)),
      save: (name, log) => saveLogFile(process.cwd(), name, log),
      tailLines: options.logs.tailLines,
      limits: options.logs.limits,
    },
    debug,
    actions: createPodActionServices(session, { canChange: !options.readonly, directory: process.cwd() }),
    forwards,
    diagnosis: { logTail: (pod, wanted, signal) => readLogTail(session.kubeConfig, pod, wanted, signal) },
    usage: { open: (scope, nodes) => new UsagePoller({ kubeConfig: session.kubeConfig, scope, nodes }) },
    ...(options.contexts === undefined ? {} : { contexts: options.contexts }),
  };
  return {
    services,
    debug,
    forwards,
    holdStores: () => {
      const releases = [podStores.hold(), namespaceStores.hold(), eventStores.hold()];
      return () => {
        for (const release of releases) release();
      };
    },
    closeStores: () => {
      opened?.store.close();
      opened = undefined;
      for (const stores of [podStores, namespaceStores, eventStores]) stores.closeAll();
    },
  };
}

/** One owner reader per session (cached for all pods), telling the explorer when an answer arrives. */
function ownerServices(session: ClusterSession): OwnerServices {
  const listeners = new Set<() => void>();
  const reader = new OwnerReader({ kubeConfig: session.kubeConfig, onAnswer: () => listeners.forEach((listener) => listener()) });
  return {
    lookup: reader.lookup,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { describePod } from '../../../src/model/describe/describePod.js';
import { objectYaml } from '../../../src/model/objectText.js';
import { clean } from '../../../src/model/printable.js';
import type { ContextServices, ContextView, ForwardRequest, ForwardServices, ForwardView, PodActionPermissions, PodActionServices, PodRef } from '../../../src/ui/services.js';

export interface FakeActions {
  actions: PodActionServices;
  removed: Array<{ pod: PodRef; kind: 'delete' | 'kill' }>;
  yamlCalls: Array<{ pod: PodRef; showManagedFields: boolean }>;
  /** How many times `s` saved. */
  saves: { count: number };
}

/** Describe and YAML from the real models on the given pods; remove records what it was asked. */
export function fakeActions(pods: readonly V1Pod[], events: readonly CoreV1Event[], options: { permissions?: PodActionPermissions; readonly?: boolean } = {}): FakeActions {
  const removed: FakeActions['removed'] = [];
  const yamlCalls: FakeActions['yamlCalls'] = [];
  const saves = { count: 0 };
  const find = (ref: PodRef): V1Pod => {
    const pod = pods.find((candidate) => candidate.metadata?.namespace === ref.namespace && candidate.metadata.name === ref.name);
    if (pod === undefined) throw new Error(`pods "${ref.name}" not found`);
    return pod;
  };
  const actions: PodActionServices = {
    describe: async (ref) => describePod(find(ref), { now: new Date('2026-11-23T09:16:40Z'), utcOffsetMinutes: () => 0, events: events.filter((event) => event.involvedObject.name === ref.name) }).map((line) => clean(line)),
    yaml: async (ref, { showManagedFields }) => {
      yamlCalls.push({ pod: ref, showManagedFields });
      const text = objectYaml(find(ref), { showManagedFields, foldNote: (count) => `managedFields: ${count} entries folded (m shows them)` });
      return {
        lines: text.lines.map((line) => clean(line)),
        managedFieldsHidden: text.managedFieldsHidden,
        save: async () => {
          saves.count += 1;
          return `/tmp/${ref.namespace}-${ref.name}.yaml`;
        },
      };
    },
    permissions: async () => options.permissions ?? { deletePod: { allowed: true }, portForward: { allowed: true } },
  };
  if (options.readonly !== true) {
    actions.remove = async (pod, kind) => {
      removed.push({ pod, kind });
      return kind === 'kill' ? { gone: true } : { gone: false, gracePeriodSeconds: 2 };
    };
  }
  return { actions, removed, yamlCalls, saves };
}

export interface FakeForwards {
  forwards: ForwardServices;
  started: ForwardRequest[];
  stopped: string[];
  /** What isFree answers. */
  state: { free: boolean };
}

export function fakeForwards(): FakeForwards {
  const listeners = new Set<() => void>();
  let views: readonly ForwardView[] = [];
  const started: ForwardRequest[] = [];
  const stopped: string[] = [];
  const state = { free: true };
  const changed = (next: readonly ForwardView[]): void => {
    views = next;
    for (const listener of listeners) listener();
  };
  const forwards: ForwardServices = {
    list: () => views,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: async (request) => {
      started.push(request);
      const local = request.local === 0 ? 43210 : request.local;
      const view: ForwardView = {
        id: String(started.length),
        namespace: request.pod.namespace,
        pod: request.pod.name,
        addresses: [`127.0.0.1:${local}`, `[::1]:${local}`],
        local,
        remote: request.remote,
        state: 'active',
        connections: 3,
        active: 1,
        errors: 1,
        bytesIn: 120,
        bytesOut: 4096,
        lastError: clean('error forwarding port 9999 to pod x: connection refused'),
      };
      changed([...views, view]);
      return view;
    },
    stop: async (id) => {
      stopped.push(id);
      changed(views.map((view) => (view.id === id ? { ...view, state: 'ended' as const, endReason: clean('stopped') } : view)));
    },
    isFree: async () => state.free,
  };
  return { forwards, started, stopped, state };
}

export interface FakeContexts {
  contexts: ContextServices;
  switched: string[];
  /** When `failure` is set, switching fails with this message. */
  state: { failure: string | undefined };
}

export function fakeContexts(list: readonly ContextView[]): FakeContexts {
  const switched: string[] = [];
  const state: FakeContexts['state'] = { failure: undefined };
  const contexts: ContextServices = {
    list: () => list,
    switchTo: async (name) => {
      switched.push(name);
      if (state.failure !== undefined) throw new Error(state.failure);
    },
  };
  return { contexts, switched, state };
}

import type { CoreV1Event, V1Namespace, V1Pod } from '@kubernetes/client-node';
import type { ConnectionState } from '../../../src/kube/resourceStore.js';
import type { ClusterInfo, PodScope, UiServices } from '../../../src/ui/services.js';
import { MemoryStore } from './memoryStore.js';

export interface FakeServices {
  services: UiServices;
  /** Every pod store the UI opened, in order, with the scope it asked for. */
  opened: Array<{ scope: PodScope; store: MemoryStore<V1Pod> }>;
  /** Every event store the UI opened, in order. */
  openedEvents: Array<{ scope: PodScope; fieldSelector: string | undefined; store: MemoryStore<CoreV1Event> }>;
  openedNamespaces: Array<MemoryStore<V1Namespace>>;
  /** The most recently opened pod store. */
  podStore(): MemoryStore<V1Pod>;
  eventStore(): MemoryStore<CoreV1Event>;
  namespaceStore(): MemoryStore<V1Namespace>;
  /** Moves the clock the UI reads. */
  setNow(now: Date): void;
}

export const testInfo: ClusterInfo = {
  contextName: 'lab-admin',
  server: 'https://127.0.0.1:6443',
  user: 'admin',
  namespace: 'lab',
  allNamespaces: false,
  readonly: false,
};

function last<T>(items: readonly T[], what: string): T {
  const item = items[items.length - 1];
  if (item === undefined) throw new Error(`the UI has not opened ${what} yet`);
  return item;
}

export function fakeServices(options: {
  pods?: readonly V1Pod[];
  connection?: ConnectionState;
  events?: readonly CoreV1Event[];
  namespaces?: readonly V1Namespace[];
  namespaceConnection?: ConnectionState;
  info?: Partial<ClusterInfo>;
  now?: Date;
}): FakeServices {
  let now = options.now ?? new Date('2026-11-23T09:16:11Z');
  const opened: FakeServices['opened'] = [];
  const openedEvents: FakeServices['openedEvents'] = [];
  const openedNamespaces: FakeServices['openedNamespaces'] = [];
  const services: UiServices = {
    info: { ...testInfo, ...options.info },
    podStore(scope) {
      const store = new MemoryStore<V1Pod>(options.pods ?? [], options.connection ?? { kind: 'live' });
      opened.push({ scope, store });
      return store;
    },
    namespaceStore() {
      const store = new MemoryStore<V1Namespace>(options.namespaces ?? [], options.namespaceConnection ?? { kind: 'live' });
      openedNamespaces.push(store);
      return store;
    },
    eventStore(scope, fieldSelector) {
      const store = new MemoryStore<CoreV1Event>(options.events ?? [], { kind: 'live' });
      openedEvents.push({ scope, fieldSelector, store });
      return store;
    },
    now: () => now,
  };
  return {
    services,
    opened,
    openedEvents,
    openedNamespaces,
    podStore: () => last(opened, 'a pod store').store,
    eventStore: () => last(openedEvents, 'an event store').store,
    namespaceStore: () => last(openedNamespaces, 'a namespace store'),
    setNow(next) {
      now = next;
    },
  };
}

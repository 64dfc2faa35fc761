import type { V1Namespace, V1Pod } from '@kubernetes/client-node';
import type { ConnectionState } from '../../../src/kube/resourceStore.js';
import type { ClusterInfo, PodScope, UiServices } from '../../../src/ui/services.js';
import { MemoryStore } from './memoryStore.js';

export interface FakeServices {
  services: UiServices;
  /** Every pod store the UI opened, in order, with the scope it asked for. */
  opened: Array<{ scope: PodScope; store: MemoryStore<V1Pod> }>;
  /** The most recently opened pod store. */
  podStore(): MemoryStore<V1Pod>;
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

export function fakeServices(options: {
  pods?: readonly V1Pod[];
  connection?: ConnectionState;
  info?: Partial<ClusterInfo>;
  now?: Date;
}): FakeServices {
  let now = options.now ?? new Date('2026-11-23T09:16:11Z');
  const opened: FakeServices['opened'] = [];
  const services: UiServices = {
    info: { ...testInfo, ...options.info },
    podStore(scope) {
      const store = new MemoryStore<V1Pod>(options.pods ?? [], options.connection ?? { kind: 'live' });
      opened.push({ scope, store });
      return store;
    },
    namespaceStore: () => new MemoryStore<V1Namespace>([]),
    now: () => now,
  };
  return {
    services,
    opened,
    podStore() {
      const last = opened[opened.length - 1];
      if (last === undefined) throw new Error('the UI has not opened a pod store yet');
      return last.store;
    },
    setNow(next) {
      now = next;
    },
  };
}

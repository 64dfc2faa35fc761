import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { realClock, type Clock } from '../../../src/demo/clock.js';
import { startDemoCluster, type DemoCluster } from '../../../src/demo/index.js';
type JsonObject = Record<string, unknown>;
import { repoRoot } from './ptyScreen.js';

// A demo cluster holding many pods, filled through its object store (no simulated control plane),
// and a churn loop that changes their status. When the demo cluster's own scale scenario
// (`--scale-pods N --churn R`) is there, startScaleCluster is the one place to switch over.

export const SCALE_NAMESPACE = 'scale';
const WORDS = ['web', 'orders-worker', 'cart', 'pending'] as const;
const DAY = 24 * 60 * 60 * 1000;

/** The name of pod `i`: `pending-4999` is pod 4999. */
export function scalePodName(i: number): string {
  return `${WORDS[i % WORDS.length]}-${i}`;
}

function template(): JsonObject {
  const pod = JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'k8s-1.24', 'pods', 'lab-web.json'), 'utf8')) as JsonObject;
  const metadata = pod['metadata'] as JsonObject;
  delete metadata['managedFields'];
  delete metadata['annotations'];
  return pod;
}

/** A clock that reads `offsetMs` early while the pods are made, so their ages are days (stable on screen). */
function shiftedClock(): Clock & { shift(ms: number): void } {
  const real = realClock();
  let offset = 0;
  return { ...real, now: () => real.now() + offset, shift: (ms) => (offset = ms) };
}

export interface ScaleCluster {
  cluster: DemoCluster;
  names: readonly string[];
  /** Changes `perSecond` pods' status every second (restart counts, readiness) until the returned stop. */
  churn(perSecond: number): () => void;
  close(): Promise<void>;
}

export async function startScaleCluster(count: number): Promise<ScaleCluster> {
  const clock = shiftedClock();
  const cluster = await startDemoCluster({ withoutControlPlane: true, namespace: SCALE_NAMESPACE, clock, historyLimit: 100_000 });
  const base = template();
  clock.shift(-3 * DAY);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const pod = structuredClone(base);
    const name = scalePodName(i);
    const metadata = pod['metadata'] as JsonObject;
    metadata['name'] = name;
    metadata['namespace'] = SCALE_NAMESPACE;
    metadata['labels'] = { app: WORDS[i % WORDS.length]!, shard: String(i % 16) };
    cluster.store.create('pods', pod);
    names.push(name);
  }
  clock.shift(0);
  let timers: NodeJS.Timeout[] = [];
  return {
    cluster,
    names,
    churn(perSecond) {
      let next = 0;
      // Ten ticks a second, each changing a tenth of the rate: the spread a busy cluster's kubelets give.
      const timer = setInterval(() => {
        for (let n = 0; n < Math.ceil(perSecond / 10); n++) {
          const name = names[next++ % names.length]!;
          cluster.store.update({ resource: 'pods', namespace: SCALE_NAMESPACE, name }, (object) => {
            const status = object['status'] as JsonObject;
            const containers = (status['containerStatuses'] as JsonObject[] | undefined) ?? [];
            for (const container of containers) container['restartCount'] = Number(container['restartCount'] ?? 0) + 1;
          });
        }
      }, 100);
      timers.push(timer);
      return () => {
        clearInterval(timer);
        timers = timers.filter((t) => t !== timer);
      };
    },
    async close() {
      for (const timer of timers) clearInterval(timer);
      await cluster.close();
    },
  };
}

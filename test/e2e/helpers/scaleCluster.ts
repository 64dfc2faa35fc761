import { startDemoCluster, type DemoCluster } from '../../../src/demo/index.js';
import { NameIndex } from '../../../src/model/nameMatch.js';
import { parsePodFilter } from '../../../src/model/podFilter.js';

// The embedded cluster's own scale scenario (what `demo-server --scale-pods N --churn R` runs):
// N pods in namespaces of their own, named like a real fleet's, with a churn of status updates.

export interface ScalePod {
  namespace: string;
  name: string;
}

export interface ScaleCluster {
  cluster: DemoCluster;
  /** Every pod of the fleet. */
  pods: readonly ScalePod[];
  /** Starts the demo's churn (its rate was given at start) until the returned stop. */
  churn(): () => void;
  close(): Promise<void>;
}

export async function startScaleCluster(count: number, churnPerSecond = 500): Promise<ScaleCluster> {
  const cluster = await startDemoCluster({ withoutControlPlane: true, scalePods: count, churn: churnPerSecond });
  const scale = cluster.scale;
  if (scale === undefined) throw new Error('the demo cluster has no scale scenario');
  // Quiet until a test asks for churn.
  scale.churn?.stop();
  return {
    cluster,
    pods: scale.fleet.pods.map((key) => ({ namespace: key.namespace ?? '', name: key.name })),
    churn() {
      scale.churn?.start();
      return () => scale.churn?.stop();
    },
    async close() {
      scale.churn?.stop();
      await cluster.close();
    },
  };
}

export interface FilterTarget {
  pod: ScalePod;
  /** The last part of its name, contained in no other pod's name. */
  fragment: string;
}

/**
 * A pod about a quarter of the way down whose name repeats a character (a dropped repeat would show),
 * which its whole name filters down to alone, and whose last name part no other pod's name contains.
 */
export function filterTarget(pods: readonly ScalePod[]): FilterTarget {
  const names = pods.map((pod) => pod.name);
  const index = new NameIndex(names);
  const start = Math.floor(pods.length / 4);
  for (let n = 0; n < pods.length; n++) {
    const pod = pods[(start + n) % pods.length]!;
    const fragment = pod.name.slice(pod.name.lastIndexOf('-') + 1);
    if (!/(.)\1/.test(pod.name) || fragment.length < 4) continue;
    if (names.filter((name) => name.includes(fragment)).length !== 1) continue;
    const filter = parsePodFilter(pod.name);
    if (filter.kind !== 'fuzzy') continue;
    const matched = index.find(filter.terms);
    if (pods.filter((other) => matched.has(other.name.toLowerCase())).length !== 1) continue;
    return { pod, fragment };
  }
  throw new Error('no pod of the fleet makes a filter target');
}

import type { Random } from '../controlPlane/random.js';

/** The alphabet kube-controller-manager draws pod-template hashes and name suffixes from. */
export const nameAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

const teams = [
  'payments', 'checkout', 'search', 'identity', 'billing', 'ledger', 'catalog', 'inventory', 'shipping', 'notifications',
  'analytics', 'ml-serving', 'data-pipeline', 'observability', 'ingress', 'platform', 'risk', 'fraud', 'recommendations',
  'media', 'messaging', 'gateway', 'reporting', 'pricing', 'loyalty', 'support', 'maps', 'accounts',
] as const;
const environments = ['prod', 'staging', 'dev'] as const;

export const components = [
  'api', 'worker', 'web', 'consumer', 'scheduler', 'cache', 'indexer', 'router', 'sync', 'exporter', 'grpc', 'proxy',
  'admin', 'events', 'writer', 'reader', 'frontend', 'backend', 'auth', 'queue',
] as const;

/** `count` distinct namespace names such as payments-prod, search-staging, then payments-prod-2 … */
export function namespaceNames(count: number): string[] {
  const names: string[] = [];
  for (let round = 1; names.length < count; round++) {
    for (const environment of environments) {
      for (const team of teams) {
        if (names.length >= count) break;
        names.push(round === 1 ? `${team}-${environment}` : `${team}-${environment}-${round}`);
      }
    }
  }
  return names;
}

/** Node names as EKS gives them (ip-10-20-3-17.eu-west-1.compute.internal) and their host IPs. */
export function nodeName(index: number): { name: string; hostIP: string } {
  const third = 16 + Math.floor(index / 200);
  const fourth = 10 + (index % 200);
  return { name: `ip-10-20-${third}-${fourth}.eu-west-1.compute.internal`, hostIP: `10.20.${third}.${fourth}` };
}

/** The pod IP of the `slot`-th pod on node `nodeIndex` (a /24 per node, as the VPC CNI hands out). */
export function podIP(nodeIndex: number, slot: number): string {
  return `10.${64 + Math.floor(nodeIndex / 256)}.${nodeIndex % 256}.${2 + (slot % 250)}`;
}

export function templateHash(random: Random): string {
  return random.chars(nameAlphabet, 10);
}

export function nameSuffix(random: Random): string {
  return random.chars(nameAlphabet, 5);
}

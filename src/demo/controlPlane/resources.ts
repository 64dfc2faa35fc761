import type { JsonObject } from '../apiTypes.js';
import { objectField, objectList } from './json.js';

/** Kubernetes resource quantities ("250m", "128Mi", "1", "2Gi") as numbers. */
const binarySuffixes: Record<string, number> = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6 };
const decimalSuffixes: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const match = /^([+-]?[0-9.]+(?:[eE][+-]?\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/.exec(value.trim());
  if (match === null) return undefined;
  const number = Number(match[1]);
  const suffix = match[2] ?? '';
  const factor = binarySuffixes[suffix] ?? decimalSuffixes[suffix];
  return Number.isFinite(number) && factor !== undefined ? number * factor : undefined;
}

export interface PodRequests {
  cpuMillis: number;
  memoryBytes: number;
}

/** What the scheduler counts for a pod: the larger of the app containers' sum and any single init container. */
export function podRequests(spec: JsonObject): PodRequests {
  const requestOf = (container: JsonObject, resource: string): number => {
    const requests = objectField(container, 'resources', 'requests');
    const limits = objectField(container, 'resources', 'limits');
    return parseQuantity(requests?.[resource]) ?? parseQuantity(limits?.[resource]) ?? 0;
  };
  let cpu = 0;
  let memory = 0;
  for (const container of objectList(spec, 'containers')) {
    cpu += requestOf(container, 'cpu');
    memory += requestOf(container, 'memory');
  }
  for (const container of objectList(spec, 'initContainers')) {
    cpu = Math.max(cpu, requestOf(container, 'cpu'));
    memory = Math.max(memory, requestOf(container, 'memory'));
  }
  return { cpuMillis: Math.round(cpu * 1000), memoryBytes: memory };
}

/** status.qosClass, computed as the API server does from requests and limits. */
export function qosClass(spec: JsonObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...objectList(spec, 'initContainers'), ...objectList(spec, 'containers')];
  let anySet = false;
  let guaranteed = true;
  for (const container of containers) {
    const requests = objectField(container, 'resources', 'requests') ?? {};
    const limits = objectField(container, 'resources', 'limits') ?? {};
    for (const resource of ['cpu', 'memory']) {
      const request = parseQuantity(requests[resource]);
      const limit = parseQuantity(limits[resource]);
      if ((request !== undefined && request !== 0) || (limit !== undefined && limit !== 0)) anySet = true;
      if (limit === undefined || (request !== undefined && request !== limit)) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

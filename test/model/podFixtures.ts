import type { V1Pod } from '@kubernetes/client-node';
import { readFixtureJson } from '../helpers/fixtures.js';

/** A recorded pod, deep-copied so a test may edit it freely. */
export function fixturePod(relative: string): V1Pod {
  return structuredClone(readFixtureJson<V1Pod>(relative));
}

export interface RecordedPodTable {
  rows: { cells: unknown[]; object: V1Pod }[];
}

export function podTable(relative: string): RecordedPodTable {
  return readFixtureJson<RecordedPodTable>(relative);
}

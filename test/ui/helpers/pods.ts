import type { V1Pod } from '@kubernetes/client-node';
import { readFixtureJson, readFixtureText } from '../../helpers/fixtures.js';

export function podList(relative: string): V1Pod[] {
  return readFixtureJson<{ items: V1Pod[] }>(relative).items;
}

export type KubectlRow = Record<string, string>;

/** Parses `kubectl get pods -o wide` output by the column positions of its title line. */
export function kubectlTable(relative: string): KubectlRow[] {
  const [title = '', ...lines] = readFixtureText(relative).split('\n').filter((l) => l.trim() !== '');
  const starts = [...title.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ name: m[0], at: m.index }));
  return lines.map((line) => {
    const row: KubectlRow = {};
    starts.forEach((col, i) => {
      const end = starts[i + 1]?.at ?? line.length;
      row[col.name] = line.slice(col.at, end).trim();
    });
    return row;
  });
}

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, y: 365 * 86_400_000 };

/** Milliseconds of a kubectl age such as `6m21s` or `49s`. */
export function parseKubectlAge(text: string): number {
  let ms = 0;
  for (const [, value, unit] of text.matchAll(/(\d+)([smhdy])/g)) ms += Number(value) * (UNIT_MS[unit ?? ''] ?? Number.NaN);
  return ms;
}

/** When kubectl printed a table: a pod's creation time plus the AGE it printed for it. */
export function kubectlPrintTime(rows: readonly KubectlRow[], pods: readonly V1Pod[]): Date {
  const first = rows[0];
  const pod = pods.find((p) => p.metadata?.name === first?.['NAME']);
  const created = pod?.metadata?.creationTimestamp;
  if (first === undefined || created === undefined) throw new Error('no pod to date the kubectl table by');
  return new Date(new Date(created).getTime() + parseKubectlAge(first['AGE'] ?? ''));
}

export function withoutPod(pods: readonly V1Pod[], name: string): V1Pod[] {
  return pods.filter((p) => p.metadata?.name !== name);
}

/** A copy of `pod` renamed, as a new pod with its own identity. */
export function renamed(pod: V1Pod, name: string): V1Pod {
  const copy = structuredClone(pod);
  copy.metadata = { ...copy.metadata, name, uid: `uid-${name}`, resourceVersion: '1' };
  return copy;
}

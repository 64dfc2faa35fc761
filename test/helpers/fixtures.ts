import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the recorded answers of a real Kubernetes 1.24 cluster (test/fixtures/k8s-1.24, copied from ../shared/fixtures). */
export const fixturesRoot = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'k8s-1.24');

export function fixturePath(relative: string): string {
  return join(fixturesRoot, relative);
}

export function readFixtureText(relative: string): string {
  return readFileSync(fixturePath(relative), 'utf8');
}

export function readFixtureJson<T>(relative: string): T {
  return JSON.parse(readFixtureText(relative)) as T;
}

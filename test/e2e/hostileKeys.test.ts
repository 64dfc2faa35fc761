import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignControls, hostile } from '../helpers/hostile.js';
import { hostilePod, NAMESPACE, startHostileCluster, type HostileCluster } from '../helpers/hostileCluster.js';
import { PtyScreen, repoRoot } from './helpers/ptyScreen.js';

/**
 * Names that are the same once cleaned ("twin\x1b[7m" and "twin^[[7m"), and a pod whose containers
 * and conditions repeat a hostile name. Used as React keys they made React print "Encountered two
 * children with the same key" with console.error — the raw key, escapes and all — over the TUI.
 * Nothing but podscope's own frames may reach the terminal, bundled or not, whatever NODE_ENV says.
 */

const DUP = hostile('dup');

function twin(name: string, uid: string): Record<string, unknown> {
  const pod = hostilePod(name, NAMESPACE) as { metadata: Record<string, unknown>; spec: Record<string, unknown>; status: Record<string, unknown> };
  pod.metadata = { ...pod.metadata, uid };
  pod.spec = { ...pod.spec, containers: [{ name: DUP, image: 'a' }, { name: DUP, image: 'b' }, { name: 'app', image: 'c' }] };
  const ready = { type: hostile('Ready'), status: 'False' };
  pod.status = { ...pod.status, conditions: [ready, ready], containerStatuses: [], initContainerStatuses: [] };
  return pod;
}

let cluster: HostileCluster;
let dir: string;
const screens: PtyScreen[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'podscope-keys-'));
  // Same uid too: a hostile server does not keep uids unique either.
  cluster = await startHostileCluster(dir, { extraPods: [twin('twin\x1b[7m', 'same-uid'), twin('twin^[[7m', 'same-uid')] });
});

afterAll(async () => {
  for (const screen of screens) screen.dispose();
  await cluster?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

const entries = [
  ['the bundle (bin/podscope.js)', join(repoRoot, 'bin', 'podscope.js')],
  // The unbundled build (tsc's dist/cli) with a developer's NODE_ENV: React must still run as in production.
  ['the unbundled build with NODE_ENV=development', join(repoRoot, 'dist', 'cli', 'entry.js')],
] as const;

describe('colliding names as React keys', () => {
  it.each(entries)('%s writes no React warning and no raw escape', async (_what, entry) => {
    const screen = new PtyScreen({
      args: [],
      command: { file: process.execPath, args: [entry, '--kubeconfig', cluster.kubeconfigPath] },
      cols: 200,
      rows: 40,
      env: { LANG: 'C.UTF-8', HOME: dir, XDG_STATE_HOME: dir, KUBECONFIG: undefined, NODE_ENV: 'development' },
      cwd: dir,
    });
    screens.push(screen);
    await screen.waitFor((s) => s.split('\n').filter((line) => line.startsWith('twin^[[7m')).length === 2, 'both twins in the table');
    screen.write('/twin\r');
    const alone = await screen.waitFor((s) => !s.includes('victim'), 'the twins alone');
    // Drawn from the top row, once (a renderer that loses track of the cursor leaves stale lines above).
    expect(alone.split('\n').filter((line) => line.startsWith('namespace: lab'))).toHaveLength(1);
    screen.write('\t');
    await screen.waitFor((s) => s.includes('dup^[[2J'), 'the tree with the repeated containers');
    screen.write('l');
    await screen.waitForText('lab/twin^[[7m');
    screen.write('c');
    await screen.waitFor((s) => s.split('\n').filter((line) => line.includes('dup^[[2J')).length >= 2, 'the container choice with the repeated names');
    screen.write('\x1b');
    await new Promise((resolve) => setTimeout(resolve, 300));
    screen.write('\x1b');
    await screen.waitFor((s) => s.includes('NAME'), 'back to the explorer');
    screen.write('q');
    expect((await screen.waitForExit()).exitCode).toBe(0);
    const text = screen.bytes.toString('utf8');
    expect(text).not.toMatch(/Encountered two children|Warning:|same key/);
    expect(foreignControls(screen.bytes)).toEqual([]);
  }, 90_000);
});

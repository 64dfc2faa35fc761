import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignControls } from '../helpers/hostile.js';
import { NAMESPACE, startHostileCluster, VICTIM, WATCHED, type HostileCluster } from '../helpers/hostileCluster.js';
import { binPath, PtyScreen } from './helpers/ptyScreen.js';

/**
 * A cluster where anyone who can name a pod or write an event can put bytes on the on-call
 * engineer's screen. Every field it sends carries CSI, OSC 0/2/8/52 (BEL and ST terminated), DCS,
 * APC, PM, C1 controls, bidi overrides, NUL and invalid UTF-8; the tests read the raw bytes
 * podscope writes and allow nothing but its own escape sequences.
 */

let cluster: HostileCluster;
let dir: string;
const screens: PtyScreen[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'podscope-hostile-'));
  cluster = await startHostileCluster(dir);
});

afterAll(async () => {
  for (const screen of screens) screen.dispose();
  await cluster?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

const env = (): Record<string, string | undefined> => ({ LANG: 'C.UTF-8', HOME: dir, XDG_STATE_HOME: dir, KUBECONFIG: undefined });

function pty(args: string[], cols = 120, rows = 36): PtyScreen {
  const screen = new PtyScreen({ args: [...args, '--kubeconfig', cluster.kubeconfigPath], cols, rows, env: env(), cwd: dir });
  screens.push(screen);
  return screen;
}

function piped(args: string[]): Promise<{ code: number | null; stdout: Buffer; stderr: Buffer }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [binPath, ...args, '--kubeconfig', cluster.kubeconfigPath],
      { env: { PATH: process.env['PATH'] ?? '', LANG: 'C.UTF-8', HOME: dir, XDG_STATE_HOME: dir }, encoding: 'buffer', timeout: 20_000, cwd: dir },
      (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

/** The alternate screen is entered once at the start and left once at the very end. */
function alternateScreenOnlyAtTheEdges(bytes: Buffer): void {
  const text = bytes.toString('utf8');
  expect(text.startsWith('\x1b[?1049h')).toBe(true);
  expect(text.split('\x1b[?1049h')).toHaveLength(2);
  expect(text.split('\x1b[?1049l')).toHaveLength(2);
  // After leaving it, only podscope's own mode resets.
  expect(text.slice(text.indexOf('\x1b[?1049l'))).toMatch(/^(?:\x1b\[\?\d+[hl]|\x1b\[0?m|\r|\n)*$/);
}

describe('a hostile cluster', () => {
  it('the explorer shows every hostile field as placeholders: table, tree, events, all namespaces, picker, help, log view', async () => {
    // Wide enough that whole payloads show as placeholders somewhere (the table's STATUS, the tree);
    // tall enough for the tree under the WHY line, which the hostile names make many lines long.
    const screen = pty([], 300, 70);
    await screen.waitFor((s) => s.includes(VICTIM) && s.includes('h-pod^[[2J'), 'the pod table with the hostile pod');
    // The watch's pieces were cut inside characters and invalid bytes: decoded whole all the same.
    await screen.waitFor((s) => s.includes(WATCHED), 'the pod that came by the watch');
    // Kubeconfig names in the header, a pod name shown with its escapes visible.
    const first = await screen.text();
    expect(first).toContain('context: ctx^[[2J^[[H^[[?1049l^[]0;pwned-title^G');
    expect(first).toMatch(/h-pod\^\[\[2J/);
    screen.write(`/${VICTIM}\r`);
    await screen.waitFor((s) => s.includes('node node-1^[[2J') && !s.includes(WATCHED), 'the victim alone, its node in the status line');
    // The WHY line quotes container names, reasons and messages: as placeholders too.
    // (The side container's long hostile name is cut across the WHY line's wrapped lines.)
    await screen.waitFor((s) => s.includes('WHY container') && s.includes('restarted 2×, last'), 'the WHY line of the victim');
    screen.write('\t');
    await screen.waitFor((s) => s.includes('Waiting: CrashLoopBackOff^[[2J'), 'the container tree');
    // The owner line is cut inside the hostile ReplicaSet name; podscope tree below shows it whole.
    await screen.waitFor((s) => s.includes('owner ReplicaSet h-rs^[[2J'), 'the owner chain');
    screen.write('x');
    await screen.waitFor((s) => s.includes('service account h-sa^[[2J') && s.includes('priority 1000 (h-prio^[[2J'), 'the spec details, unfolded');
    screen.write('x');
    // Usage of the hostile containers (summed; the hostile quantity is no number): numbers only.
    await screen.waitFor((s) => s.includes('usage CPU 8m MEM 13Mi (usage from metrics.k8s.io)'), "the victim's usage in the tree");
    screen.write('j');
    screen.write('\t');
    await screen.waitFor((s) => s.includes('Back-off restarting') && s.includes('Normal^'), 'the pod events');
    screen.write('e');
    await screen.waitFor((s) => s.includes('all of namespace lab') && s.includes('5 (4 warnings)'), 'every event of the namespace');
    // One event whole: its object, source and message are cluster text too.
    screen.write('E');
    await screen.waitFor((s) => /Event \d of 5/.test(s) && /Source +kubelet\^\[\[2J/.test(s) && /Object +\S*\^\[\[2[Jj]/.test(s) && /Message\n +\S/.test(s), 'the event detail with hostile fields');
    screen.write('\x1b');
    await screen.waitFor((s) => !/Event \d of 5/.test(s), 'the event detail closed');
    // The filter off again, then every namespace.
    screen.write('/');
    screen.write('\x1b');
    await screen.waitFor((s) => s.includes(WATCHED), 'the filter cleared');
    screen.write('A');
    await screen.waitFor((s) => s.includes('h-other^[[2J') && s.includes('the events of every namespace are broken'), 'all namespaces, the events error (500) with its hostile message');
    screen.write('?');
    await screen.waitFor((s) => s.includes('access reviews are forbidden: ^[[2J'), 'the help with the 403 reasons');
    screen.write('G');
    await screen.waitFor((s) => s.includes('usage: not available (metrics.k8s.io: forbidden; summary: 404)'), 'the help saying why usage is not available');
    screen.write('\x1b');
    await screen.waitFor((s) => !s.includes('Esc, ? or q to close'), 'the help closed');
    screen.write('n');
    await screen.waitFor((s) => s.includes('h-ns^[[2J') && s.includes('h-ns-2^[[2J'), 'the namespace picker with hostile names');
    // Esc and the next key in one read would be Alt-A: wait for the picker to close first.
    screen.write('\x1b');
    await screen.waitFor((s) => !s.includes('Enter choose, Esc cancel'), 'the picker closed');
    screen.write('A');
    await screen.waitFor((s) => s.includes('namespace: lab'), 'back to one namespace');
    // Events pane had the focus: back to the pods, the victim, its log.
    screen.write('\t');
    screen.write(`/${VICTIM}\r`);
    await screen.waitFor((s) => !s.includes(WATCHED), 'the victim alone');
    screen.write('l');
    // The status line counts the hostile lines too (its counts go through the same raw-byte checks below).
    await screen.waitFor((s) => s.includes('plain last line') && s.includes('log line two') && /│ [1-9][\d,]* lines? │/.test(s), 'the log view, its lines counted');
    screen.write('s');
    await screen.waitForText('r raw bytes as the server sent them');
    screen.write('r');
    await screen.waitForText('raw bytes saved to');
    screen.write('s');
    await screen.waitForText('t as text');
    screen.write('t');
    await screen.waitForText('text saved to');
    screen.write('\x1b');
    await screen.waitFor((s) => s.includes('NAME') && s.includes(VICTIM), 'back to the explorer');
    screen.write('q');
    expect((await screen.waitForExit()).exitCode).toBe(0);

    const bytes = screen.bytes;
    expect(foreignControls(bytes)).toEqual([]);
    alternateScreenOnlyAtTheEdges(bytes);
    // Shown, not swallowed: the placeholders are there, the payloads are not.
    const text = bytes.toString('utf8');
    expect(text).toContain('^[]52;c;cm0gLXJmIH4K^G');
    expect(text).toContain('<U+009B>2J<U+009D>0;c1-title<U+009C>');
    expect(text).toContain('<U+202E>evil<U+202C><U+2066>iso<U+2069><U+200F>');
    expect(text).toContain('^@nul^Gbel');
    expect(text).toContain('\ufffd');

    // The log saved raw is the server's bytes; saved as text it has no escape left.
    const files = readdirSync(dir).filter((name) => name.endsWith('.log'));
    const raw = files.find((name) => name.endsWith('.raw.log'));
    const plain = files.find((name) => !name.endsWith('.raw.log'));
    expect(raw).toBeDefined();
    expect(plain).toBeDefined();
    expect(readFileSync(join(dir, raw!))).toEqual(cluster.logBytes);
    const saved = readFileSync(join(dir, plain!));
    expect(foreignControls(saved)).toEqual([]);
    expect(saved.toString('utf8')).toContain('plain last line\n');
  }, 120_000);

  it('the workload log (L) prefixes every line with its hostile pod name, cleaned; the line filter keeps only the matching lines', async () => {
    const screen = pty([], 200, 40);
    await screen.waitFor((s) => s.includes(VICTIM) && s.includes('h-pod^[[2J'), 'the pod table with the hostile pod');
    screen.write(`/${VICTIM}\r`);
    await screen.waitFor((s) => s.includes('node node-1^[[2J'), 'the victim selected');
    screen.write('L');
    await screen.waitFor((s) => s.includes('ReplicaSet h-rs^[[2J') && /\[~[^\n]*\] plain last line/.test(s) && /\[victim\] plain last line/.test(s), 'the workload log with both pods prefixed (the hostile name cut to a third of the width)');
    screen.write('f');
    screen.write('plain\r');
    await screen.waitFor((s) => !s.includes('log line two') && /\[~[^\n]*\] plain last line/.test(s) && s.includes('[victim] plain last line'), 'only the plain lines (the header is cut by the hostile kind)');
    screen.write('\x1b');
    await screen.waitFor((s) => s.includes('NAME') && s.includes(VICTIM), 'back to the explorer');
    screen.write('q');
    expect((await screen.waitForExit()).exitCode).toBe(0);
    expect(foreignControls(screen.bytes)).toEqual([]);
    alternateScreenOnlyAtTheEdges(screen.bytes);
  }, 120_000);

  it('at 80x24 the columns still line up, whatever the names hold', async () => {
    const screen = pty([], 80, 24);
    const text = await screen.waitFor((s) => s.includes(VICTIM) && s.includes('h-pod^[[2J'), 'the pod table');
    const lines = text.split('\n');
    const title = lines.find((line) => line.startsWith('NAME'));
    const rows = lines.filter((line) => line.startsWith('h-pod') || line.startsWith(VICTIM));
    expect(rows).toHaveLength(2);
    for (const column of ['READY', 'STATUS', 'RESTARTS', 'AGE']) {
      const at = title?.indexOf(column) ?? -1;
      expect(at).toBeGreaterThan(0);
      for (const row of rows) expect(row[at - 1], `${column} in ${row}`).toBe(' ');
      for (const row of rows) expect(row[at], `${column} in ${row}`).not.toBe(' ');
    }
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    screen.write('q');
    await screen.waitForExit();
    expect(foreignControls(screen.bytes)).toEqual([]);
  }, 60_000);

  it.each([
    [['tree', VICTIM], 'Waiting: CrashLoopBackOff^[[2J'],
    [['events', VICTIM], 'Back-off restarting failed container ^[[2J'],
    [['logs', VICTIM], 'plain last line'],
    [['logs', VICTIM, '-c', 'side\x1b]0;t\x07'], 'container side^[]0;t^G is not valid'],
    [['logs', '-l', 'app=web', '--prefix'], '[pod/victim/app] plain last line'],
    [['logs', '-l', 'app=web', '--prefix', '-c', 'app', '--timestamps'], '[pod/h-pod^[[2J'],
    [['tree', 'gone'], 'pods "gone" not found: ^[[2J'],
    [['why', VICTIM], 'lab/victim: container side^[[2J^[[H^[[?1049l^[]0;pwned-title^G'],
    [['why'], 'lab/h-pod^[[2J'],
  ])('podscope %j writes no foreign control, piped or on a terminal', async (args, shown) => {
    const run = await piped(['-n', NAMESPACE, ...args]);
    const all = Buffer.concat([run.stdout, run.stderr]);
    expect(foreignControls(run.stdout)).toEqual([]);
    expect(foreignControls(run.stderr)).toEqual([]);
    expect(all.toString('utf8')).toContain(shown);

    const screen = pty(['-n', NAMESPACE, ...args]);
    await screen.waitForExit(20_000);
    expect(foreignControls(screen.bytes)).toEqual([]);
    expect(screen.bytes.toString('utf8')).toContain(shown);
  }, 60_000);

  it('podscope tree shows every spec field of the cluster as placeholders, and no value from a Secret', async () => {
    const run = await piped(['-n', NAMESPACE, 'tree', VICTIM]);
    expect(run.code).toBe(0);
    expect(foreignControls(run.stdout)).toEqual([]);
    expect(foreignControls(run.stderr)).toEqual([]);
    const text = run.stdout.toString('utf8');
    for (const shown of [
      'owner ReplicaSet h-rs^[[2J',
      'Deployment^[[2J',
      'h-deploy^[[2J',
      'service account h-sa^[[2J',
      'priority 1000 (h-prio^[[2J',
      'node selector h-sel-key^[[2J',
      'h-aff-key^[[2J',
      'h-anti^[[2J',
      'h-topology^[[2J',
      'h-taint^[[2J',
      'h-taint-value^[[2J',
      'seccomp=h-seccomp^[[2J',
      'sysctl h-sysctl^[[2J',
      'resources requests h-res^[[2J',
      'h-qty^[[2J',
      'h-limit^[[2J',
      'port h-port^[[2J',
      'h-probe-cmd ^[[2J',
      'h-probe-path^[[2J',
      'h-probe-host^[[2J',
      'h-probe-port^[[2J',
      'h-probe-said ^[[2J',
      'mount /h-mount^[[2J',
      'h-volume^[[2J',
      'h-subpath^[[2J',
      'secret h-vol-secret^[[2J',
      'H_LITERAL^[[2J',
      'h-literal-value ^[[2J',
      'H_SECRET from secret h-secret^[[2J',
      'h-secret-key^[[2J',
      'h-configmap^[[2J',
      'h-config-key^[[2J',
      'h-field^[[2J',
      'h-envfrom^[[2J',
      'h-prefix^[[2J',
      'capabilities +h-cap^[[2J',
      'seccomp=Localhost:h-profile^[[2J',
    ]) {
      expect(text, shown).toContain(shown);
    }
    expect(text).not.toContain('SECRET-VALUE-NEVER-SHOWN');
  }, 60_000);

  it('podscope logs --raw writes the bytes exactly as the server sent them, when asked', async () => {
    const run = await piped(['-n', NAMESPACE, 'logs', VICTIM, '--raw']);
    expect(run.code).toBe(0);
    expect(run.stdout).toEqual(cluster.logBytes);
  });

  it('kept the server busy within bounds', () => {
    expect(cluster.requests()).toBeLessThan(1_000);
  });
});

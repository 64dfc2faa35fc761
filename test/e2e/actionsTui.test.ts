import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { httpBody } from '../helpers/http.js';
import { PtyScreen } from './helpers/ptyScreen.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function start(args: string[]): { tui: PtyScreen; stateDir: string } {
  const stateDir = mkdtempSync(join(tmpdir(), 'podscope-e2e-state-'));
  const tui = new PtyScreen({ args, cols: 120, rows: 40, env: { XDG_STATE_HOME: stateDir } });
  cleanups.push(() => {
    tui.dispose();
    rmSync(stateDir, { recursive: true, force: true });
  });
  return { tui, stateDir };
}

function auditKinds(stateDir: string): string[] {
  try {
    return readFileSync(join(stateDir, 'podscope', 'audit.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => String((JSON.parse(line) as { kind: unknown }).kind));
  } catch {
    return [];
  }
}


const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Types `text` one key at a time, each seen on the screen (as `shown(prefix)`) before the next. */
async function typeSeen(tui: PtyScreen, text: string, shown: (prefix: string) => string): Promise<void> {
  for (let typed = 1; typed <= text.length; typed++) {
    tui.write(text[typed - 1] ?? '');
    const prefix = text.slice(0, typed);
    await tui.waitFor((screen) => screen.includes(shown(prefix)), `"${prefix}" typed`, 20_000);
  }
}

/**
 * Selects the pod through the filter: `/name` Enter puts the selection on the only row left. One key
 * at a time, each seen before the next: on a loaded machine the key router may drop a key that comes
 * before the screen showed the previous one (it takes that for a held key).
 */
async function select(tui: PtyScreen, namespace: string, name: string): Promise<void> {
  tui.write('/');
  await tui.waitFor((text) => text.includes('Enter keep'), 'the filter prompt', 20_000);
  await typeSeen(tui, name, (prefix) => `filter: ${prefix} `);
  tui.write('\r');
  await tui.waitFor((text) => !text.includes('Enter keep') && text.includes(`Containers │ ${namespace}/${name}`), `the selection on ${name}`, 20_000);
}

describe('pod actions in the explorer', () => {
  it('D describes the OOMKilled pod with its last state and limits; y shows its YAML', async () => {
    const { tui } = start(['--demo', '-n', 'states', '--speed', '4']);
    await tui.waitFor((text) => /oom\s+0\/1\s+(OOMKilled|CrashLoopBackOff)/.test(text), 'oom to have been killed', 30_000);
    await select(tui, 'states', 'oom');
    tui.write('D');
    await tui.waitForText('Describe states/oom', 20_000);
    tui.write('/');
    await typeSeen(tui, 'OOMKilled', (prefix) => `/${prefix}▏`);
    tui.write('\r');
    await tui.waitForText('/OOMKilled: ', 20_000);
    const described = await tui.waitFor((text) => /Last State:\s+Terminated/.test(text) && /Reason:\s+OOMKilled/.test(text), 'the last state', 20_000);
    expect(described).toMatch(/Exit Code:\s+137/);
    tui.write('/');
    await typeSeen(tui, 'Limits', (prefix) => `/${prefix}▏`);
    tui.write('\r');
    await tui.waitForText('/Limits: ', 20_000);
    await tui.waitFor((text) => /Limits:\s*\n\s+memory:\s+20Mi/.test(text), 'the memory limit', 20_000);
    tui.write('\x1b');
    await tui.waitForText('Containers │ states/oom');
    await pause(300);
    tui.write('y');
    await tui.waitFor((text) => text.includes('YAML states/oom') && /memory: 20Mi/.test(text), 'the YAML view', 20_000);
    tui.write('q');
    await tui.waitForText('Containers │ states/oom');
    await pause(300);
    tui.write('q');
    expect((await tui.waitForExit()).exitCode).toBe(0);
  });

  it('F forwards a local port to the demo pod, HTTP works through it, :pf shows it; it survives a shell and lasts until podscope quits', async () => {
    const { tui, stateDir } = start(['--demo', '-n', 'lab']);
    await tui.waitFor((text) => /httpd\s+1\/1\s+Running/.test(text), 'httpd running', 30_000);
    await select(tui, 'lab', 'httpd');
    tui.write('F');
    await tui.waitForText('8080/TCP http (httpd)', 20_000);
    tui.write('\r');
    const started = await tui.waitFor((text) => /forwarding 127\.0\.0\.1:\d+ -> lab\/httpd:8080/.test(text), 'the forward', 20_000);
    const port = Number(/forwarding 127\.0\.0\.1:(\d+)/.exec(started)?.[1]);
    expect(await httpBody(port)).toBe('podscope-lab-httpd-ok\n');
    // The shell takes the terminal from the UI; the forward is not the UI's and keeps serving.
    tui.write('s');
    await tui.waitFor((text) => text.includes('attached to pod/httpd container httpd'), 'the shell banner', 20_000);
    expect(await httpBody(port)).toBe('podscope-lab-httpd-ok\n');
    await typeSeen(tui, 'exit', (prefix) => `# ${prefix}`);
    tui.write('\r');
    await tui.waitFor((text) => /httpd exited \(exit code 0\)/.test(text), 'the explorer again', 20_000);
    tui.write(':');
    await typeSeen(tui, 'pf', (prefix) => `:${prefix}`);
    tui.write('\r');
    await tui.waitFor((text) => /Port-forwards \(1 active\)/.test(text) && /lab\/httpd\s+127\.0\.0\.1:\d+\+?\s+8080\s+active\s+0\/2/.test(text), 'the forwards view with two connections', 20_000);
    tui.write('\x1b');
    await tui.waitForText('Containers │ lab/httpd');
    await pause(300);
    tui.write('q');
    expect((await tui.waitForExit()).exitCode).toBe(0);
    await expect(httpBody(port)).rejects.toThrow();
    expect(auditKinds(stateDir)).toEqual(['exec', 'port-forward']);
  });

  it('Ctrl-D: the row shows Terminating and the ReplicaSet starts a replacement; Ctrl-K kills at once', async () => {
    const { tui, stateDir } = start(['--demo', '-n', 'shop', '--speed', '2']);
    const table = await tui.waitFor((text) => (text.match(/frontend-\S+\s+1\/1\s+Running/g) ?? []).length === 3, 'three frontends running', 30_000);
    const victim = /(frontend-\S+)\s+1\/1\s+Running/.exec(table)?.[1] ?? '';
    await select(tui, 'shop', victim);
    tui.write('\x04');
    await tui.waitFor((text) => text.includes(`Delete pod shop/${victim}? Grace period 30s.`) && text.includes('ReplicaSet'), 'the confirmation', 20_000);
    tui.write('y');
    await tui.waitFor((text) => new RegExp(`${victim}\\s+\\S+\\s+Terminating`).test(text), 'the row Terminating', 20_000);
    tui.write('\x1b');
    await tui.waitFor((text) => !text.includes('filter:'), 'the filter cleared', 20_000);
    // The replacement comes up under a new name beside the terminating one.
    await tui.waitFor((text) => (text.match(/frontend-\S+\s+\d\/1\s+(Running|ContainerCreating|Pending)/g) ?? []).filter((row) => !row.startsWith(victim)).length === 3, 'a replacement frontend', 40_000);
    const next = /(frontend-\S+)\s+1\/1\s+Running/.exec((await tui.text()).replace(new RegExp(`${victim}.*`), ''))?.[1] ?? '';
    await select(tui, 'shop', next);
    tui.write('\x0b');
    await tui.waitForText(`Kill pod shop/${next}? Grace period 0, forced.`, 20_000);
    await typeSeen(tui, 'kill', (prefix) => `> ${prefix}`);
    tui.write('\r');
    await tui.waitFor((text) => text.includes(`shop/${next} killed`), 'the kill', 20_000);
    tui.write('\x1b');
    await tui.waitFor((text) => !text.includes('filter:') && !text.split('\n').some((line) => line.startsWith(`${next} `)), 'the killed pod gone from the table', 20_000);
    tui.write('q');
    expect((await tui.waitForExit()).exitCode).toBe(0);
    expect(auditKinds(stateDir)).toEqual(['delete', 'kill']);
  });

  it(':ctx to the read-only user greys out debug and delete with the reason', async () => {
    const { tui } = start(['--demo', '-n', 'lab']);
    await tui.waitFor((text) => /web\s+1\/1\s+Running/.test(text), 'web running', 30_000);
    await select(tui, 'lab', 'web');
    tui.write(':');
    await typeSeen(tui, 'ctx', (prefix) => `:${prefix}`);
    tui.write('\r');
    await tui.waitFor((text) => /● podscope-demo\s+\(/.test(text) && text.includes('podscope-demo-readonly'), 'the context picker', 20_000);
    await typeSeen(tui, 'readonly', (prefix) => `> ${prefix}`);
    tui.write('\r');
    const switched = await tui.waitFor((text) => text.includes('switched to context podscope-demo-readonly'), 'the switch', 30_000);
    expect(switched).toContain('user: podscope-demo-viewer');
    await tui.waitFor((text) => text.includes('d debug (forbidden: cannot patch pods/ephemeralcontainers in namespace lab)'), 'debug greyed out', 20_000);
    await select(tui, 'lab', 'web');
    tui.write('\x04');
    await tui.waitForText('forbidden: cannot delete pods in namespace lab', 20_000);
    tui.write('?');
    await tui.waitForText('Show every key', 20_000);
    // The help is longer than the screen: scroll (three lines a second) until the delete key's line shows.
    await tui.askUntil('jjj', (text) => /\(disabled: forbidden: cannot delete pods in namespace lab\)/.test(text), 'the reason in the help', 40_000);
    tui.write('q');
    await pause(300);
    tui.write('q');
    expect((await tui.waitForExit()).exitCode).toBe(0);
  });
});

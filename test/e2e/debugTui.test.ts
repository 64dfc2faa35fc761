import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PtyScreen } from './helpers/ptyScreen.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const selected = (text: string): string | undefined => text.split('\n').find((line) => /^lab\/\S+ /.test(line))?.split(' ')[0];

describe('the debug key in the explorer', () => {
  it('launches a debug container, hands the terminal to its shell, and gives the explorer back as it was', async () => {
    const state = mkdtempSync(join(tmpdir(), 'podscope-state-'));
    const tui = new PtyScreen({ args: ['--demo', '-n', 'lab', '--record', join(state, 'casts')], cols: 160, rows: 50, env: { XDG_STATE_HOME: state } });
    cleanups.push(() => tui.dispose(), () => rmSync(state, { recursive: true, force: true }));

    await tui.waitFor((text) => /web\s+1\/1\s+Running/.test(text), 'web running', 20_000);
    tui.write('G');
    await tui.waitFor((text) => selected(text) === 'lab/web', 'web selected');
    tui.write('d');
    await tui.waitForText('busybox:1.36');
    tui.write('\r');
    // The waiting panel, then the shell in the debug container (busybox-like prompt).
    await tui.waitFor((text) => /attached to pod\/web container debugger-[a-z0-9]{5}/.test(text), 'the hand-over banner', 30_000);
    expect(tui.inAlternateScreen).toBe(false);
    // The shell drew its prompt before anyone attached; the hand-over makes it draw it again, no Enter needed.
    await tui.waitFor((text) => text.includes('/ #'), 'a shell prompt');
    tui.write('echo $((6*7))\r');
    await tui.waitFor((text) => /^42$/m.test(text), 'the shell computing 42');
    tui.resize(132, 43);
    await tui.askUntil('stty size\r', (text) => /^43 132$/m.test(text), 'the new size inside the shell');
    tui.write('exit\r');

    // Back in the explorer: same namespace and selection, the exit code in the status line.
    const back = await tui.waitFor((text) => /debugger-\S+ exited \(exit code 0\)/.test(text), 'the status line after the shell', 20_000);
    expect(tui.inAlternateScreen).toBe(true);
    expect(back).toContain('namespace: lab');
    // The status line holds the message now; the container pane's title names the selected pod.
    expect(back).not.toContain('waiting for it to run');
    // The stores outlived the hand-over: the table and the selection are there at once, not after a relist.
    expect(back).not.toContain('connecting…');
    expect(back).toMatch(/Containers │ lab\/web/);
    const container = /(debugger-[a-z0-9]{5})/.exec(back)![1]!;
    await tui.waitFor((text) => new RegExp(`${container}.*Terminated`).test(text) || text.includes('exit 0'), 'the tree showing the debug container terminated');

    const audit = readFileSync(join(state, 'podscope', 'audit.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(audit.at(-1)).toMatchObject({ kind: 'debug', namespace: 'lab', pod: 'web', container, image: 'busybox:1.36', target: 'web', profile: 'general', exitCode: 0, outcome: 'exited' });

    // --record: the session's output as asciicast v2 (a header line, then [time, "o", data] events).
    const casts = readdirSync(join(state, 'casts'));
    expect(casts).toHaveLength(1);
    const cast = readFileSync(join(state, 'casts', casts[0]!), 'utf8').trim().split('\n');
    expect(JSON.parse(cast[0]!)).toMatchObject({ version: 2 });
    expect(cast.slice(1).some((line) => line.includes('42'))).toBe(true);

    tui.write('q');
    expect((await tui.waitForExit()).exitCode).toBe(0);
  });

  it('s opens a shell in the app container and comes back; an image without a shell says so', async () => {
    const state = mkdtempSync(join(tmpdir(), 'podscope-state-'));
    const tui = new PtyScreen({ args: ['--demo', '-n', 'lab'], cols: 160, rows: 50, env: { XDG_STATE_HOME: state } });
    cleanups.push(() => tui.dispose(), () => rmSync(state, { recursive: true, force: true }));
    await tui.waitFor((text) => /web\s+1\/1\s+Running/.test(text), 'web running', 20_000);
    tui.write('G');
    await tui.waitFor((text) => selected(text) === 'lab/web', 'web selected');
    tui.write('s');
    await tui.waitFor((text) => text.includes('attached to pod/web container web'), 'the shell banner', 20_000);
    expect(tui.inAlternateScreen).toBe(false);
    tui.write('echo $((6*7))\r');
    await tui.waitFor((text) => /^42$/m.test(text), 'the shell computing 42');
    tui.write('exit 3\r');
    await tui.waitFor((text) => /web exited \(exit code 3\)/.test(text), 'the exit code in the status line', 20_000);
    expect(tui.inAlternateScreen).toBe(true);

    // Typed in one go, as over a fast SSH link: every key reaches the prompt that ':' opens.
    tui.write(':ns states\r');
    await tui.waitFor((text) => /noshell\s+1\/1\s+Running/.test(text), 'the states namespace', 20_000);
    // Selected by its name, as a person would: j-stepping while the new namespace's pods still
    // arrive on a loaded machine could stop one row off (it once opened notready's shell).
    tui.write('/noshell\r');
    await tui.waitFor((text) => selected(text.replace(/^states\//m, 'lab/')) === 'lab/noshell', 'noshell selected', 20_000);
    tui.write('s');
    await tui.waitFor((text) => /has no shell \(executable file not found\); press d/.test(text), 'the no-shell message', 20_000);
    tui.write('q');
    expect((await tui.waitForExit()).exitCode).toBe(0);
  });

  it('offers no debug, attach or shell keys with --readonly', async () => {
    const tui = new PtyScreen({ args: ['--demo', '-n', 'lab', '--readonly'], cols: 160, rows: 50 });
    cleanups.push(() => tui.dispose());
    const text = await tui.waitFor((screen) => /web\s+1\/1\s+Running/.test(screen), 'web running', 20_000);
    expect(text).not.toMatch(/\bd debug\b/);
    tui.write('d');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await tui.text()).not.toContain('busybox:1.36');
    tui.write('q');
    await tui.waitForExit();
  });
});

// The TUI's log view in a pseudo-terminal, opened as a person does (filter the pods to `web`, `l`),
// read off the screen through a headless xterm: the status line's counts, the last line shown.
import xterm from '@xterm/headless';
import { bin } from './measure.js';

const FRAME_START = '\x1b[?2026h';

/** The counts of the log view's status line, and the text of its bottom log row. */
export function parseLogView(screen, pod) {
  const header = screen.find((line) => line.includes(`${pod} │ `) && / lines?\b/.test(line));
  if (header === undefined) return undefined;
  const number = (text) => (text === undefined ? 0 : Number(text.replace(/,/g, '')));
  const counts = /│ ([\d,]+) lines?(?:, ([\d,]+) dropped)?(?: │ ([\d,]+)\/s)?/.exec(header);
  if (counts === null) return undefined;
  const paused = /│ paused, ([\d,]+) new lines?/.exec(header);
  const ticks = screen.map((line) => /web tick (\d+)\s*$/.exec(line)?.[1]).filter((tick) => tick !== undefined);
  return {
    received: number(counts[1]),
    dropped: number(counts[2]),
    perSecond: number(counts[3]),
    paused: paused === null ? undefined : number(paused[1]),
    lastTick: ticks.length === 0 ? undefined : Number(ticks[ticks.length - 1]),
  };
}

export async function openLogView(kubeconfig, { namespace, pod, cols = 200, rows = 50, args = [], nodeArgs = [], env: extraEnv = {}, timeoutMs = 180_000 }) {
  const { spawn } = await import('node-pty');
  const env = { ...process.env, LANG: 'C.UTF-8', TERM: 'xterm-256color', PODSCOPE_CONFIG: '', ...extraEnv };
  delete env.CI;
  const terminal = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  const pty = spawn(process.execPath, [...nodeArgs, bin, '-n', namespace, '--kubeconfig', kubeconfig, ...args], { name: 'xterm-256color', cols, rows, env });
  terminal.onData((reply) => pty.write(reply));
  let bytes = 0;
  let frames = 0;
  let exited = false;
  pty.onData((data) => {
    bytes += Buffer.byteLength(data);
    for (let at = data.indexOf(FRAME_START); at >= 0; at = data.indexOf(FRAME_START, at + 1)) frames++;
    terminal.write(data);
  });
  pty.onExit(() => (exited = true));
  const screen = async () => {
    await new Promise((resolve) => terminal.write('', resolve));
    const buffer = terminal.buffer.active;
    const lines = [];
    for (let row = 0; row < terminal.rows; row++) lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
    return lines;
  };
  const waitFor = async (what, predicate, ms = timeoutMs) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const lines = await screen();
      const found = predicate(lines);
      if (found) return found;
      if (exited) throw new Error(`podscope exited while waiting for ${what}`);
      if (Date.now() > deadline) {
        pty.kill();
        throw new Error(`no ${what} within ${ms / 1000} s; the screen:\n${lines.join('\n')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const view = {
    pid: pty.pid,
    get bytes() {
      return bytes;
    },
    get frames() {
      return frames;
    },
    screen,
    write: (keys) => pty.write(keys),
    /** The counts now (undefined while the screen is between frames). */
    read: async () => parseLogView(await screen(), `${namespace}/${pod}`),
    waitFor,
    /**
     * Pauses the view and reads it once it stands still: the absolute index of the bottom line (lines
     * taken in, less those that came since the pause, less one) and that line's sequence number. At
     * a firehose the bound may let the paused lines go before the screen is read twice (100,000
     * lines are half a second at 200,000/s): then it resumes and pauses again.
     */
    pausedAt: async () => {
      for (;;) {
        pty.write(' ');
        let before;
        for (;;) {
          const now = await waitFor('the paused log view', (lines) => {
            const read = parseLogView(lines, `${namespace}/${pod}`);
            return read?.paused !== undefined ? read : undefined;
          });
          if (now.lastTick === undefined) {
            before = undefined;
            break;
          }
          const index = now.received - now.paused - 1;
          if (before !== undefined && before.index === index && before.tick === now.lastTick) break;
          before = { index, tick: now.lastTick };
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        pty.write(' ');
        await waitFor('the log view following again', (lines) => parseLogView(lines, `${namespace}/${pod}`)?.paused === undefined);
        if (before !== undefined) return before;
        await waitFor('log lines again', (lines) => parseLogView(lines, `${namespace}/${pod}`)?.lastTick !== undefined);
      }
    },
    close: async () => {
      if (exited) return;
      await new Promise((resolve) => {
        pty.onExit(resolve);
        pty.write('\x1b');
        setTimeout(() => pty.write('q'), 500);
        setTimeout(() => pty.kill(), 10_000).unref();
      });
    },
  };
  // As a person does: filter the pod table to the pod, open its log.
  await waitFor('the pod table', (lines) => lines.some((line) => line.includes(pod) && line.includes('Running')));
  pty.write('/');
  pty.write(pod);
  pty.write('\r');
  await waitFor(`${pod} selected`, (lines) => lines.some((line) => line.includes(`Containers │ ${namespace}/${pod}`)));
  pty.write('l');
  await waitFor('the log view', (lines) => parseLogView(lines, `${namespace}/${pod}`)?.lastTick !== undefined);
  return view;
}

import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import type { V1Pod } from '@kubernetes/client-node';
import type { LogEvent } from '../../../src/kube/logs/logStream.js';
import type { PodLogRequest, PodLogSource } from '../../../src/kube/logs/podLogSession.js';
import { DisplayContext, displayValue } from '../../../src/ui/contexts/DisplayContext.js';
import { KeyInputProvider } from '../../../src/ui/input/KeyInput.js';
import { LogView } from '../../../src/ui/logs/LogView.js';
import { stripAnsi } from '../helpers/render.js';

/** A log source the test drives by hand: every stream it opened, with its batch callback. */
function scriptedSource(): PodLogSource & { opened: { request: PodLogRequest; deliver: (events: LogEvent[]) => void; closed: boolean }[] } {
  const opened: { request: PodLogRequest; deliver: (events: LogEvent[]) => void; closed: boolean }[] = [];
  return {
    opened,
    open(request, onBatch) {
      const entry = { request, deliver: onBatch, closed: false };
      opened.push(entry);
      return { close: () => (entry.closed = true) };
    },
  };
}

const line = (text: string): LogEvent => ({ kind: 'line', container: 'web', key: text, timestamp: '2026-11-23T10:00:00.000000000Z', text });
const tick = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits (on a loaded machine, for as long as it takes, up to 10 s) until `done` holds. */
async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await tick(5);
  }
}

const pod: V1Pod = { metadata: { name: 'web', namespace: 'lab' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };

describe('LogView switching streams', () => {
  it('drops what the old stream delivers after a switch, so neither the screen nor s shows it under the new header', async () => {
    const source = scriptedSource();
    let savedLines: string[] | undefined;
    const linesOf = (bytes: Uint8Array): string[] => Buffer.from(bytes).toString('utf8').split('\n').slice(0, -1);
    const ui = render(
      <DisplayContext.Provider value={displayValue({ unicode: true, color: false })}>
        <KeyInputProvider>
          <LogView source={source} pod={pod} onClose={() => undefined} save={async (_name, log) => { savedLines = linesOf(log.bytes); return '/tmp/x.log'; }} width={100} height={20} />
        </KeyInputProvider>
      </DisplayContext.Provider>,
    );
    await until(() => source.opened.length === 1, 'the first stream');
    source.opened[0]!.deliver([line('old stream line')]);
    await until(() => stripAnsi(ui.lastFrame() ?? '').includes('old stream line'), 'the old line');

    // The since preset restarts the stream; the old one still delivers a batch before React has
    // run the effect that closes it.
    ui.stdin.write('1');
    source.opened[0]!.deliver([line('late old line')]);
    const frames: string[] = [];
    await until(() => {
      frames.push(stripAnsi(ui.lastFrame() ?? ''));
      return source.opened.length === 2 && frames.some((f) => f.includes('since 1m'));
    }, 'the restarted stream');
    expect(source.opened).toHaveLength(2);
    expect(source.opened[1]!.request.sinceSeconds).toBe(60);
    expect(frames.some((f) => f.includes('since 1m'))).toBe(true);
    for (const frame of frames.filter((f) => f.includes('since 1m'))) expect(frame).not.toContain('late old line');
    ui.stdin.write('s');
    await tick(20);
    ui.stdin.write('t');
    await until(() => savedLines !== undefined, 'the save');
    expect(savedLines).toEqual([]);

    source.opened[1]!.deliver([line('new stream line')]);
    await until(() => stripAnsi(ui.lastFrame() ?? '').includes('new stream line'), 'the new line');
    ui.unmount();
  });
});

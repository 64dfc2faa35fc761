import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import type { V1Pod } from '@kubernetes/client-node';
import type { LogEvent } from '../../../src/kube/logs/logStream.js';
import type { PodLogSource } from '../../../src/kube/logs/podLogSession.js';
import { LogBuffer } from '../../../src/model/logView.js';
import type { LogRingOptions } from '../../../src/model/ringBuffer.js';
import { DisplayContext, displayValue } from '../../../src/ui/contexts/DisplayContext.js';
import { KeyInputProvider } from '../../../src/ui/input/KeyInput.js';
import { LogView } from '../../../src/ui/logs/LogView.js';
import { stripAnsi } from '../helpers/render.js';

/** A log source the test feeds by hand: the batch callback of the one stream the view opened. */
function scriptedSource(): PodLogSource & { deliver?: (events: LogEvent[]) => void } {
  const source: PodLogSource & { deliver?: (events: LogEvent[]) => void } = {
    open(_request, onBatch) {
      source.deliver = onBatch;
      return { close: () => undefined };
    },
  };
  return source;
}

const STAMP = '2026-11-23T10:00:00.000000000Z';
const line = (i: number, text = `line ${i}`): LogEvent => ({ kind: 'line', container: 'web', key: `${STAMP}${String(i).padStart(9, '0')}`, timestamp: STAMP, text });
const tick = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits (on a loaded machine, for as long as it takes, up to 20 s) for a frame that `done` accepts. */
async function frameWhere(ui: ReturnType<typeof render>, done: (frame: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const frame = stripAnsi(ui.lastFrame() ?? '');
    if (done(frame)) return frame;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${frame}`);
    await tick(5);
  }
}

const pod: V1Pod = { metadata: { name: 'web', namespace: 'lab' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };

function show(limits: LogRingOptions, columns = 80, rows = 24) {
  const source = scriptedSource();
  const ui = render(
    <DisplayContext.Provider value={displayValue({ unicode: true, color: false })}>
      <KeyInputProvider>
        <LogView source={source} pod={pod} limits={limits} onClose={() => undefined} save={async () => '/tmp/x.log'} width={columns} height={rows} />
      </KeyInputProvider>
    </DisplayContext.Provider>,
  );
  return { source, ui };
}

describe('LogView under a burst larger than its bound', () => {
  it('counts every line taken in and every one the line bound dropped, and shows the newest last', async () => {
    const { source, ui } = show({ maxLines: 100, maxBytes: 1024 * 1024 });
    await frameWhere(ui, () => source.deliver !== undefined, 'the stream');
    source.deliver!(Array.from({ length: 1000 }, (_, i) => line(i)));
    const frame = await frameWhere(ui, (f) => f.includes('line 999'), 'the burst');
    const lines = frame.split('\n');
    // 80 columns: the counts fit beside the pod and the state.
    expect(lines[0]).toMatch(/^lab\/web │ web │ following │ 1,000 lines, 900 dropped( │ [\d,]+\/s)? │ tail 500$/);
    expect(lines.at(-2)).toBe('line 999');
    // Then more: the count goes on from there.
    source.deliver!(Array.from({ length: 250 }, (_, i) => line(1000 + i)));
    const more = await frameWhere(ui, (f) => f.includes('line 1249'), 'the second burst');
    expect(more.split('\n')[0]).toMatch(/│ 1,250 lines, 1,150 dropped\b/);
    // The oldest line held is the one after the last dropped.
    ui.stdin.write('g');
    await frameWhere(ui, (f) => f.split('\n')[1] === 'line 1150', 'the top of what is held');
    ui.unmount();
  });

  it('counts what the byte bound dropped, as exactly as the buffer does', async () => {
    const limits = { maxLines: 100_000, maxBytes: 16 * 1024 };
    const { source, ui } = show(limits);
    await frameWhere(ui, () => source.deliver !== undefined, 'the stream');
    const burst = Array.from({ length: 2000 }, (_, i) => line(i, `line ${i} ${'é'.repeat(i % 37)}`));
    source.deliver!(burst);
    const expected = new LogBuffer(limits);
    for (const event of burst) if (event.kind === 'line') expected.appendLine(event.container, event.timestamp, event.text, false);
    expect(expected.start).toBeGreaterThan(0);
    const frame = await frameWhere(ui, (f) => f.includes('line 1999 '), 'the burst');
    const dropped = expected.start.toLocaleString('en');
    expect(frame.split('\n')[0]).toContain(`│ 2,000 lines, ${dropped} dropped`);
    expect(frame.split('\n').at(-2)).toMatch(/^line 1999 é+$/);
    ui.unmount();
  });

  it('says nothing was dropped while nothing was', async () => {
    const { source, ui } = show({ maxLines: 100, maxBytes: 1024 * 1024 });
    await frameWhere(ui, () => source.deliver !== undefined, 'the stream');
    source.deliver!(Array.from({ length: 100 }, (_, i) => line(i)));
    const frame = await frameWhere(ui, (f) => f.includes('line 99'), 'the lines');
    expect(frame.split('\n')[0]).toMatch(/│ 100 lines( │ [\d,]+\/s)? │ tail 500$/);
    expect(frame).not.toContain('dropped');
    ui.unmount();
  });
});

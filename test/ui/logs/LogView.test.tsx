import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { V1Pod } from '@kubernetes/client-node';
import { connectCluster, type ClusterSession } from '../../../src/kube/clusterSession.js';
import { podLogSource, type PodLogSource } from '../../../src/kube/logs/podLogSession.js';
import { saveLogFile } from '../../../src/kube/logs/saveLog.js';
import { DisplayContext, displayValue } from '../../../src/ui/contexts/DisplayContext.js';
import { KeyInputProvider } from '../../../src/ui/input/KeyInput.js';
import { LogView } from '../../../src/ui/logs/LogView.js';
import { startHarness, type Harness } from '../../kube/demoHarness.js';
import { renderAt, type RenderedUi } from '../helpers/render.js';

describe('LogView on the demo cluster', () => {
  let harness: Harness;
  let session: ClusterSession;
  let source: PodLogSource;
  let dir: string;
  const mounted: RenderedUi[] = [];

  beforeAll(async () => {
    harness = await startHarness({ speed: 20, namespace: 'lab' });
    session = await connectCluster(harness.config);
    source = podLogSource(session, { batchMs: 30, retryMs: 100, maxRetryMs: 500 });
    dir = mkdtempSync(join(tmpdir(), 'podscope-logview-'));
  });

  afterAll(async () => {
    for (const ui of mounted) ui.unmount();
    session?.close();
    await harness?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const show = async (name: string, onClose = (): void => {}): Promise<RenderedUi> => {
    const pod = await (await session.coreApi()).readNamespacedPod({ namespace: 'lab', name });
    const ui = renderAt(
      <DisplayContext.Provider value={displayValue({ unicode: true, color: true })}>
        <KeyInputProvider>
          <LogView source={source} pod={pod as V1Pod} onClose={onClose} save={(file, log) => saveLogFile(dir, file, log)} />
        </KeyInputProvider>
      </DisplayContext.Provider>,
      { columns: 100, rows: 20 },
    );
    mounted.push(ui);
    return ui;
  };

  it('follows the default container; t, w, space, / n N, 1, s and Esc do what they say', async () => {
    let closed = false;
    const ui = await show('web', () => (closed = true));
    await ui.waitForFrame((frame) => /web tick \d+/.test(frame) && frame.includes('following'));
    await ui.press('t');
    await ui.waitForFrame((frame) => /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z \d{2}:\d{2}:\d{2} web tick/.test(frame));
    await ui.press('w');
    await ui.waitForFrame((frame) => frame.includes('wrap'));
    await ui.press(' ');
    const paused = await ui.waitForFrame((frame) => /paused, [1-9]\d* new lines?\b/.test(frame), 20_000);
    // "1 new line", "2 new lines".
    const [, count, word] = /paused, (\d+) new (lines?)\b/.exec(paused) ?? [];
    expect(word).toBe(count === '1' ? 'line' : 'lines');
    await ui.press(' ');
    await ui.waitForFrame((frame) => frame.includes('following'));
    await ui.press('/', ...'tick 2', '\r');
    await ui.waitForFrame((frame) => frame.includes('/tick 2'));
    await ui.press('N');
    await ui.waitForFrame((frame) => frame.includes('scrolled') && /web tick 2/.test(frame));
    await ui.press('n');
    await ui.press('1');
    await ui.waitForFrame((frame) => frame.includes('since 1m') && /web tick \d+/.test(frame));
    await ui.press('s');
    await ui.waitForFrame((frame) => frame.includes('t as text (escape sequences removed)') && frame.includes('r raw bytes as the server sent them'));
    await ui.press('t');
    const saved = await ui.waitForFrame((frame) => frame.includes('text saved to'));
    const path = /to (\S+\.log)/.exec(saved.replace(/\n/g, ''))?.[1] ?? '';
    expect(path).toMatch(/web-web-.*\.log$/);
    expect(path).not.toMatch(/\.raw\.log$/);
    expect(readFileSync(path, 'utf8')).toMatch(/web tick \d+\n$/);
    await ui.press('s', 'r');
    const savedRaw = await ui.waitForFrame((frame) => frame.includes('raw bytes saved to'));
    const rawPath = /to (\S+\.raw\.log)/.exec(savedRaw.replace(/\n/g, ''))?.[1] ?? '';
    expect(readFileSync(rawPath, 'utf8')).toMatch(/web tick \d+\n$/);
    await ui.press('\u001b');
    await expect.poll(() => closed, { timeout: 5000 }).toBe(true);
  });

  it('marks a restart of a followed container and shows the new instance', async () => {
    const ui = await show('crashy');
    await ui.waitForFrame((frame) => frame.includes('── container restarted ──') && frame.split('── container restarted ──')[1]?.includes('starting crashy') === true, 60_000);
  });

  it('p shows the previous instance; on a pod without one, the server sentence', async () => {
    const crashy = await show('crashy');
    await crashy.press('p');
    await crashy.waitForFrame((frame) => frame.includes('previous instance') && frame.includes('exiting with 1'), 30_000);
    const web = await show('web');
    await web.press('p');
    await web.waitForFrame((frame) => frame.includes('previous terminated container "web" in pod "web" not found'));
  });

  it('c picks any container (init ones too) and shows the server saying it waits; a merges all with prefixes', async () => {
    const ui = await show('initwait');
    await ui.waitForFrame((frame) => frame.includes('waiting to start'));
    await ui.press('c');
    await ui.waitForFrame((frame) => frame.includes('init-ok') && frame.includes('init-wait'));
    await ui.press('k');
    await ui.waitForFrame((frame) => frame.includes('● init-wait'));
    await ui.press('\u001b[A');
    await ui.waitForFrame((frame) => frame.includes('● init-ok'));
    await ui.press('\r');
    await ui.waitForFrame((frame) => frame.includes('init-ok done'));
    const duo = await show('duo');
    await duo.press('a');
    await duo.waitForFrame((frame) => /\[alpha\] alpha/.test(frame) && /\[beta\] beta/.test(frame), 30_000);
  });
});

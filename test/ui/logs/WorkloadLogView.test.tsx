// Must come first: makes Ink's chalk emit colours although the test's stdout is not a terminal.
import '../helpers/forceColor.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCluster, type ClusterSession } from '../../../src/kube/clusterSession.js';
import { podLogSource } from '../../../src/kube/logs/podLogSession.js';
import { workloadLogSource, type WorkloadLogSource } from '../../../src/kube/logs/workloadLogSession.js';
import type { ResourceStore } from '../../../src/kube/resourceStore.js';
import type { Pod } from '../../../src/model/apiObjects.js';
import { controllerOf, workloadLeftMarker } from '../../../src/model/workloadLog.js';
import { DisplayContext, displayValue } from '../../../src/ui/contexts/DisplayContext.js';
import { KeyInputProvider } from '../../../src/ui/input/KeyInput.js';
import { LogView } from '../../../src/ui/logs/LogView.js';
import { eventually, startHarness, type Harness } from '../../kube/demoHarness.js';
import { KEYS, renderAt, type RenderedUi } from '../helpers/render.js';

const COLOUR_SGR = /\u001b\[(?:[0-9;]*;)?(?:3[0-8]|9[0-7])(?:;[0-9;]*)?m/;
const PREFIX = /^\[(frontend-[a-z0-9]+-[a-z0-9]+)\] /;

describe('the workload log in the log view, on the demo cluster', () => {
  let harness: Harness;
  let session: ClusterSession;
  let store: ResourceStore<Pod>;
  let workload: WorkloadLogSource;
  const mounted: RenderedUi[] = [];

  beforeAll(async () => {
    harness = await startHarness({ speed: 20, namespace: 'shop' });
    session = await connectCluster(harness.config);
    store = session.podStore({ namespace: 'shop' });
    await eventually(() => expect(store.connection().kind).toBe('live'));
    workload = workloadLogSource(session, (namespace) => session.podStore({ namespace }), { batchMs: 30, retryMs: 100, maxRetryMs: 500 });
  });

  afterAll(async () => {
    for (const ui of mounted) ui.unmount();
    store?.close();
    session?.close();
    await harness?.close();
  });

  const frontendPods = (): Pod[] =>
    store
      .snapshot()
      .filter((pod) => pod.metadata?.name?.startsWith('frontend-') === true && controllerOf(pod) !== undefined && pod.metadata.deletionTimestamp === undefined)
      .sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));

  const show = (pod: Pod, color: boolean, startWorkload = true): RenderedUi => {
    const ui = renderAt(
      <DisplayContext.Provider value={displayValue({ unicode: true, color })}>
        <KeyInputProvider>
          <LogView source={podLogSource(session)} workload={workload} startWorkload={startWorkload} pod={pod} onClose={() => {}} save={() => Promise.resolve('')} tailLines={30} />
        </KeyInputProvider>
      </DisplayContext.Provider>,
      { columns: 100, rows: 24 },
    );
    mounted.push(ui);
    return ui;
  };
  const prefixedPods = (frame: string): Set<string> => new Set(frame.split('\n').flatMap((line) => PREFIX.exec(line)?.[1] ?? []));
  const bodyLines = (frame: string): string[] => frame.split('\n').slice(1, -1).filter((line) => line.trim() !== '');

  it('merges the pods of the ReplicaSet with a prefix per pod, filters lines in and out, and marks a pod that goes away', async () => {
    const pods = frontendPods();
    expect(pods).toHaveLength(3);
    const first = pods[0];
    if (first === undefined) throw new Error('no frontend pod');
    const ui = show(first, true);
    await ui.waitForFrame((frame) => /ReplicaSet frontend-[a-z0-9]+ . 3 pods/.test(frame) && prefixedPods(frame).size >= 2, 30_000);
    // Coloured prefixes, one colour per pod.
    expect(ui.rawFrame()).toMatch(COLOUR_SGR);

    // f: only the lines with the text; the header says how many.
    await ui.press('f', ...'healthz', '\r');
    await ui.waitForFrame((frame) => /filter healthz \(\d+ lines\)/.test(frame));
    await ui.waitForFrame((frame) => bodyLines(frame).length > 0 && bodyLines(frame).every((line) => PREFIX.test(line) && line.includes('GET /healthz')), 30_000);
    // F: the inverse; nothing shown holds the text.
    await ui.press('F', ...'healthz', '\r');
    await ui.waitForFrame((frame) => frame.includes('filter !healthz ('));
    const inverse = await ui.waitForFrame((frame) => bodyLines(frame).length > 5 && bodyLines(frame).every((line) => PREFIX.test(line)));
    expect(bodyLines(inverse).some((line) => line.includes('healthz'))).toBe(false);
    // Scrolling up and back down in a filtered view: still only what the filter lets through.
    await ui.press(KEYS.pageUp);
    const scrolled = await ui.waitForFrame((frame) => frame.includes('scrolled'));
    expect(bodyLines(scrolled).some((line) => line.includes('healthz'))).toBe(false);
    await ui.press('G');
    // f and an empty text: every line again.
    await ui.press('f', ...'!healthz'.split('').map(() => '\u007f'), '\r');
    await ui.waitForFrame((frame) => !(frame.split('\n')[0] ?? '').includes('filter ') && bodyLines(frame).some((line) => line.includes('GET /')));

    const victim = pods[1]?.metadata?.name ?? '';
    await (await session.coreApi()).deleteNamespacedPod({ namespace: 'shop', name: victim, gracePeriodSeconds: 0 });
    await ui.waitForFrame((frame) => frame.includes(workloadLeftMarker(victim)), 60_000);
    // Its replacement joins; the view still follows three pods.
    await ui.waitForFrame((frame) => /. 3 pods/.test(frame) && frame.includes('following'), 60_000);

    // L: back to the one pod, without prefixes.
    await ui.press('L');
    await ui.waitForFrame((frame) => frame.startsWith(`shop/${first.metadata?.name ?? ''} │ frontend`) && bodyLines(frame).length > 0 && bodyLines(frame).every((line) => !PREFIX.test(line)), 30_000);
  }, 240_000);

  it('without colour (NO_COLOR): the prefixes are there, no colour is', async () => {
    const first = frontendPods()[0];
    if (first === undefined) throw new Error('no frontend pod');
    const ui = show(first, false);
    await ui.waitForFrame((frame) => prefixedPods(frame).size >= 2, 30_000);
    expect(ui.rawFrame()).not.toMatch(COLOUR_SGR);
  }, 60_000);

  it('L in a pod log opens its workload; a pod with no controller says so', async () => {
    const first = frontendPods()[0];
    if (first === undefined) throw new Error('no frontend pod');
    const ui = show(first, false, false);
    await ui.waitForFrame((frame) => frame.includes('following') && bodyLines(frame).length > 0, 30_000);
    await ui.press('L');
    await ui.waitForFrame((frame) => /ReplicaSet frontend-[a-z0-9]+ . 3 pods/.test(frame), 30_000);
    const lonely: Pod = { ...first, metadata: { ...first.metadata, ownerReferences: [] } };
    const other = show(lonely, false, false);
    await other.waitForFrame((frame) => frame.includes('following'), 30_000);
    await other.press('L');
    await other.waitForFrame((frame) => frame.includes('has no controller: no workload to follow'));
  }, 120_000);
});

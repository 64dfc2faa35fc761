import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import type { OwnerAnswer, OwnerLookup } from '../../src/model/tree/ownerChain.js';
import { App } from '../../src/ui/App.js';
import type { Display } from '../../src/ui/glyphs.js';
import type { OwnerServices } from '../../src/ui/services.js';
import { readFixtureJson } from '../helpers/fixtures.js';
import { kubectlPrintTime, kubectlTable, podList } from './helpers/pods.js';
import { overflowProblems, renderAt, type RenderedUi, type Size } from './helpers/render.js';
import { fakeServices } from './helpers/services.js';

afterEach(() => {
  cleanup();
});

const SMALL: Size = { columns: 80, rows: 24 };
const MEDIUM: Size = { columns: 120, rows: 40 };
const TAB = '\t';
const ENTER = '\r';
const states = podList('pods/states-list.json');
const statesEvents = readFixtureJson<{ items: CoreV1Event[] }>('events/states-events.json').items;
const statesNow = kubectlPrintTime(kubectlTable('kubectl/get-pods-states-wide.txt'), states);

/** Owner answers the test hands out when it wants, as a cluster would answer later. */
function manualOwners(): { owners: OwnerServices; answer(answer: OwnerAnswer): void; asked: string[] } {
  const listeners = new Set<() => void>();
  const asked: string[] = [];
  let current: OwnerAnswer = { kind: 'pending' };
  const lookup: OwnerLookup = (namespace, ref) => {
    if (ref.kind !== 'ReplicaSet') return undefined;
    asked.push(`${namespace}/${ref.kind}/${ref.name}`);
    return current;
  };
  return {
    owners: { lookup, subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)) },
    answer(next) {
      current = next;
      for (const listener of listeners) listener();
    },
    asked,
  };
}

async function mount(options: { size: Size; display?: Display; pods?: V1Pod[]; owners?: OwnerServices }): Promise<RenderedUi> {
  const fake = fakeServices({ now: statesNow, pods: options.pods ?? states, events: statesEvents, info: { namespace: 'states' } });
  if (options.owners !== undefined) fake.services.owners = options.owners;
  const ui = renderAt(<App services={fake.services} onQuit={() => {}} display={options.display ?? { unicode: true, color: false }} />, options.size);
  await ui.waitForFrame((f) => f.includes('NAME'));
  return ui;
}

async function selectPod(ui: RenderedUi, name: string): Promise<void> {
  await ui.press('/', ...name, ENTER);
  await ui.waitForFrame((f) => /Containers [│|] states\//.test(f) && f.includes(`states/${name}`));
  await ui.press(TAB);
}

function expectFits(ui: RenderedUi): void {
  const size = ui.size();
  expect(overflowProblems(ui.rawFrame(), { columns: size.columns, rows: size.rows - 1 })).toEqual([]);
}

describe('the tree, deeper', () => {
  test('80x24: the failing probe shows beside the state, the spec stays one folded line until x', async () => {
    const ui = await mount({ size: SMALL });
    await selectPod(ui, 'notready');
    await ui.press('G');
    let frame = await ui.waitForFrame((f) => f.includes('▸ spec no limits, readiness, 1 mount'));
    expect(frame).toContain('readiness failed 12× in 42s');
    expect(frame).not.toContain('resources none');
    expectFits(ui);
    await ui.press('x', 'G');
    frame = await ui.waitForFrame((f) => f.includes('readiness exec [sh -c exit 1] period=5s'));
    expect(frame).toContain('/var/run/secrets/kubernetes.io/serviceaccount');
    expectFits(ui);
    // x again folds every spec; the cursor inside one lands on its spec line.
    await ui.press('x');
    frame = await ui.waitForFrame((f) => f.includes('▸ spec no limits') && !f.includes('period=5s'));
    expect(frame.split('\n').find((l) => l.includes('▸ spec no limits'))).toBeDefined();
    expectFits(ui);
  });

  test('Enter unfolds one spec; the pod spec holds scheduling and tolerations', async () => {
    const ui = await mount({ size: MEDIUM });
    await selectPod(ui, 'unsched');
    // The pod line, phase, qos, node, ip, then the pod's spec.
    await ui.press('j', 'j', 'j', 'j', 'j');
    await ui.waitForFrame((f) => f.includes('▸ spec sa default, priority 0, selector disktype=nvme-does-not-exist'));
    await ui.press(ENTER);
    const frame = await ui.waitForFrame((f) => f.includes('node selector disktype=nvme-does-not-exist'));
    expect(frame).toContain('node.kubernetes.io/not-ready:NoExecute op=Exists for 300s');
    expectFits(ui);
  });

  test('the owner chain grows when the owner read answers; ASCII arrow without UTF-8', async () => {
    const pods = states.map((pod) =>
      pod.metadata?.name === 'notready'
        ? { ...pod, metadata: { ...pod.metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'notready-7d9f', uid: 'u1', controller: true }] } }
        : pod,
    );
    const manual = manualOwners();
    const ui = await mount({ size: SMALL, pods, owners: manual.owners, display: { unicode: false, color: false } });
    await selectPod(ui, 'notready');
    await ui.waitForFrame((f) => f.includes('owner ReplicaSet notready-7d9f -> ...'));
    expect(manual.asked).toContain('states/ReplicaSet/notready-7d9f');
    manual.answer({ kind: 'read', owner: { kind: 'Deployment', name: 'notready' } });
    await ui.waitForFrame((f) => f.includes('owner ReplicaSet notready-7d9f -> Deployment notready'));
    manual.answer({ kind: 'forbidden' });
    await ui.waitForFrame((f) => f.includes('owner ReplicaSet notready-7d9f (its owner: not readable, forbidden)'));
    expectFits(ui);
  });
});

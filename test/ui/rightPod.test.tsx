import type { V1Pod } from '@kubernetes/client-node';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { App } from '../../src/ui/App.js';
import type { UiServices } from '../../src/ui/services.js';
import { fakeDebug, type FakeDebug } from './helpers/debugServices.js';
import { kubectlPrintTime, kubectlTable, podList, renamed } from './helpers/pods.js';
import { renderAt, type RenderedUi } from './helpers/render.js';
import { fakeServices } from './helpers/services.js';

afterEach(() => {
  cleanup();
});

const lab = podList('pods/lab-list.json');
const states = podList('pods/states-list.json');
const labNow = kubectlPrintTime(kubectlTable('kubectl/get-pods-lab-wide.txt'), lab);
const ESC = '\u001b';
const ENTER = '\r';

function inShop(pod: V1Pod, name: string): V1Pod {
  const copy = renamed(pod, name);
  copy.metadata = { ...copy.metadata, namespace: 'shop' };
  return copy;
}

/** The namespaces of the report: the web pod competes with names that only match `web` fuzzily. */
const web = lab.find((p) => p.metadata?.name === 'web')!;
const everything = [...lab, ...states, inShop(web, 'orders-worker-6785b-x2k9q'), inShop(web, 'recommendation-7d6bc-zn9mq'), inShop(web, 'cart-5c7d9')];

async function mount(): Promise<{ ui: RenderedUi; debug: FakeDebug }> {
  const fake = fakeServices({ pods: everything, now: labNow, info: { allNamespaces: true } });
  const debug = fakeDebug();
  const services: UiServices = { ...fake.services, debug: debug.services };
  const ui = renderAt(<App services={services} onQuit={vi.fn()} display={{ unicode: true, color: false }} />, { columns: 120, rows: 30 });
  await ui.waitForFrame((f) => f.includes('NAME'));
  return { ui, debug };
}

function statusLine(ui: RenderedUi): string {
  return ui.lines().at(-2) ?? '';
}

describe('every action hits the pod on screen', () => {
  test.each([
    ['in one burst', (ui: RenderedUi) => ui.burst(`/done-ok${ENTER}${ESC}/web${ENTER}s`)],
    ['one key at a time', (ui: RenderedUi) => ui.press(...`/done-ok${ENTER}`, ESC, ...`/web${ENTER}`, 's')],
  ])('/done-ok⏎ Esc /web⏎ s opens the shell in lab/web, the pod highlighted (%s)', async (_how, type) => {
    const { ui, debug } = await mount();
    await type(ui);
    await vi.waitFor(() => expect(debug.shells).toHaveLength(1));
    expect(debug.shells[0]).toEqual({ namespace: 'lab', pod: 'web', container: 'web' });
    // The best match is the first row and the highlighted one.
    const frame = await ui.waitForFrame((f) => f.includes('filter: web'));
    expect(frame.split('\n')[3]).toMatch(/^[ !]?\s*lab\s+web\s/);
    expect(statusLine(ui)).toMatch(/^lab\/web/);
  });

  test('oom selects states/oom, not a name that only holds o, o, m somewhere', async () => {
    const { ui } = await mount();
    ui.burst(`/oom${ENTER}`);
    await ui.waitForFrame(() => statusLine(ui).startsWith('states/oom'));
  });

  test('d opens the form for the highlighted pod, named with its target in the title', async () => {
    const { ui } = await mount();
    ui.burst(`/crashy${ENTER}d`);
    const frame = await ui.waitForFrame((f) => f.includes('add an ephemeral container'));
    expect(frame).toContain('Debug lab/crashy │ target crashy │ add an ephemeral container');
    expect(frame).toContain('It cannot be removed once added');
  });
});

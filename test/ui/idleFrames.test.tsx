import type { CoreV1Event, V1Namespace } from '@kubernetes/client-node';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { App } from '../../src/ui/App.js';
import { readFixtureJson } from '../helpers/fixtures.js';
import { kubectlPrintTime, kubectlTable, podList } from './helpers/pods.js';
import { renderAt, type RenderedUi } from './helpers/render.js';
import { fakeServices, type FakeServices } from './helpers/services.js';

const SECOND = 1000;
const DAY = 24 * 3600 * SECOND;

const lab = podList('pods/lab-list.json');
const labEvents = readFixtureJson<{ items: CoreV1Event[] }>('events/lab-events.json').items;
const namespaces = readFixtureJson<{ items: V1Namespace[] }>('pods/namespaces-list.json').items;
const labNow = kubectlPrintTime(kubectlTable('kubectl/get-pods-lab-wide.txt'), lab);

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** The explorer on the lab pods at `now`, under fake timers (the clock the UI reads moves only with `pass`). */
async function mountAt(now: Date): Promise<{ ui: RenderedUi; fake: FakeServices; pass: (ms: number) => Promise<void> }> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  const fake = fakeServices({ now, pods: lab, events: labEvents, namespaces });
  const ui = renderAt(<App services={fake.services} onQuit={() => {}} display={{ unicode: true, color: false }} />, { columns: 120, rows: 40 });
  let clock = now.getTime();
  const pass = async (ms: number): Promise<void> => {
    for (let step = 0; step < ms; step += 100) {
      clock += 100;
      fake.setNow(new Date(clock));
      await vi.advanceTimersByTimeAsync(100);
    }
  };
  for (let i = 0; i < 500 && !ui.frame().includes('NAME'); i++) await vi.advanceTimersByTimeAsync(10);
  expect(ui.frame()).toContain('NAME');
  return { ui, fake, pass };
}

describe('the explorer with nothing changing', () => {
  test('draws no frame over minutes when no shown age changes (every age on screen is days old)', async () => {
    // A month later the lab pods, their restarts and events all read in days.
    const { ui, pass } = await mountAt(new Date(labNow.getTime() + 30 * DAY));
    await pass(2 * SECOND);
    const before = ui.writes();
    const frame = ui.frame();
    await pass(180 * SECOND);
    expect(ui.writes()).toBe(before);
    expect(ui.frame()).toBe(frame);
  });

  test('young ages are redrawn once a second, one frame for every pane', async () => {
    // At the recording's instant the lab pods are minutes old and the table, tree and events all show seconds.
    const { ui, pass } = await mountAt(labNow);
    await pass(2 * SECOND);
    const before = ui.writes();
    const frame = ui.frame();
    await pass(20 * SECOND);
    const frames = ui.writes() - before;
    expect(ui.frame()).not.toBe(frame);
    expect(frames).toBeGreaterThanOrEqual(19);
    expect(frames).toBeLessThanOrEqual(21);
  });
});

import type { CoreV1Event } from '@kubernetes/client-node';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { App } from '../../src/ui/App.js';
import { readFixtureJson } from '../helpers/fixtures.js';
import { kubectlPrintTime, kubectlTable, podList } from './helpers/pods.js';
import { renamed } from './helpers/pods.js';
import { renderAt } from './helpers/render.js';
import { fakeServices } from './helpers/services.js';

const lab = podList('pods/lab-list.json');
const labEvents = readFixtureJson<{ items: CoreV1Event[] }>('events/lab-events.json').items;
const labNow = kubectlPrintTime(kubectlTable('kubectl/get-pods-lab-wide.txt'), lab);

afterEach(() => {
  cleanup();
});

describe('data frames on screen', () => {
  test('events that arrive later reach the selected pod\'s panes, though the model draws no frame for them', async () => {
    const fake = fakeServices({ now: labNow, pods: lab, events: [] });
    const ui = renderAt(<App services={fake.services} onQuit={() => {}} display={{ unicode: true, color: false }} />, { columns: 120, rows: 40 });
    await ui.waitForFrame((f) => f.includes('NAME') && f.includes('badimage'));
    // The events pane opened, empty.
    await ui.press('e');
    await ui.waitForFrame((f) => f.includes('Events'));
    expect(ui.frame()).not.toContain('18 warnings');
    for (const { store } of fake.openedEvents) store.set(labEvents);
    await ui.waitForFrame((f) => f.includes('18 warnings'));
  });

  test('a pod added far below the screen changes the count in the header', async () => {
    const fake = fakeServices({ now: labNow, pods: lab });
    const ui = renderAt(<App services={fake.services} onQuit={() => {}} display={{ unicode: true, color: false }} />, { columns: 120, rows: 40 });
    await ui.waitForFrame((f) => f.includes('NAME'));
    const count = lab.length;
    expect(ui.frame()).toContain(`pods: ${count} `);
    fake.podStore().set([...lab, renamed(lab[0]!, 'zzz-last')]);
    await ui.waitForFrame((f) => f.split('\n').slice(0, 2).some((line) => line.includes(`pods: ${count + 1} `)));
  });
});

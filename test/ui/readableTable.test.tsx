import { cleanup } from 'ink-testing-library';
import type { V1Pod } from '@kubernetes/client-node';
import { afterEach, describe, expect, test } from 'vitest';
import { podStatus } from '../../src/model/podColumns.js';
import { App } from '../../src/ui/App.js';
import { podList, renamed } from './helpers/pods.js';
import { KEYS, overflowProblems, renderAt, stripAnsi, type Size } from './helpers/render.js';
import { fakeServices } from './helpers/services.js';

afterEach(() => cleanup());

const lab = podList('pods/lab-list.json');
const states = podList('pods/states-list.json');
/** initfail as the embedded cluster later has it: its init container in a crash loop. */
function crashLooping(pod: V1Pod, name: string): V1Pod {
  const copy = renamed(pod, name);
  const init = copy.status?.initContainerStatuses?.[0];
  if (init !== undefined) init.state = { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 20s' } };
  return copy;
}
const pods: V1Pod[] = [
  ...lab,
  ...states,
  crashLooping(states.find((p) => p.metadata?.name === 'initfail')!, 'initfail-again'),
  // Names as a CronJob's Jobs make them: the same long start, different ends.
  renamed(states[0]!, 'nightly-report-29936280-4rx2k'),
  renamed(states[1]!, 'nightly-report-29936280-8gq7m'),
  renamed(lab[0]!, 'metrics-server-78fd8569bb-nq2gv'),
];
const statuses = new Set(pods.map(podStatus));

describe.each([
  [80, 24],
  [120, 40],
  [200, 60],
])('the explorer at %dx%d', (columns, rows) => {
  const size: Size = { columns, rows };
  test.each([
    [true, '…'],
    [false, '~'],
  ])('prints each STATUS whole and no two names alike (Unicode: %s)', async (unicode, mark) => {
    const fake = fakeServices({ pods, info: { allNamespaces: true } });
    const ui = renderAt(<App services={fake.services} onQuit={() => {}} display={{ unicode, color: false }} />, size);
    await ui.waitForFrame((f) => f.includes('NAMESPACE'));
    const seen = new Set<string>();
    const names = new Set<string>();
    let rowsSeen = 0;
    for (let page = 0; page < 8 && rowsSeen < 2 * pods.length; page++) {
      const lines = stripAnsi(ui.frame()).split('\n');
      const title = lines.findIndex((l) => l.includes('NAMESPACE'));
      const status = lines[title]!.indexOf('STATUS');
      const name = lines[title]!.indexOf('NAME ');
      const ready = lines[title]!.indexOf('READY');
      for (const line of lines.slice(title + 1)) {
        if (!/^\d+\/\d+$/.test(line.slice(ready, status).trim())) break;
        const cell = line.slice(status).split(/\s+/)[0]!;
        expect(statuses, line).toContain(cell);
        seen.add(cell);
        names.add(line.slice(0, ready).trim().replace(/^!/, ''));
        rowsSeen += 1;
      }
      expect(overflowProblems(ui.rawFrame(), size)).toEqual([]);
      await ui.press(KEYS.pageDown);
    }
    expect(seen).toEqual(statuses);
    // Every pod once on screen, each looking different (cut in the middle where cut at all).
    expect(names.size).toBe(pods.length);
    for (const n of names) if (n.includes('nightly')) expect(n).toMatch(new RegExp(`nightly.*${mark === '…' ? '…' : '~'}.*(4rx2k|8gq7m)|nightly-report-29936280-(4rx2k|8gq7m)`));
  });
});

test('one pod takes two lines of the table at 80x24; its detail the rest', async () => {
  const fake = fakeServices({ pods: [lab[0]!] });
  const ui = renderAt(<App services={fake.services} onQuit={() => {}} display={{ unicode: true, color: false }} />, { columns: 80, rows: 24 });
  await ui.waitForFrame((f) => f.includes('Containers'));
  const lines = stripAnsi(ui.frame()).split('\n');
  const title = lines.findIndex((l) => l.includes('READY'));
  // Under the table the WHY line of the (unhealthy) pod, then its detail.
  expect(lines[title + 2]).toMatch(/^WHY image /);
  expect(lines.slice(title + 3).find((l) => !l.startsWith('    '))).toMatch(/^Containers/);
});

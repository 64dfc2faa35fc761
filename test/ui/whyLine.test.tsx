import type { CoreV1Event } from '@kubernetes/client-node';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { App } from '../../src/ui/App.js';
import type { UiServices } from '../../src/ui/services.js';
import { readFixtureJson } from '../helpers/fixtures.js';
import { podList } from './helpers/pods.js';
import { overflowProblems, renderAt, type Size } from './helpers/render.js';
import { fakeServices } from './helpers/services.js';

afterEach(() => cleanup());

const states = podList('pods/states-list.json');
const events = readFixtureJson<{ items: CoreV1Event[] }>('events/states-events.json').items;
const now = new Date('2026-11-23T09:16:12Z');
const ENTER = '\r';
const ESC = '\u001b';

async function mount(size: Size, unicode = true, withLogs = false) {
  const fake = fakeServices({ pods: states, events, now, info: { namespace: 'states' } });
  const asked: unknown[] = [];
  const services: UiServices = {
    ...fake.services,
    ...(withLogs
      ? {
          diagnosis: {
            logTail: async (pod, wanted) => {
              asked.push({ pod, wanted });
              return ['allocating'];
            },
          },
        }
      : {}),
  };
  const ui = renderAt(<App services={services} onQuit={vi.fn()} display={{ unicode, color: false }} />, size);
  await ui.waitForFrame((f) => f.includes('NAME'));
  return { ui, asked };
}

/** The WHY line and its continuation lines, unwrapped (not the WHY title of the table). */
function whyText(frame: string): string {
  const lines = frame.split('\n');
  const start = lines.findIndex((l) => /(^|[│|])WHY \S/.test(l));
  if (start < 0) return '';
  const column = lines[start]!.search(/(?<=^|[│|])WHY \S/);
  const text = [lines[start]!.slice(column + 4).trim()];
  for (const line of lines.slice(start + 1)) {
    const rest = line.slice(column);
    if (!rest.startsWith('    ') || rest.trim() === '') break;
    text.push(rest.trim());
  }
  return text.join(' ');
}

describe('the WHY line of the selected pod', () => {
  test.each([
    { columns: 80, rows: 24 },
    { columns: 120, rows: 40 },
    { columns: 200, rows: 60 },
  ])('says why oom is unhealthy, whole, wrapped, at %o', async (size) => {
    const { ui } = await mount(size);
    ui.burst(`/oom${ENTER}${ESC}`);
    const frame = await ui.waitForFrame((f) => whyText(f).startsWith('OOMKilled'));
    expect(whyText(frame)).toBe('OOMKilled: container hog exceeded its 20Mi memory limit (exit 137), restarted 3×, last 5s ago');
    expect(overflowProblems(ui.rawFrame(), size)).toEqual([]);
  });

  test('quotes the log the services read for it; ASCII x without UTF-8', async () => {
    const { ui, asked } = await mount({ columns: 100, rows: 30 }, false, true);
    ui.burst(`/oom${ENTER}${ESC}`);
    const frame = await ui.waitForFrame((f) => whyText(f).startsWith('OOMKilled') && whyText(f).includes('allocating'));
    expect(whyText(frame)).toBe('OOMKilled: container hog exceeded its 20Mi memory limit (exit 137), restarted 3x, last 5s ago, last lines of its log: allocating');
    expect(asked.filter((a) => JSON.stringify(a).includes('"oom"'))).toEqual([{ pod: { namespace: 'states', name: 'oom', uid: states.find((p) => p.metadata?.name === 'oom')?.metadata?.uid }, wanted: { container: 'hog', previous: false } }]);
  });

  test('a healthy pod has no WHY line', async () => {
    const { ui } = await mount({ columns: 120, rows: 40 });
    ui.burst(`/noshell${ENTER}${ESC}`);
    const frame = await ui.waitForFrame((f) => f.includes('states/noshell'));
    expect(frame).not.toContain('WHY ');
  });

  test('the probe failures of notready come from its events', async () => {
    const { ui } = await mount({ columns: 120, rows: 40 });
    ui.burst(`/notready${ENTER}${ESC}`);
    const frame = await ui.waitForFrame((f) => whyText(f).startsWith('readiness'));
    expect(whyText(frame)).toBe('readiness probe failing: exec [sh -c exit 1] with no output, 12× in 42s, last 4s ago');
  });
});

describe('the WHY column of the pod table', () => {
  const rowOf = (frame: string, name: string): string => frame.split('\n').find((line) => new RegExp(`^[ !]?${name}\\s`).test(line)) ?? '';

  test('where the width allows, one short word per unhealthy pod, none for healthy ones', async () => {
    const size = { columns: 120, rows: 40 };
    const { ui } = await mount(size);
    const frame = await ui.waitForFrame((f) => /\sWHY\s*$/m.test(f.split('\n')[2] ?? ''));
    expect(rowOf(frame, 'oom')).toMatch(/\sOOM\s*$/);
    expect(rowOf(frame, 'unsched')).toMatch(/\sno node\s*$/);
    expect(rowOf(frame, 'flaky-once')).toMatch(/\srestart\s*$/);
    expect(rowOf(frame, 'notready')).toMatch(/\sunready\s*$/);
    expect(rowOf(frame, 'slowstop')).toMatch(/\sdeleting\s*$/);
    expect(rowOf(frame, 'noshell')).toMatch(/\svm\s*$/);
    expect(rowOf(frame, 'done-ok')).toMatch(/\svm\s*$/);
    expect(overflowProblems(ui.rawFrame(), size)).toEqual([]);
  });

  test('at 60 columns it gives way: the other columns keep their width', async () => {
    const { ui } = await mount({ columns: 60, rows: 24 });
    const frame = ui.frame();
    expect(frame.split('\n')[2]).not.toMatch(/\sWHY\s*$/);
  });
});

// Must come first: makes Ink's chalk emit colours although the test's stdout is not a terminal.
import './helpers/forceColor.js';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { CoreV1Event } from '@kubernetes/client-node';
import { App } from '../../src/ui/App.js';
import { readFixtureJson } from '../helpers/fixtures.js';
import type { Display } from '../../src/ui/glyphs.js';
import { podList, renamed } from './helpers/pods.js';
import { overflowProblems, renderAt, stripAnsi, type Size } from './helpers/render.js';
import { fakeServices } from './helpers/services.js';

afterEach(() => {
  cleanup();
  vi.unstubAllEnvs();
});

const SIZE: Size = { columns: 80, rows: 24 };
const lab = podList('pods/lab-list.json');
const states = podList('pods/states-list.json');
const longName = renamed(lab[2]!, 'payments-api-7c9f8d6b5-a-very-long-generated-name-that-never-ends-x2z9q');
const pods = [...lab, ...states, longName];

// SGR foreground/background colours: 30-37, 38;…, 39 reset excepted; 40-48; bright 90-97 and 100-107.
const COLOUR_SGR = /\u001b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/;
const INVERSE_SGR = '\u001b[7m';

async function mount(display: Display | undefined, connection: 'live' | 'connecting' = 'live') {
  const fake = fakeServices({ pods, connection: { kind: connection }, info: { allNamespaces: true } });
  const ui = renderAt(
    <App services={fake.services} onQuit={() => {}} {...(display === undefined ? {} : { display })} />,
    SIZE,
  );
  await ui.waitForFrame((f) => f.includes('NAME'));
  return ui;
}

function selectedLine(raw: string): string | undefined {
  return raw.split('\n').find((l) => l.includes(INVERSE_SGR));
}

describe('colour', () => {
  test('with colour, rows are coloured by health and the selection is in inverse video', async () => {
    const ui = await mount({ unicode: true, color: true });
    const raw = ui.rawFrame();
    expect(raw).toMatch(COLOUR_SGR);
    const line = (name: string) => raw.split('\n').find((l) => stripAnsi(l).includes(` ${name} `)) ?? '';
    expect(line('crashy')).toContain('\u001b[31m');
    expect(line('duo')).toContain('\u001b[32m');
    expect(stripAnsi(selectedLine(raw) ?? '')).toMatch(/^lab +badimage/);
  });

  test('NO_COLOR: not a single colour code, the selection still in inverse video', async () => {
    const ui = await mount({ unicode: true, color: false });
    await ui.press('j');
    await ui.waitForFrame((f) => f.includes('lab/badpull'));
    const raw = ui.rawFrame();
    expect(raw).not.toMatch(COLOUR_SGR);
    // The first column is the health marker (test/ui/healthMarker.test.tsx), outside the inverse video.
    expect(stripAnsi(selectedLine(raw) ?? '')).toMatch(/^!lab +badpull/);
    // Rows that need attention stand out in bold instead.
    const crashy = raw.split('\n').find((l) => stripAnsi(l).includes(' crashy ')) ?? '';
    expect(crashy).toContain('\u001b[1m');
  });

  test('NO_COLOR from the environment when the owner does not decide', async () => {
    vi.stubEnv('NO_COLOR', '1');
    const ui = await mount(undefined);
    expect(ui.rawFrame()).not.toMatch(COLOUR_SGR);
    expect(selectedLine(ui.rawFrame())).toBeDefined();
  });
});

describe('glyphs', () => {
  const NON_ASCII = /[^\x00-\x7f]/;

  test('ASCII mode prints nothing but ASCII, cuts with ~ and waits with ...', async () => {
    const ui = await mount({ unicode: false, color: true }, 'connecting');
    const frame = ui.frame();
    expect(frame).not.toMatch(NON_ASCII);
    expect(frame).toMatch(/payments-api\S*~\S*x2z9q /);
    expect(frame).toContain('connecting...');
    expect(frame).toContain(' | ');
    expect(overflowProblems(ui.rawFrame(), SIZE)).toEqual([]);
  });

  test('a C locale from the environment means ASCII', async () => {
    vi.stubEnv('LC_ALL', '');
    vi.stubEnv('LC_CTYPE', '');
    vi.stubEnv('LANG', 'C');
    const ui = await mount(undefined, 'connecting');
    expect(ui.frame()).not.toMatch(NON_ASCII);
  });

  test('Unicode mode uses the real ellipsis', async () => {
    const ui = await mount({ unicode: true, color: true }, 'connecting');
    const frame = ui.frame();
    expect(frame).toMatch(/payments-api\S*…\S*x2z9q /);
    expect(frame).toContain('connecting…');
    expect(overflowProblems(ui.rawFrame(), SIZE)).toEqual([]);
  });
});

describe('tree and events panes', () => {
  const events = readFixtureJson<{ items: CoreV1Event[] }>('events/lab-events.json').items;
  const WIDE: Size = { columns: 200, rows: 60 };

  async function mountWide(display: Display) {
    const fake = fakeServices({ pods: lab, events });
    const ui = renderAt(<App services={fake.services} onQuit={() => {}} display={display} />, WIDE);
    await ui.waitForFrame((f) => f.includes('NAME'));
    await ui.press('j', 'j', '\t');
    await ui.waitForFrame((f) => f.includes('Events │ lab/crashy'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    return ui;
  }

  const lineWith = (raw: string, text: string): string => raw.split('\n').find((l) => stripAnsi(l).includes(text)) ?? '';

  test('with colour: warnings yellow, failed containers red, the tree cursor in inverse video', async () => {
    const ui = await mountWide({ unicode: true, color: true });
    const raw = ui.rawFrame();
    expect(lineWith(raw, 'Back-off restarting failed container')).toContain('\u001b[33m');
    expect(lineWith(raw, 'crashy container Terminated: Error')).toContain('\u001b[31m');
    // Both the pod row and the tree cursor are inverse; the tree's is the pod line of the tree.
    expect(lineWith(raw, '▾ crashy Error')).toContain(INVERSE_SGR);
    expect(overflowProblems(raw, { columns: WIDE.columns, rows: WIDE.rows - 1 })).toEqual([]);
  });

  test('NO_COLOR: no colour codes; warnings are bold and marked with !', async () => {
    const ui = await mountWide({ unicode: true, color: false });
    const raw = ui.rawFrame();
    expect(raw).not.toMatch(COLOUR_SGR);
    const warning = lineWith(raw, 'Back-off restarting failed container');
    expect(warning).toContain('\u001b[1m');
    expect(stripAnsi(warning)).toMatch(/│! /);
    expect(lineWith(raw, 'crashy container Terminated: Error')).toContain('\u001b[1m');
    expect(lineWith(raw, '▾ crashy Error')).toContain(INVERSE_SGR);
  });
});

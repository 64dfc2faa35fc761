import type { CoreV1Event, V1Namespace, V1Pod } from '@kubernetes/client-node';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { App } from '../../src/ui/App.js';
import type { Display } from '../../src/ui/glyphs.js';
import { keymap } from '../../src/ui/keymap.js';
import type { UiState } from '../../src/ui/state.js';
import { readFixtureJson, readFixtureText } from '../helpers/fixtures.js';
import { kubectlPrintTime, kubectlTable, podList } from './helpers/pods.js';
import { overflowProblems, renderAt, type RenderedUi, type Size } from './helpers/render.js';
import { fakeServices, type FakeServices } from './helpers/services.js';

afterEach(() => {
  cleanup();
});

const UNICODE: Display = { unicode: true, color: false };
const SMALL: Size = { columns: 80, rows: 24 };
const MEDIUM: Size = { columns: 120, rows: 40 };
const WIDE: Size = { columns: 200, rows: 60 };

const lab = podList('pods/lab-list.json');
const states = podList('pods/states-list.json');
const labEvents = readFixtureJson<{ items: CoreV1Event[] }>('events/lab-events.json').items;
const namespaces = readFixtureJson<{ items: V1Namespace[] }>('pods/namespaces-list.json').items;
const labNow = kubectlPrintTime(kubectlTable('kubectl/get-pods-lab-wide.txt'), lab);
const TAB = '\t';
const ESC = '\u001b';
const ENTER = '\r';
const RIGHT = '\u001b[C';
const BACKSPACE = '\u007f';

async function mount(options: Parameters<typeof fakeServices>[0] & { size?: Size; display?: Display }): Promise<{ ui: RenderedUi; fake: FakeServices }> {
  const fake = fakeServices({ now: labNow, pods: lab, events: labEvents, namespaces, ...options });
  const ui = renderAt(<App services={fake.services} onQuit={() => {}} display={options.display ?? UNICODE} />, options.size ?? SMALL);
  await ui.waitForFrame((f) => f.includes('NAME'));
  return { ui, fake };
}

function expectFits(ui: RenderedUi): void {
  const size = ui.size();
  // Ink redraws the whole terminal on every frame once its output is as tall as the terminal.
  expect(overflowProblems(ui.rawFrame(), { columns: size.columns, rows: size.rows - 1 })).toEqual([]);
}

/** Types text into a prompt, one key at a time as a person would. */
async function type(ui: RenderedUi, text: string): Promise<void> {
  await ui.press(...[...text]);
}

async function select(ui: RenderedUi, name: string): Promise<void> {
  await ui.press('/');
  await type(ui, name);
  await ui.press(ENTER);
  await ui.waitForFrame((f) => (f.split('\n').at(-2) ?? '').includes(`/${name}`));
}

describe('layout', () => {
  for (const size of [SMALL, MEDIUM, WIDE]) {
    test(`${size.columns}x${size.rows}: Tab cycles pods, tree, events; every frame fits in rows - 1 lines`, async () => {
      const { ui } = await mount({ size });
      await ui.press('j', 'j');
      await ui.waitForFrame((f) => f.includes('Containers │ lab/crashy'));
      const side = size.columns >= 140;
      const frames: string[] = [ui.frame()];
      expectFits(ui);
      expect(ui.frame().includes('Events │')).toBe(side);
      await ui.press(TAB);
      await ui.waitForFrame((f) => (f.split('\n').at(-1) ?? '').startsWith('Enter fold'));
      frames.push(ui.frame());
      expectFits(ui);
      await ui.press(TAB);
      await ui.waitForFrame((f) => f.includes('Events │ lab/crashy') && !(f.split('\n').at(-1) ?? '').startsWith('Enter'));
      frames.push(ui.frame());
      expectFits(ui);
      // Narrow terminals show one detail pane: the tree, then the events; wide ones both at once.
      expect(frames[2]?.includes('Containers │')).toBe(side);
      for (const frame of frames) {
        expect(frame.split('\n')).toHaveLength(size.rows - 1);
        expect(frame).toContain('NAME');
      }
      await ui.press(TAB);
      await ui.waitForFrame((f) => (f.split('\n').at(-1) ?? '').startsWith('? help'));
      // The events pane stays under the table when the focus goes back to it.
      expect(ui.frame().includes('Events │ lab/crashy')).toBe(true);
    });
  }

  test('resizing re-lays the screen at once: stacked to side by side and back', async () => {
    const { ui } = await mount({ size: SMALL });
    expect(ui.frame()).not.toContain('Events │');
    ui.resize(WIDE);
    await ui.waitForFrame((f) => f.includes('Events │') && f.includes('Containers │'));
    expectFits(ui);
    ui.resize(SMALL);
    await ui.waitForFrame((f) => !f.includes('Events │'));
    expectFits(ui);
  });
});

describe('container-state tree', () => {
  async function treeOf(pods: V1Pod[], name: string, namespace = 'lab'): Promise<RenderedUi> {
    const { ui } = await mount({ pods, size: WIDE, info: { namespace } });
    await select(ui, name);
    await ui.waitForFrame((f) => f.includes(`Containers │ ${namespace}/${name}`));
    expectFits(ui);
    return ui;
  }

  test('init containers in order with N/M, conditions and pod details', async () => {
    const frame = (await treeOf(lab, 'initwait')).frame();
    for (const text of ['phase Pending', 'qos BestEffort', 'node vm (192.0.2.2)', 'ip 10.88.0.9', 'Init containers (2)', 'init-ok init 1/2', 'init-wait init 2/2 Running', 'main container Waiting: PodInitializing']) {
      expect(frame).toContain(text);
    }
    expect(frame).toMatch(/Initialized False ContainersNotInitialized/);
    expect(frame.indexOf('init-ok init 1/2')).toBeLessThan(frame.indexOf('init-wait init 2/2'));
  });

  test('OOMKilled now and as the last state, exit 137', async () => {
    const frame = (await treeOf(states, 'oom', 'states')).frame();
    expect(frame).toContain('hog container Terminated: OOMKilled restarts 3');
    expect(frame).toContain('state terminated OOMKilled exit 137 (SIGKILL)');
    expect(frame).toContain('last state terminated OOMKilled exit 137 (SIGKILL)');
  });

  test('a failing init container and the app waiting behind it', async () => {
    const frame = (await treeOf(states, 'initfail', 'states')).frame();
    expect(frame).toContain('migrate init 1/1 Terminated: Error restarts 3');
    expect(frame).toContain('app container Waiting: PodInitializing');
  });

  test('follows the pod live: CrashLoopBackOff with its waiting message', async () => {
    const { ui, fake } = await mount({ pods: lab, size: WIDE });
    await select(ui, 'crashy');
    await ui.waitForFrame((f) => f.includes('crashy container Terminated: Error'));
    const update = readFixtureText('watch/lab-pods-watch-8s.jsonl')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { type: string; object: V1Pod })
      .find((e) => e.object.metadata?.name === 'crashy' && e.object.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff');
    expect(update).toBeDefined();
    fake.podStore().set(lab.map((p) => (p.metadata?.name === 'crashy' ? (update?.object ?? p) : p)));
    const frame = await ui.waitForFrame((f) => f.includes('crashy container Waiting: CrashLoopBackOff'));
    expect(frame).toContain('state waiting CrashLoopBackOff back-off 2m40s restarting failed container=crashy');
    expectFits(ui);
  });

  test('an ephemeral container with its target', async () => {
    const noshell = readFixtureJson<V1Pod>('ephemeral/noshell-after-add-pod.json');
    const frame = (await treeOf([noshell], 'noshell', 'states')).frame();
    expect(frame).toContain('Ephemeral containers (1)');
    expect(frame).toContain('debugger-c798c ephemeral Running');
    expect(frame).toContain('target app');
  });

  test('collapse and expand with Enter, h and the arrows; the cursor line is highlighted', async () => {
    const { ui } = await mount({ pods: lab, size: MEDIUM });
    await select(ui, 'crashy');
    await ui.press(TAB);
    await ui.waitForFrame((f) => f.includes('▾ crashy Error'));
    // Down to the "Conditions" group: pod line, five details, the folded spec, then the group.
    await ui.press('j', 'j', 'j', 'j', 'j', 'j', 'j');
    await ui.waitForFrame((f) => f.includes('▾ Conditions'));
    await ui.press(ENTER);
    let frame = await ui.waitForFrame((f) => f.includes('▸ Conditions'));
    expect(frame).not.toContain('PodScheduled');
    await ui.press(RIGHT);
    frame = await ui.waitForFrame((f) => f.includes('▾ Conditions'));
    expect(frame).toContain('PodScheduled');
    // h on a leaf folds its parent.
    await ui.press('j', 'h');
    await ui.waitForFrame((f) => f.includes('▸ Conditions'));
    await ui.press(' ');
    await ui.waitForFrame((f) => f.includes('▾ Conditions'));
    expectFits(ui);
  });
});

describe('events pane', () => {
  test("the selected pod's events, newest last, warnings marked, with counts", async () => {
    const { ui, fake } = await mount({ pods: lab, size: WIDE });
    await select(ui, 'crashy');
    const frame = await ui.waitForFrame((f) => f.includes('Events │ lab/crashy'));
    expect(fake.openedEvents.map((o) => o.scope)).toEqual([{ namespace: 'lab' }]);
    const lines = frame.split('\n').map((l) => l.slice(l.indexOf('│') + 1));
    const title = lines.findIndex((l) => l.includes('LAST SEEN'));
    expect(lines[title]).toMatch(/LAST SEEN +TYPE +REASON +OBJECT +COUNT +MESSAGE/);
    const backOff = lines.filter((l) => l.includes('BackOff'));
    expect(backOff.length).toBeGreaterThan(0);
    for (const line of backOff) expect(line).toMatch(/^! \S+ +Warning +BackOff +spec\.containers\{crashy\} +×\d+ +Back-off restarting failed container/);
    expect(lines.some((l) => /^ {2}\S+ +Normal +Started .*×4 +Started container crashy/.test(l))).toBe(true);
    // Newest last: the last event line is the latest BackOff (×12).
    const eventLines = lines.slice(title + 1).filter((l) => /^[! ] \S/.test(l));
    expect(eventLines.at(-1)).toMatch(/BackOff .*×12/);
    expect(frame).not.toContain('badpull');
    expectFits(ui);
  });

  test('e switches to every event of the namespace and back', async () => {
    const { ui } = await mount({ pods: lab, size: WIDE });
    await select(ui, 'crashy');
    await ui.press('e');
    let frame = await ui.waitForFrame((f) => f.includes('Events │ all of namespace lab'));
    expect(frame).toContain('pod/web spec.containers{web}');
    expect(frame).toContain(`${labEvents.length} (`);
    await ui.press('e');
    frame = await ui.waitForFrame((f) => f.includes('Events │ lab/crashy'));
    expect(frame).not.toContain('pod/badpull');
  });

  test('at 80x24 e brings the events under the table, and j/k scroll them when focused', async () => {
    const { ui } = await mount({ pods: lab, size: SMALL });
    await select(ui, 'crashy');
    await ui.press('e');
    await ui.waitForFrame((f) => f.includes('Events │ all of namespace lab'));
    expectFits(ui);
    await ui.press(TAB, TAB);
    await ui.waitForFrame((f) => (f.split('\n').at(-1) ?? '').startsWith('? help') && f.includes('Events'));
    const before = ui.frame();
    // Following the newest, the page starts at an event's own line, not at the tail of a message.
    const beforeRows = before.split('\n');
    expect(beforeRows[beforeRows.findIndex((l) => l.includes('LAST SEEN')) + 1]).toMatch(/^[! ] \S+ +(Normal|Warning) /);
    await ui.press('g');
    const top = await ui.waitForFrame((f) => f !== before);
    expect(top.split('\n').find((l) => l.includes('LAST SEEN'))).toBeDefined();
    // 80 columns stack each event: its columns, then the whole message under it, not cut to 28 columns.
    const rows = top.split('\n');
    const scheduled = rows.findIndex((l) => /^\s*\S+ +Normal +Scheduled +×1 +pod\/\S+/.test(l));
    expect(scheduled).toBeGreaterThan(-1);
    expect(rows[scheduled + 1]).toMatch(/^ {4}Successfully assigned lab\/\S+ to \S+ *$/);
    await ui.press('G');
    await ui.waitForFrame((f) => f === before);
  });
});

describe('namespaces', () => {
  test('n opens a live, filterable list; Enter switches the pod scope', async () => {
    const { ui, fake } = await mount({ pods: lab });
    await ui.press('n');
    let frame = await ui.waitForFrame((f) => f.includes('kube-system'));
    expect(frame).toMatch(/● lab/);
    fake.namespaceStore().set([...namespaces, { metadata: { name: 'staging' } }]);
    await ui.waitForFrame((f) => f.includes('staging'));
    await type(ui, 'sta');
    frame = await ui.waitForFrame((f) => f.includes('> sta') && !f.includes('kube-system'));
    expect(frame).toContain('states');
    expect(frame).toContain('staging');
    // Sorted: staging, then states.
    await ui.press('\u001b[B');
    await ui.press(ENTER);
    await ui.waitForFrame((f) => f.includes('namespace: states'));
    expect(fake.opened.map((o) => o.scope)).toEqual([{ namespace: 'lab' }, { namespace: 'states' }]);
    // The namespace watch lives only while the picker is open.
    await vi.waitFor(() => expect(fake.openedNamespaces.map((s) => s.closed)).toEqual([true]));
    expectFits(ui);
  });

  test('Esc closes the picker without changing anything', async () => {
    const { ui, fake } = await mount({ pods: lab });
    await ui.press('n');
    await ui.waitForFrame((f) => f.includes('kube-system'));
    await ui.press(ESC);
    await ui.waitForFrame((f) => f.includes('crashy'));
    expect(fake.opened).toHaveLength(1);
  });

  test('forbidden: says so and takes a typed namespace', async () => {
    const forbidden = readFixtureJson<{ message: string }>('errors/forbidden-list-namespaces.json').message;
    const { ui, fake } = await mount({ pods: lab, namespaceConnection: { kind: 'forbidden', message: forbidden } });
    await ui.press('n');
    let frame = await ui.waitForFrame((f) => f.includes('cannot list namespaces'));
    expect(frame).toContain('namespaces is forbidden');
    expect(frame).toContain('type a namespace name');
    // The kubeconfig's namespace is offered until something is typed.
    expect(frame).toMatch(/● lab/);
    await type(ui, 'statez');
    await ui.press(BACKSPACE);
    await ui.press('s');
    frame = await ui.waitForFrame((f) => f.includes('> states'));
    await ui.press(ENTER);
    await ui.waitForFrame((f) => f.includes('namespace: states'));
    expect(fake.opened.at(-1)?.scope).toEqual({ namespace: 'states' });
    expectFits(ui);
  });

  test('A toggles all namespaces: NAMESPACE column and back to the namespace', async () => {
    const { ui, fake } = await mount({ pods: lab });
    await ui.press('j', 'j');
    await ui.press('A');
    fake.podStore().set([...states, ...lab]);
    const frame = await ui.waitForFrame((f) => f.includes('all namespaces') && f.includes('pods: 15'));
    expect(frame.split('\n').find((l) => l.trimStart().startsWith('NAMESPACE'))).toMatch(/^ NAMESPACE +NAME +READY/);
    // The selection survived the scope change.
    expect(frame.split('\n').at(-2)).toMatch(/^lab\/crashy/);
    await ui.press('A');
    await ui.waitForFrame((f) => f.includes('namespace: lab'));
    expect(fake.opened.map((o) => o.scope)).toEqual([{ namespace: 'lab' }, { allNamespaces: true }, { namespace: 'lab' }]);
    expect(fake.openedEvents.map((o) => o.scope)).toEqual([{ namespace: 'lab' }, { allNamespaces: true }, { namespace: 'lab' }]);
  });

  test(':ns <name> switches, :ns opens the picker, unknown commands say so', async () => {
    const { ui, fake } = await mount({ pods: lab });
    await ui.press(':');
    await type(ui, 'ns states');
    await ui.waitForFrame((f) => f.includes(':ns states'));
    await ui.press(ENTER);
    await ui.waitForFrame((f) => f.includes('namespace: states'));
    expect(fake.opened.at(-1)?.scope).toEqual({ namespace: 'states' });
    await ui.press(':');
    await type(ui, 'ns');
    await ui.press(ENTER);
    await ui.waitForFrame((f) => f.includes('kube-system'));
    await ui.press(ESC);
    await ui.waitForFrame((f) => !f.includes('kube-system'));
    await ui.press(':');
    await type(ui, 'bogus');
    await ui.press(ENTER);
    await ui.waitForFrame((f) => f.includes('unknown command: bogus'));
  });

  test(':ns for a namespace that does not exist says so and stays; where namespaces cannot be listed it goes there', async () => {
    const { ui, fake } = await mount({ pods: lab });
    ui.burst(`:ns nowhere${ENTER}`);
    await ui.waitForFrame((f) => (f.split('\n').at(-2) ?? '').includes('namespace nowhere does not exist'));
    expect(ui.frame()).toContain('namespace: lab');
    expect(fake.opened.map((o) => o.scope)).toEqual([{ namespace: 'lab' }]);

    cleanup();
    const forbidden = readFixtureJson<{ message: string }>('errors/forbidden-list-namespaces.json').message;
    const locked = await mount({ pods: lab, namespaceConnection: { kind: 'forbidden', message: forbidden } });
    locked.ui.burst(`:ns nowhere${ENTER}`);
    await locked.ui.waitForFrame((f) => f.includes('namespace: nowhere'));
  });
});

describe('filter and sort', () => {
  test('/ filters fuzzily by name and shows shown-of-total; Esc clears', async () => {
    const { ui } = await mount({ pods: lab });
    await ui.press('/');
    await type(ui, 'bd');
    let frame = await ui.waitForFrame((f) => f.includes('pods: 2/6'));
    expect(frame).toContain('badimage');
    expect(frame).toContain('badpull');
    expect(frame).not.toContain('crashy ');
    await ui.press(ENTER);
    frame = await ui.waitForFrame((f) => f.includes('filter: bd') && !f.includes('/bd'));
    await ui.press(ESC);
    await ui.waitForFrame((f) => f.includes('pods: 6') && f.includes('crashy'));
  });

  test('label selectors, and a filter that matches nothing says so', async () => {
    const { ui } = await mount({ pods: lab });
    await ui.press('/');
    await type(ui, 'app=web');
    await ui.press(ENTER);
    let frame = await ui.waitForFrame((f) => f.includes('pods: 1/6'));
    expect(frame.split('\n').filter((l) => / 1\/1 +Running/.test(l))).toHaveLength(1);
    await ui.press('/', BACKSPACE);
    await type(ui, 'x');
    await ui.press(ENTER);
    frame = await ui.waitForFrame((f) => f.includes('pods: 0/6'));
    expect(frame).toContain('no pods match the filter app=wex');
  });

  test('sort cycles name, age, restarts, status, R reverses, and the selection stays', async () => {
    const { ui } = await mount({ pods: states, info: { namespace: 'states' } });
    // Without colour the health marker (`!` or a space) comes first.
    const firstRow = (): string => (ui.lines()[3] ?? '').replace(/^!/, '').trim().split(/ +/)[0] ?? '';
    await ui.press('j');
    await ui.waitForFrame((f) => (f.split('\n').at(-2) ?? '').startsWith('states/done-ok'));
    await ui.press('O');
    await ui.waitForFrame((f) => f.includes('sort: age↓'));
    await ui.press('O');
    await ui.waitForFrame((f) => f.includes('sort: restarts↓'));
    expect(firstRow()).toBe('initfail');
    await ui.press('R');
    await ui.waitForFrame((f) => f.includes('sort: restarts↑'));
    await ui.press('O');
    await ui.waitForFrame((f) => f.includes('sort: status↑'));
    await ui.press('<', 'R');
    await ui.waitForFrame((f) => f.includes('sort: restarts↓'));
    expect(ui.lines().at(-2)).toMatch(/^states\/done-ok/);
  });
});

describe('help and display modes', () => {
  test('? lists every command of the keymap; Esc closes it', async () => {
    const { ui } = await mount({ pods: lab, size: WIDE });
    await ui.press('?');
    const frame = await ui.waitForFrame((f) => f.includes('Everywhere'));
    // Without debug, log, action or forward services their keys are not offered at all.
    const needsServices = new Set(['debug.open', 'debug.attach', 'shell.open', 'logs.open', 'pod.describe', 'pod.yaml', 'pod.delete', 'pod.kill', 'forward.open']);
    for (const binding of keymap) {
      if (needsServices.has(binding.command)) expect(frame).not.toContain(binding.description);
      else expect(frame).toContain(binding.description);
    }
    expect(frame).toContain('Container tree');
    expectFits(ui);
    await ui.press(ESC);
    await ui.waitForFrame((f) => f.includes('crashy'));
  });

  test('at 80x24 the help scrolls to its last line', async () => {
    const { ui } = await mount({ pods: lab });
    await ui.press('?');
    await ui.waitForFrame((f) => f.includes('Everywhere'));
    expectFits(ui);
    await ui.press('G');
    // The log view's keys come last (q/Esc back among them), after every pane's.
    const frame = await ui.waitForFrame((f) => f.includes('Back to the explorer'));
    expect(frame).toContain('Log view (l)');
    expect(frame).toMatch(/q\/Esc\s+Back to the explorer/);
    await ui.press('q');
    await ui.waitForFrame((f) => f.includes('crashy'));
  });

  const COLOUR_SGR = /\u001b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/;

  for (const size of [SMALL, MEDIUM, WIDE]) {
    test(`${size.columns}x${size.rows}: ASCII and NO_COLOR frames of every pane and overlay`, async () => {
      const { ui } = await mount({ pods: [...lab, readFixtureJson<V1Pod>('ephemeral/noshell-after-add-pod.json')], size, display: { unicode: false, color: false }, info: { allNamespaces: true } });
      const frames: string[] = [];
      const grab = async (): Promise<void> => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        frames.push(ui.rawFrame());
        expectFits(ui);
      };
      await ui.press('j', 'j');
      await ui.waitForFrame((f) => f.includes('Containers | lab/crashy'));
      await grab();
      await ui.press(TAB);
      await grab();
      await ui.press(TAB, 'e');
      await ui.waitForFrame((f) => f.includes('all of all namespaces'));
      await grab();
      await ui.press('G', 'n');
      await ui.waitForFrame((f) => f.includes('kube-system'));
      await grab();
      await ui.press(ESC);
      await ui.waitForFrame((f) => !f.includes('kube-system'));
      await ui.press('?');
      await ui.waitForFrame((f) => f.includes('Everywhere'));
      await grab();
      await ui.press(ESC);
      await ui.waitForFrame((f) => !f.includes('Everywhere'));
      await ui.press('/');
      await type(ui, 'crsh');
      await grab();
      const text = frames.join('\n');
      expect(text).not.toMatch(COLOUR_SGR);
      expect(text.replace(/\u001b\[[0-9;]*m/g, '')).toMatch(/^[\x20-\x7e\n]*$/);
      expect(text).toContain('|- ');
      expect(text).toContain('! ');
    });
  }
});

test('filter, sort, focus, folds and events mode survive an unmount and remount', async () => {
  const seen: UiState[] = [];
  const fake = fakeServices({ now: labNow, pods: lab, events: labEvents, namespaces });
  const first = renderAt(<App services={fake.services} onQuit={() => {}} display={UNICODE} onStateChange={(s) => seen.push(s)} />, SMALL);
  await first.waitForFrame((f) => f.includes('NAME'));
  await first.press('/');
  await type(first, 'cr');
  await first.press(ENTER, 'O', 'e', TAB, ENTER);
  await first.waitForFrame((f) => f.includes('▸ crashy Error'));
  first.unmount();
  const last = seen.at(-1);
  expect(last).toMatchObject({ filter: 'cr', sort: { key: 'age' }, activePane: 'tree', events: { mode: 'scope' }, tree: { collapsed: ['pod'] } });

  const again = fakeServices({ now: labNow, pods: lab, events: labEvents, namespaces });
  const second = renderAt(<App services={again.services} onQuit={() => {}} display={UNICODE} {...(last === undefined ? {} : { initialState: last })} />, SMALL);
  const frame = await second.waitForFrame((f) => f.includes('▸ crashy Error'));
  expect(frame).toContain('pods: 1/6');
  expect(frame).toContain('filter: cr');
  // The fuzzy filter ranks best match first; the sort orders the ties.
  expect(frame).toContain('sort: best match, age↓');
});

describe('keys typed together (SSH, tmux, a paste)', () => {
  test.each([[['/crash']], [['/', 'crash']], [['/c', 'rash']], [['/', 'c', 'r', 'a', 's', 'h']]])(
    '/ and the filter text arriving as %j: every character goes to the filter',
    async (chunks) => {
      const { ui } = await mount({ pods: lab });
      ui.burst(...chunks);
      const frame = await ui.waitForFrame((f) => f.includes('/crash'));
      expect(frame).toContain('pods: 1/6');
      expect(frame).not.toContain('no command for');
    },
  );

  test.each([
    ['a bracketed paste', '\u001b[200~web-7d9f\r\u001b[201~'],
  ])('%s in the explorer runs no command and types nothing', async (_what, chunk) => {
    const { ui, fake } = await mount({ pods: lab });
    const before = ui.frame();
    ui.burst(chunk);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ui.frame()).toBe(before);
    expect(fake.opened).toHaveLength(1);
  });

  test('a bracketed paste into the filter is typed, its line break left out', async () => {
    const { ui } = await mount({ pods: lab });
    ui.burst('/', '\u001b[200~cra\r\u001b[201~', 'sh');
    const frame = await ui.waitForFrame((f) => f.includes('/crash'));
    expect(frame).toContain('pods: 1/6');
  });

  test(': with a whole command line and Enter in one read runs it', async () => {
    const { ui, fake } = await mount({ pods: lab });
    ui.burst(':ns states\r');
    await ui.waitForFrame((f) => f.includes('namespace: states'));
    expect(fake.opened.at(-1)?.scope).toEqual({ namespace: 'states' });
  });
});

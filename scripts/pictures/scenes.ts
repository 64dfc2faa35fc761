import type { PtySession } from './ptySession.js';
import { moveTo, press, tableReady } from './steps.js';

/** One run of the real binary: a still picture at its end (a shot), or a recording of all of it (a tour). */
export interface Scene {
  name: string;
  title: string;
  cols: number;
  rows: number;
  /** podscope's arguments (the kubeconfig points at the demo cluster). */
  args: readonly string[];
  /** Environment beside the fixed one (LANG=C.UTF-8, TERM=xterm-256color). */
  env?: Readonly<Record<string, string>>;
  run(session: PtySession): Promise<void>;
}

export interface Tour extends Scene {
  /** What the last full-screen frame must show (test/pictures/casts.test.ts checks the committed cast). */
  lastScreen: readonly RegExp[];
  /** What some frame of the recording must show. */
  seen: readonly RegExp[];
  /**
   * The tour hands the terminal to a shell: its transcript stays on the normal screen (as after
   * `kubectl debug`), so after quitting that screen starts with the hand-over's banner, not the command.
   */
  handsOver?: boolean;
}

const shop = tableReady(/cart-\S+\s+2\/2\s+Running/);
const states = tableReady(/noshell\s+1\/1\s+Running/);
const lab = tableReady(/crashy\s+\S+\s+\S+\s+[1-9]/);

/** How a still is reached: wait for the cluster, select a pod, press keys, wait for what they open. */
interface ShotPlan {
  ready: (screen: string) => boolean;
  select?: string;
  keys?: readonly string[];
  until?: string | RegExp;
  /** Extra time for the screen to settle (logs arriving). */
  settle?: number;
}

function shot(name: string, [cols, rows]: readonly [number, number], args: readonly string[], title: string, plan: ShotPlan, env?: Record<string, string>): Scene {
  return {
    name: `${name}-${cols}x${rows}`,
    title: `${title} (${cols}x${rows})`,
    cols,
    rows,
    args,
    ...(env === undefined ? {} : { env }),
    run: async (s) => {
      await s.waitFor(plan.ready, `the screen ${name} starts from`, 60_000);
      if (plan.select !== undefined) await moveTo(s, plan.select, 0);
      if (plan.keys !== undefined) await press(s, plan.keys);
      if (plan.until !== undefined) await s.waitForText(plan.until);
      if (plan.settle !== undefined) await s.hold(plan.settle);
    },
  };
}

const crashyBackingOff = (text: string): boolean => /crashy\s+\S+\s+CrashLoopBackOff/.test(text);
const doneOk = (text: string): boolean => states(text) && /done-ok\s+0\/1\s+Completed/.test(text);
const oomRestarting = (text: string): boolean => states(text) && /oom\s+\S+\s+(CrashLoopBackOff|OOMKilled)/.test(text);
const SMALL = [80, 24] as const;

/** Still pictures of the explorer: at the design size, wide, without colour or Unicode. */
export const SHOTS: readonly Scene[] = [
  shot('explorer', SMALL, ['-n', 'shop'], 'podscope -n shop', { ready: shop, select: 'shop/checkout-' }),
  shot('explorer', [200, 50], ['-A'], 'podscope -A', { ready: crashyBackingOff, select: 'lab/crashy', until: 'BackOff' }),
  shot('explorer-all-namespaces', [120, 40], ['-A'], 'podscope -A', { ready: tableReady(/NAMESPACE/), settle: 1500 }),
  shot('explorer-nocolor-ascii', SMALL, ['-n', 'states'], 'NO_COLOR=1 LANG=C podscope -n states', { ready: states, settle: 3000 }, { NO_COLOR: '1', LANG: 'C' }),
  shot('tree', SMALL, ['-n', 'states'], 'Tab: the container tree', { ready: oomRestarting, select: 'states/oom', keys: ['\t'] }),
  shot('events', SMALL, ['-n', 'lab'], 'Tab Tab: the pod\u2019s events', { ready: lab, select: 'lab/crashy', keys: ['\t', '\t'], until: 'BackOff' }),
  shot('logs', SMALL, ['-n', 'shop'], 'l: the log view', { ready: shop, select: 'shop/cart-', keys: ['l'], settle: 3000 }),
  shot('debug-form', SMALL, ['-n', 'states'], 'd: the debug form', { ready: states, select: 'states/noshell', keys: ['d'], until: 'Pull policy' }),
  shot('debug-copy-form', SMALL, ['-n', 'states'], 'd on a stopped pod: debug a copy', { ready: doneOk, select: 'states/done-ok', keys: ['d'], until: 'debug a copy of the stopped pod' }),
  shot('help', SMALL, ['-n', 'shop'], '?: every key', { ready: shop, keys: ['?'] }),
];

/** The wait between what a viewer should read and the next key. */
const READ = 2200;

async function quit(s: PtySession): Promise<void> {
  await s.hold(READ);
  s.write('q');
  await s.waitForExit();
}

/** Shell in the debugger: Enter for a prompt, then each command typed and read. */
async function shell(s: PtySession, commands: readonly string[]): Promise<void> {
  await s.waitForText(/attached to pod\/\S+ container debugger-[a-z0-9]{5}/, 60_000);
  s.write('\r');
  await s.waitForText('/ #');
  for (const command of commands) {
    await s.hold(600);
    await s.type(command);
    await s.hold(300);
    s.write('\r');
    await s.hold(READ);
  }
  await s.type('exit');
  s.write('\r');
}

interface TourPlan {
  name: string;
  title: string;
  args: readonly string[];
  /** The cluster state the tour starts from, and the pod it walks to first. */
  ready: (screen: string) => boolean;
  select?: string;
  /** The keys after that; the tour then quits with q. */
  script: (session: PtySession) => Promise<void>;
  lastScreen: readonly RegExp[];
  seen: readonly RegExp[];
  handsOver?: boolean;
}

/** Every tour is 110x30: room for the table and a pane under it, small enough for the README. */
function tour(plan: TourPlan): Tour {
  const { script, ready, select, ...rest } = plan;
  return {
    ...rest,
    cols: 110,
    rows: 30,
    run: async (s) => {
      await s.waitFor(ready, `the screen ${plan.name} starts from`, 60_000);
      await s.hold(1500);
      if (select !== undefined) await moveTo(s, select);
      await script(s);
      await quit(s);
    },
  };
}

/** The scripted demos, each recorded as screenshots/NAME.cast. The first is the README's animation. */
export const TOURS: readonly Tour[] = [
  tour({
    name: 'crash-loop',
    title: 'podscope: why is crashy crashing? Its previous log and its events',
    args: ['-n', 'lab'],
    ready: lab,
    select: 'lab/crashy',
    script: async (s) => {
      await s.hold(READ);
      await press(s, ['l'], READ);
      await press(s, ['p'], READ + 800);
      await press(s, ['\x1b'], 800);
      await press(s, ['\t'], READ);
      await press(s, ['\t'], READ + 800);
    },
    lastScreen: [/Events │ lab\/crashy/, /BackOff/],
    seen: [/previous instance/, /exiting with 1/, /CrashLoopBackOff/],
  }),
  tour({
    name: 'triage',
    title: 'podscope -A: every namespace, sorted by restarts, filtered, then one namespace',
    args: ['-A'],
    ready: tableReady(/NAMESPACE/),
    script: async (s) => {
      await s.hold(READ);
      await press(s, ['O', 'O'], 1200);
      await s.hold(READ);
      await press(s, ['/']);
      await s.type('pay');
      await s.hold(READ);
      await press(s, ['\r'], READ);
      await press(s, ['\t'], READ);
      await press(s, ['\x1b', '\x1b'], 600);
      await press(s, [':']);
      await s.type('ns states');
      await press(s, ['\r'], READ);
    },
    lastScreen: [/namespace: states/],
    seen: [/all namespaces/, /sort: restarts/, /ImagePullBackOff/],
  }),
  tour({
    name: 'debug-no-shell',
    title: 'podscope: a debug container in a pod whose image has no shell, sharing its processes',
    args: ['-n', 'states'],
    ready: states,
    select: 'states/noshell',
    script: async (s) => {
      await press(s, ['s'], READ);
      await s.waitForText('press d');
      await press(s, ['d'], READ);
      await press(s, ['\r'], 200);
      await shell(s, ['ps']);
      await s.waitForText(/exited \(exit code 0\)/, 30_000);
    },
    lastScreen: [/debugger-[a-z0-9]{5} exited \(exit code 0\)/],
    handsOver: true,
    seen: [/has no shell/, /Debug states\/noshell/, /1 65535 +\/pause/],
  }),
  tour({
    name: 'debug-copy',
    title: 'podscope: a stopped pod debugged in a copy, deleted afterwards',
    args: ['-n', 'states'],
    ready: doneOk,
    select: 'states/done-ok',
    script: async (s) => {
      await press(s, ['d'], READ + 800);
      await press(s, ['\r'], 200);
      await shell(s, ['echo $HOSTNAME', 'ps']);
      await s.waitForText(/copy done-ok-debug deleted/, 30_000);
    },
    lastScreen: [/copy done-ok-debug deleted/],
    handsOver: true,
    seen: [/debug a copy of the stopped pod/, /^done-ok-debug$/m],
  }),
  tour({
    name: 'logs',
    title: 'podscope: follow a log, search it, pause it; all containers of a pod merged',
    args: ['-n', 'shop'],
    ready: shop,
    select: 'shop/frontend-',
    script: async (s) => {
      await press(s, ['l'], READ + 2500);
      await press(s, ['/']);
      await s.type('healthz');
      await press(s, ['\r'], READ);
      await press(s, ['N'], 1200);
      await press(s, [' '], READ + 1500);
      await press(s, [' '], READ);
      await press(s, ['\x1b'], 800);
      s.write('g');
      await moveTo(s, 'shop/cart-');
      await press(s, ['l'], 1200);
      await press(s, ['a'], READ + 1500);
      await press(s, ['\x1b'], 800);
    },
    lastScreen: [/shop\/cart-/],
    seen: [/following/, /\/healthz/, /paused, \d+ new lines?/, /\[redis\]/],
  }),
];

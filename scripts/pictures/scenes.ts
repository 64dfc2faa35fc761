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
}

const shop = tableReady(/cart-\S+\s+2\/2\s+Running/);
const states = tableReady(/noshell\s+1\/1\s+Running/);
const lab = tableReady(/crashy\s+\S+\s+\S+\s+[1-9]/);

/** Still pictures of the explorer: at the design size, wide, without colour or Unicode. */
export const SHOTS: readonly Scene[] = [
  {
    name: 'explorer-80x24',
    title: 'podscope -n shop (80x24)',
    cols: 80,
    rows: 24,
    args: ['-n', 'shop'],
    run: async (s) => {
      await s.waitFor(shop, 'the shop pods');
      await moveTo(s, 'shop/checkout-', 0);
    },
  },
  {
    name: 'explorer-200x50',
    title: 'podscope -A (200x50)',
    cols: 200,
    rows: 50,
    args: ['-A'],
    run: async (s) => {
      await s.waitFor((text) => /crashy\s+\S+\s+CrashLoopBackOff/.test(text), 'crashy backing off', 60_000);
      await moveTo(s, 'lab/crashy', 0);
      await s.waitForText('BackOff');
    },
  },
  {
    name: 'explorer-all-namespaces-120x40',
    title: 'podscope -A (120x40)',
    cols: 120,
    rows: 40,
    args: ['-A'],
    run: async (s) => {
      await s.waitFor(tableReady(/NAMESPACE/), 'all namespaces');
      await s.hold(1500);
    },
  },
  {
    name: 'explorer-80x24-nocolor-ascii',
    title: 'NO_COLOR=1 LANG=C podscope -n states (80x24)',
    cols: 80,
    rows: 24,
    args: ['-n', 'states'],
    env: { NO_COLOR: '1', LANG: 'C' },
    run: async (s) => {
      await s.waitFor(tableReady(/noshell\s+1\/1\s+Running/), 'the states pods');
      await s.hold(3000);
    },
  },
  {
    name: 'tree-80x24',
    title: 'Tab: the container tree (80x24)',
    cols: 80,
    rows: 24,
    args: ['-n', 'states'],
    run: async (s) => {
      await s.waitFor(states, 'the states pods');
      await s.waitFor((text) => /oom\s+\S+\s+(CrashLoopBackOff|OOMKilled)/.test(text), 'oom restarting', 60_000);
      await moveTo(s, 'states/oom', 0);
      await press(s, ['\t']);
    },
  },
  {
    name: 'events-80x24',
    title: 'Tab Tab: the pod\u2019s events (80x24)',
    cols: 80,
    rows: 24,
    args: ['-n', 'lab'],
    run: async (s) => {
      await s.waitFor(lab, 'crashy restarting', 60_000);
      await moveTo(s, 'lab/crashy', 0);
      await press(s, ['\t', '\t']);
      await s.waitForText('BackOff');
    },
  },
  {
    name: 'logs-80x24',
    title: 'l: the log view (80x24)',
    cols: 80,
    rows: 24,
    args: ['-n', 'shop'],
    run: async (s) => {
      await s.waitFor(shop, 'the shop pods');
      await moveTo(s, 'shop/cart-', 0);
      await press(s, ['l'], 3000);
    },
  },
  {
    name: 'debug-form-80x24',
    title: 'd: the debug form (80x24)',
    cols: 80,
    rows: 24,
    args: ['-n', 'states'],
    run: async (s) => {
      await s.waitFor(states, 'the states pods');
      await moveTo(s, 'states/noshell', 0);
      await press(s, ['d']);
      await s.waitForText('Pull policy');
    },
  },
  {
    name: 'debug-copy-form-80x24',
    title: 'd on a stopped pod: debug a copy (80x24)',
    cols: 80,
    rows: 24,
    args: ['-n', 'states'],
    run: async (s) => {
      await s.waitFor((text) => states(text) && /done-ok\s+0\/1\s+Completed/.test(text), 'done-ok completed', 60_000);
      await moveTo(s, 'states/done-ok', 0);
      await press(s, ['d']);
      await s.waitForText('debug a copy of the stopped pod');
    },
  },
  {
    name: 'help-80x24',
    title: '?: every key (80x24)',
    cols: 80,
    rows: 24,
    args: ['-n', 'shop'],
    run: async (s) => {
      await s.waitFor(shop, 'the shop pods');
      await press(s, ['?']);
    },
  },
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

/** The scripted demos, each recorded as screenshots/NAME.cast. The first is the README's animation. */
export const TOURS: readonly Tour[] = [
  {
    name: 'crash-loop',
    title: 'podscope: why is crashy crashing? Its previous log and its events',
    cols: 110,
    rows: 30,
    args: ['-n', 'lab'],
    run: async (s) => {
      await s.waitFor(lab, 'crashy restarting', 60_000);
      await s.hold(1500);
      await moveTo(s, 'lab/crashy');
      await s.hold(READ);
      await press(s, ['l'], READ);
      await press(s, ['p'], READ + 800);
      await press(s, ['\x1b'], 800);
      await press(s, ['\t'], READ);
      await press(s, ['\t'], READ + 800);
      await quit(s);
    },
    lastScreen: [/Events │ lab\/crashy/, /BackOff/],
    seen: [/previous instance/, /exiting with 1/, /CrashLoopBackOff/],
  },
  {
    name: 'triage',
    title: 'podscope -A: every namespace, sorted by restarts, filtered, then one namespace',
    cols: 110,
    rows: 30,
    args: ['-A'],
    run: async (s) => {
      await s.waitFor(tableReady(/NAMESPACE/), 'all namespaces');
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
      await quit(s);
    },
    lastScreen: [/namespace: states/],
    seen: [/all namespaces/, /sort: restarts/, /ImagePullBackOff/],
  },
  {
    name: 'debug-no-shell',
    title: 'podscope: a debug container in a pod whose image has no shell, sharing its processes',
    cols: 110,
    rows: 30,
    args: ['-n', 'states'],
    run: async (s) => {
      await s.waitFor(states, 'the states pods');
      await s.hold(1200);
      await moveTo(s, 'states/noshell');
      await press(s, ['s'], READ);
      await s.waitForText('press d');
      await press(s, ['d'], READ);
      await press(s, ['\r'], 200);
      await shell(s, ['ps']);
      await s.waitForText(/exited \(exit code 0\)/, 30_000);
      await quit(s);
    },
    lastScreen: [/debugger-[a-z0-9]{5} exited \(exit code 0\)/],
    seen: [/has no shell/, /Debug states\/noshell/, /1 65535 +\/pause/],
  },
  {
    name: 'debug-copy',
    title: 'podscope: a stopped pod debugged in a copy, deleted afterwards',
    cols: 110,
    rows: 30,
    args: ['-n', 'states'],
    run: async (s) => {
      await s.waitFor((text) => states(text) && /done-ok\s+0\/1\s+Completed/.test(text), 'done-ok completed', 60_000);
      await s.hold(1200);
      await moveTo(s, 'states/done-ok');
      await press(s, ['d'], READ + 800);
      await press(s, ['\r'], 200);
      await shell(s, ['echo $HOSTNAME', 'ps']);
      await s.waitForText(/copy done-ok-debug deleted/, 30_000);
      await quit(s);
    },
    lastScreen: [/copy done-ok-debug deleted/],
    seen: [/debug a copy of the stopped pod/, /^done-ok-debug$/m],
  },
  {
    name: 'logs',
    title: 'podscope: follow a log, search it, pause it; all containers of a pod merged',
    cols: 110,
    rows: 30,
    args: ['-n', 'shop'],
    run: async (s) => {
      await s.waitFor(shop, 'the shop pods');
      await moveTo(s, 'shop/frontend-');
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
      await quit(s);
    },
    lastScreen: [/shop\/cart-/],
    seen: [/following/, /\/healthz/, /paused, \d+ new lines?/, /\[redis\]/],
  },
];

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createElement } from 'react';
import type { CoreV1Event, V1Namespace, V1Pod } from '@kubernetes/client-node';
import { cleanup } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RecentImages } from '../../src/cli/tui/recentImages.js';
import { readLogTail } from '../../src/kube/diagnosis/diagnosisReads.js';
import { loadClusterConfig } from '../../src/kube/kubeconfig.js';
import { App } from '../../src/ui/App.js';
import { ExplorerModel } from '../../src/ui/explorer/explorerModel.js';
import { handleExplorerKey } from '../../src/ui/explorer/keys/explorerKeys.js';
import { createDebugLaunch } from '../../src/ui/hooks/useDebugLaunch.js';
import { createSessionOpener } from '../../src/ui/hooks/useSessionOpener.js';
import { parseKeypresses } from '../../src/ui/input/keypress.js';
import { parseCommandLine } from '../../src/ui/commandLine.js';
import { initialUiState, type UiState } from '../../src/ui/state.js';
import type { UiServices } from '../../src/ui/services.js';
import { fakeActions, fakeForwards } from '../ui/helpers/actionServices.js';
import { fakeDebug, fakeLogs } from '../ui/helpers/debugServices.js';
import { MemoryStore } from '../ui/helpers/memoryStore.js';
import { renderAt } from '../ui/helpers/render.js';
import { testInfo } from '../ui/helpers/services.js';
import { PtyScreen } from './helpers/ptyScreen.js';

/**
 * Keys in the random burst. Under a CPU hog on a 2-core CI box 10,000 keys at 2,000 pods take minutes
 * to work through (every one is handled, in order); the default keeps the suite's time bounded.
 */
const BURST = Number(process.env['PODSCOPE_TEST_KEYS'] ?? 5_000);
import { filterTarget, startScaleCluster, type ScaleCluster } from './helpers/scaleCluster.js';

// The real binary on every namespace of the embedded cluster's scale scenario (`--scale-pods`, the
// fleet bench/ui.bench.js times at 20,000 pods). Not timed: these check that every key arrives, in
// order, whatever the load. PODSCOPE_TEST_PODS=20000 runs the case; the default keeps the
// whole suite within a 2-core CI box's budget, through the same code paths.

const PODS = Number(process.env.PODSCOPE_TEST_PODS ?? 2_000);
const SIZE = { columns: 80, rows: 24 };
const ESC = '\u001b';

let scale: ScaleCluster;
let stateDir: string;
/** A pod whose name repeats a character, which its whole name filters down to alone. */
let TARGET: string;
let TARGET_NAMESPACE: string;
/** The last part of TARGET's name: no other pod's name contains it, so TARGET is its best match. */
let FRAGMENT: string;

beforeAll(async () => {
  scale = await startScaleCluster(PODS, 500);
  const target = filterTarget(scale.pods);
  TARGET = target.pod.name;
  TARGET_NAMESPACE = target.pod.namespace;
  FRAGMENT = target.fragment;
  stateDir = mkdtempSync(join(tmpdir(), 'podscope-keys-'));
}, 300_000);

afterAll(async () => {
  await scale?.close();
  rmSync(stateDir, { recursive: true, force: true });
});

function explorer(kubeconfig = scale.cluster.kubeconfigPath): PtyScreen {
  return new PtyScreen({
    args: ['--kubeconfig', kubeconfig, '-A'],
    cols: SIZE.columns,
    rows: SIZE.rows,
    env: { XDG_STATE_HOME: stateDir, NO_COLOR: '1' },
  });
}

/**
 * A TCP relay to the cluster that holds every connection until release(): podscope then waits for
 * the server while it is already running, so "before the first frame" lasts as long as the test needs.
 */
async function heldRelay(target: URL): Promise<{ kubeconfig: string; release(): void; close(): Promise<void> }> {
  let released = false;
  const waiting: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    const pipe = (): void => {
      const upstream = connect(Number(target.port), target.hostname);
      sockets.add(upstream);
      client.pipe(upstream).pipe(client);
      const end = (): void => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    };
    if (released) pipe();
    else waiting.push(pipe);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const kubeconfig = join(stateDir, 'held.kubeconfig');
  writeFileSync(kubeconfig, readFileSync(scale.cluster.kubeconfigPath, 'utf8').split(target.origin).join(`https://127.0.0.1:${port}`));
  return {
    kubeconfig,
    release: () => {
      released = true;
      for (const pipe of waiting.splice(0)) pipe();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const header = (screen: string): string => screen.split('\n')[1] ?? '';
// The explorer draws one line less than the terminal has: the status line is the third from the bottom.
const statusLine = (screen: string): string => screen.split('\n')[SIZE.rows - 3] ?? '';

describe(`every key arrives, at ${PODS} pods`, () => {
  test('keys typed before the first frame are kept, applied in order, and never echoed', async () => {
    const relay = await heldRelay(new URL(scale.cluster.url));
    const tui = explorer(relay.kubeconfig);
    try {
      // Typed at once once podscope runs (what a terminal echoes before the process even starts is
      // beyond any program), while it still waits for the server it connects to.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(tui.inAlternateScreen).toBe(false);
      tui.write(`/${TARGET}\r`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      relay.release();
      await tui.waitFor((s) => header(s).includes(`filter: ${TARGET}`) && header(s).includes(`pods: 1/${PODS}`), 'the filter typed before the first frame', 60_000);
      expect(statusLine(await tui.text())).toMatch(new RegExp(`^${TARGET_NAMESPACE}/${TARGET}`));
      // Nothing of it reached the terminal before the explorer took it over.
      const before = tui.output.split('\u001b[?1049h')[0] ?? '';
      expect(before).not.toContain(TARGET.slice(0, 8));
    } finally {
      tui.dispose();
      await relay.close();
    }
  }, 120_000);

  test('with 500 pod updates a second, every text key reaches its prompt in order', async () => {
    const tui = explorer();
    const stop = scale.churn();
    try {
      await tui.waitFor((s) => header(s).includes(`pods: ${PODS}`) && header(s).includes('live'), 'the table', 60_000);
      // A burst: a filter abandoned with Esc, a repeated-digit one kept, a command line cancelled.
      tui.write(`/abcdef123456${ESC}/${TARGET}\r:nss${ESC}`);
      const screen = await tui.waitFor((s) => header(s).includes(`filter: ${TARGET}`) && statusLine(s).startsWith(`${TARGET_NAMESPACE}/`), 'the filter', 60_000);
      expect(header(screen)).toContain(`pods: 1/${PODS}`);
      expect(screen).not.toContain('no command for');
      expect(statusLine(screen)).toMatch(new RegExp(`^${TARGET_NAMESPACE}/${TARGET}`));
      tui.write(`${ESC}/${FRAGMENT}\r`);
      await tui.waitFor((s) => header(s).includes(`filter: ${FRAGMENT}`) && statusLine(s).startsWith(`${TARGET_NAMESPACE}/${TARGET}`), 'the best match of the fragment', 60_000);
    } finally {
      stop();
      tui.dispose();
    }
  }, 180_000);

  test(`${BURST.toLocaleString('en')} random keys in one burst end in the state the same keys give one at a time`, async () => {
    const pods = scale.cluster.store.list('pods') as unknown as V1Pod[];
    const namespaces = scale.cluster.store.list('namespaces') as unknown as V1Namespace[];
    const reference = referenceModel(pods, namespaces, stateDir);
    const keys = randomKeys(reference, BURST, 20260612);

    const tui = explorer();
    try {
      await tui.waitFor((s) => header(s).includes(`pods: ${PODS}`) && header(s).includes('live'), 'the table', 60_000);
      tui.write(keys);
      // Closing what is open (as the reference does) makes the whole state visible: filter, sort, pane, selection.
      const closing = closingKeys(reference.model.settled());
      for (const key of closing) for (const keypress of parseKeypresses(key)) reference.press(keypress);
      const expected = await expectedScreen(reference.model.settled(), reference);
      // The burst is still being handled: type the closing keys after it, they queue behind.
      tui.write(closing.join(''));
      // The header's first line names the server and user, which differ; the rest is the state. Highlighted rows keep their padding.
      // Ages and "(5s ago)" tick between the reference's frame and the explorer's: masked, and the padding they move with.
      const lines = (s: string) =>
        s
          .split('\n')
          .slice(1, SIZE.rows - 1)
          // The owner chain is read from the cluster (the reference has none): what the read answered is left out.
          .map((line) => line.replace(/(owner .*?) \((?:not found|not read|its owner)[^)]*\)/, '$1'))
          .map((line) => line.replace(/\d+[smhd](\d+[smhd])?/g, 'T').replace(/ +/g, ' ').trimEnd());
      const wanted = lines(expected).join('\n');
      await tui.waitFor((s) => lines(s).join('\n') === wanted, `the reference state:\n${wanted}`, 420_000);
    } finally {
      tui.dispose();
      cleanup();
    }
  }, 600_000);
});

interface Reference {
  model: ExplorerModel;
  services: UiServices;
  /** The log tails the reference's WHY line asked for, as the explorer's does (it quotes them). */
  tailsRead: Promise<unknown>[];
  press(keypress: ReturnType<typeof parseKeypresses>[number]): void;
}

function servicesFor(pods: readonly V1Pod[], namespaces: readonly V1Namespace[], stateDirectory: string, tailsRead: Promise<unknown>[]): UiServices {
  const debug = fakeDebug({ recentImages: new RecentImages(join(stateDirectory, 'podscope', 'recent-images.json')).list() });
  // The WHY line of a restarted pod quotes its previous log: read from the same cluster, so both screens quote the same lines.
  const { kubeConfig } = loadClusterConfig({ kubeconfig: scale.cluster.kubeconfigPath });
  return {
    diagnosis: {
      logTail: (pod, wanted, signal) => {
        const read = readLogTail(kubeConfig, pod, wanted, signal);
        tailsRead.push(read.catch(() => undefined));
        return read;
      },
    },
    info: { ...testInfo, namespace: 'default', allNamespaces: true },
    podStore: () => new MemoryStore<V1Pod>(pods),
    namespaceStore: () => new MemoryStore<V1Namespace>(namespaces),
    eventStore: () => new MemoryStore<CoreV1Event>([]),
    now: () => new Date(),
    debug: debug.services,
    // As the real TUI has them: their keys are in the hint line the screens are compared on (L: the workload log).
    logs: { ...fakeLogs().services, workload: { open: () => ({ close: () => undefined }) } },
    actions: fakeActions(pods, []).actions,
    forwards: fakeForwards().forwards,
  };
}

/** The explorer model alone, keys handled one at a time with nothing racing them. */
function referenceModel(pods: readonly V1Pod[], namespaces: readonly V1Namespace[], stateDirectory: string): Reference {
  const tailsRead: Promise<unknown>[] = [];
  const services = servicesFor(pods, namespaces, stateDirectory, tailsRead);
  const model = new ExplorerModel({ services, initialState: initialUiState({ allNamespaces: true }), size: () => SIZE, display: { unicode: true, color: false } });
  const launch = createDebugLaunch(services.debug, model.dispatch);
  const options = {
    model,
    launch,
    sessions: createSessionOpener(services.debug, model.dispatch),
    onQuit: () => {
      throw new Error('the key mix must not quit');
    },
  };
  return { model, services, tailsRead, press: (keypress) => handleExplorerKey(options, keypress) };
}

/** What closes the overlay `state` has open without changing anything else (a filter prompt keeps its text). */
function closingKeys(state: UiState): string[] {
  const close: Record<UiState['overlay']['kind'], string> = { none: '', filter: '\r', command: ESC, picker: ESC, help: ESC, debugForm: ESC, debugProgress: ESC, logs: ESC, session: ESC, describe: ESC, yaml: ESC, confirmRemoval: ESC, forwardForm: ESC, forwards: ESC, contexts: ESC, eventDetail: ESC };
  // Tab and Shift-Tab come back to the same pane, and as commands they clear a message from the status line.
  return [close[state.overlay.kind], '\t', SHIFT_TAB].filter((key) => key !== '');
}

async function expectedScreen(state: UiState, reference: Reference): Promise<string> {
  const asked = reference.tailsRead.length;
  const ui = renderAt(createElement(App, { services: reference.services, onQuit: () => undefined, initialState: state, display: { unicode: true, color: false } }), SIZE);
  // A log tail the first frame asked for: the frame after its answer is the one to compare.
  const tails = await Promise.all(reference.tailsRead.slice(asked));
  const quoted = tails.some((lines) => Array.isArray(lines));
  for (let waited = 0; quoted && !/last lines of|log is empty/.test(ui.frame()) && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  const frame = ui.frame();
  ui.unmount();
  return frame
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

/** A deterministic pseudo-random sequence. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

const UP = '\u001b[A';
const DOWN = '\u001b[B';
const LEFT = '\u001b[D';
const RIGHT = '\u001b[C';
const PGUP = '\u001b[5~';
const PGDN = '\u001b[6~';
const SHIFT_TAB = '\u001b[Z';

/**
 * Keys a user might type, chosen for the overlay the reference is in after the keys before:
 * navigation, sorting, panes, folds, the filter, help, the namespace picker, the command line and
 * the debug form. Never a key that hands the terminal over or changes the cluster (s, a, l, q,
 * Enter in the form), nor one that switches namespace (its list would load while later keys wait).
 */
function randomKeys(reference: Reference, count: number, seed: number): string {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const filterText = `${TARGET.slice(0, 10)} ${FRAGMENT}`;
  let out = '';
  for (let i = 0; i < count; i++) {
    const state = reference.model.state();
    let key: string;
    switch (state.overlay.kind) {
      case 'none':
        // Esc, O and P..S read together are F1-F4 (ESC O P): a terminal cannot tell them apart.
        key = pick(['j', 'j', 'k', 'G', 'g', DOWN, UP, PGDN, PGUP, '\t', SHIFT_TAB, 'O', '<', '>', 'R', 'e', '/', '/', '?', 'n', ':', 'd', ESC, '\r', ' ', 'h', LEFT, RIGHT, 'x', 'w']);
        break;
      case 'filter':
        key = next() < 0.8 ? pick([...filterText]) : pick(['\u007f', '\r', ESC, '\u0015']);
        break;
      case 'command': {
        const runs = parseCommandLine(state.overlay.text).kind;
        key = next() < 0.8 ? pick([...'nsxy ']) : pick(runs === 'error' || runs === 'none' || runs === 'help' ? ['\r', ESC, '\u007f'] : [ESC, '\u007f']);
        break;
      }
      case 'picker':
        key = pick([...'defaultsc', '\u007f', UP, DOWN, ESC]);
        break;
      case 'help':
        key = pick(['j', 'k', 'g', 'G', ' ', PGDN, PGUP, ESC, '?', 'q']);
        break;
      case 'debugForm':
        key = pick(['\t', SHIFT_TAB, UP, DOWN, LEFT, RIGHT, ' ', 'b', 'x', '1', '\u007f', ESC]);
        break;
      default:
        key = ESC;
    }
    if (key === 'O' && out.endsWith(ESC)) key = '>';
    for (const keypress of parseKeypresses(key)) reference.press(keypress);
    out += key;
  }
  // Leave the form or a prompt as it is: the closing keys deal with it.
  return out;
}

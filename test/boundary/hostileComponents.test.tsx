import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { App } from '../../src/ui/App.js';
import { DebugProgress } from '../../src/ui/components/DebugProgress.js';
import { DisplayContext, displayValue } from '../../src/ui/contexts/DisplayContext.js';
import { KeyInputProvider } from '../../src/ui/input/KeyInput.js';
import { initialUiState } from '../../src/ui/state.js';
import { ATTACKS, foreignControls, hostile } from '../helpers/hostile.js';
import { renderAt } from '../ui/helpers/render.js';
import { fakeServices } from '../ui/helpers/services.js';

afterEach(() => cleanup());

/** Invalid UTF-8 never reaches the UI as bytes: JSON decoding made it U+FFFD (or a lone surrogate at worst). */
const h = (label: string): string => hostile(label).replace('@@BAD_UTF8@@', '\ufffd\ud800');

function frameBytes(frame: string): Buffer {
  return Buffer.from(frame, 'utf8');
}

const pod: V1Pod = {
  metadata: { name: h('web'), namespace: 'lab', uid: 'u1', creationTimestamp: new Date('2026-11-23T09:00:00Z') },
  spec: { nodeName: h('node'), containers: [{ name: h('app'), image: h('img') }] },
  status: {
    phase: 'Running',
    podIP: h('10.0.0.1'),
    podIPs: [{ ip: h('10.0.0.1') }],
    containerStatuses: [{ name: h('app'), image: h('img'), imageID: '', ready: false, restartCount: 1, state: { waiting: { reason: h('CrashLoopBackOff'), message: h('msg') } } }],
  },
};
const event: CoreV1Event = {
  metadata: { name: 'e', namespace: 'lab', uid: 'e1' },
  involvedObject: { kind: 'Pod', name: pod.metadata?.name, namespace: 'lab' },
  type: h('Warning'),
  reason: h('BackOff'),
  message: h('Back-off'),
  count: 3,
  source: { component: h('kubelet') },
  lastTimestamp: new Date('2026-11-23T09:10:00Z'),
};

describe('components given hostile text', () => {
  it('the explorer: header (kubeconfig names), table, tree, events, status line, a forbidden namespace list and a failed connection', async () => {
    const fake = fakeServices({
      pods: [pod],
      events: [event],
      info: { contextName: h('ctx'), server: h('https://srv'), user: h('user') },
      namespaceConnection: { kind: 'forbidden', message: h('namespaces is forbidden') },
    });
    const ui = renderAt(<App services={fake.services} onQuit={() => {}} display={{ unicode: true, color: true }} />, { columns: 160, rows: 40 });
    await ui.waitForFrame((f) => f.includes('CrashLoopBackOff^[[2J'));
    expect(foreignControls(frameBytes(ui.rawFrame()))).toEqual([]);
    expect(ui.frame()).toContain('context: ctx^[[2J');
    await ui.press('n');
    await ui.waitForFrame((f) => f.includes('cannot list namespaces: namespaces is forbidden^[[2J'));
    expect(foreignControls(frameBytes(ui.rawFrame()))).toEqual([]);
    await ui.press('\u001b');
    fake.podStore().setConnection({ kind: 'reconnecting', error: h('connection reset'), since: new Date(), attempt: 2 });
    await ui.waitForFrame((f) => f.includes('reconnecting… (connection reset^[[2J'));
    expect(foreignControls(frameBytes(ui.rawFrame()))).toEqual([]);
  });

  it('a status message composed with cluster text is cleaned as a line', async () => {
    const fake = fakeServices({ pods: [pod] });
    const state = { ...initialUiState({ namespace: 'lab' }), message: { text: `deleted ${ATTACKS}`, level: 'warning' as const } };
    const ui = renderAt(<App services={fake.services} onQuit={() => {}} initialState={state} display={{ unicode: true, color: false }} />, { columns: 200, rows: 30 });
    await ui.waitForFrame((f) => f.includes('deleted ^[[2J'));
    expect(foreignControls(frameBytes(ui.rawFrame()))).toEqual([]);
  });

  it('the debug progress panel: names, image, reasons, messages, events and the error', async () => {
    const ui = renderAt(
      <DisplayContext.Provider value={displayValue({ unicode: true, color: true })}>
        <KeyInputProvider>
          <DebugProgress
            request={{ namespace: h('ns'), pod: h('pod'), image: h('image'), target: h('target'), profile: 'general', command: [], copy: { name: h('copy'), deleteAfter: true } }}
            progress={{ container: h('debugger'), phase: 'waiting', reason: h('ErrImagePull'), message: h('pull failed'), events: [{ reason: h('Failed'), message: h('message'), type: 'Warning', count: 2 }] }}
            error={h('the launch failed')}
            region={{ width: 200, height: 20 }}
          />
        </KeyInputProvider>
      </DisplayContext.Provider>,
      { columns: 200, rows: 20 },
    );
    const frame = await ui.waitForFrame((f) => f.includes('failed: the launch failed^[[2J'));
    expect(frame).toContain('reason    ErrImagePull^[[2J');
    expect(frame).toContain('Failed^[[2J');
    expect(foreignControls(frameBytes(ui.rawFrame()))).toEqual([]);
  });
});

describe('names that collide as React keys', () => {
  // Two pods whose names are the same once cleaned, with the same uid; one repeats a container and a condition.
  const twin = (name: string): V1Pod => ({
    ...pod,
    metadata: { ...pod.metadata, name, uid: 'same' },
    spec: { containers: [{ name: h('dup'), image: 'a' }, { name: h('dup'), image: 'b' }] },
    status: { phase: 'Running', conditions: [{ type: h('Ready'), status: 'False' }, { type: h('Ready'), status: 'False' }] },
  });

  it('React (development mode here) has nothing to warn about: keys are positions, never cluster text', async () => {
    const warnings: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void warnings.push(args);
    try {
      const fake = fakeServices({ pods: [twin('twin\x1b[7m'), twin('twin^[[7m')], events: [event, { ...event, metadata: { ...event.metadata, uid: 'e1' } }] });
      const ui = renderAt(<App services={fake.services} onQuit={() => {}} display={{ unicode: true, color: true }} />, { columns: 200, rows: 40 });
      await ui.waitForFrame((f) => f.split('\n').filter((line) => line.includes('twin^[[7m')).length >= 2);
      await ui.press('\t');
      await ui.waitForFrame((f) => f.includes('dup^[[2J'));
      await ui.press('l');
      await ui.waitForFrame((f) => f.includes('lab/twin^[[7m'));
      await ui.press('c');
      await ui.waitForFrame((f) => f.split('\n').filter((line) => line.includes('dup^[[2J')).length >= 2);
      await ui.press('\u001b');
      await ui.press('n');
      await ui.waitForFrame((f) => f.includes('Namespace'));
    } finally {
      console.error = original;
    }
    expect(warnings.map((args) => String(args[0]))).toEqual([]);
  });
});

describe('Line and Span clean again what a cast forged', () => {
  it('a Printable made by `as` still cannot write an escape', async () => {
    const { Line, Span } = await import('../../src/ui/components/Line.js');
    type Forged = Parameters<typeof Line>[0]['children'];
    const forged = `web${ATTACKS}` as unknown as Forged;
    const ui = renderAt(
      <Line>
        {forged}
        <Span bold>{forged}</Span>
        {[forged, 3]}
      </Line>,
      { columns: 2000, rows: 5 },
    );
    await ui.waitForFrame((f) => f.includes('web^[[2J'));
    expect(foreignControls(frameBytes(ui.rawFrame()))).toEqual([]);
    expect(ui.frame().split('web^[[2J^[[H')).toHaveLength(4);
  });
});

import type { V1Pod } from '@kubernetes/client-node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Pod } from '../../src/model/apiObjects.js';
import { DATA_FRAME_MS } from '../../src/ui/explorer/dataFrames.js';
import { ExplorerModel } from '../../src/ui/explorer/explorerModel.js';
import { initialUiState } from '../../src/ui/state.js';
import { podList } from './helpers/pods.js';
import { fakeServices } from './helpers/services.js';

const lab = podList('pods/lab-list.json');
/** 60 more pods in a namespace after `lab`: the last of them are far below the first screen. */
const shop: V1Pod[] = Array.from({ length: 60 }, (_, i) => {
  const pod = structuredClone(lab[i % lab.length]!);
  pod.metadata = { ...pod.metadata, namespace: 'shop', name: `shop-${String(i).padStart(2, '0')}`, uid: `shop-${i}` };
  return pod;
});

afterEach(() => {
  vi.useRealTimers();
});

/** A MODIFIED event's object: a new object for the same pod, one field changed. */
function modified(pod: V1Pod): V1Pod {
  return { ...pod, metadata: { ...pod.metadata, resourceVersion: `${pod.metadata?.resourceVersion ?? ''}1` } };
}

function explorer() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  const fake = fakeServices({ pods: [...lab, ...shop], events: [] });
  const model = new ExplorerModel({ services: fake.services, initialState: initialUiState({ allNamespaces: true }), size: () => ({ columns: 100, rows: 30 }), display: { unicode: true, color: false } });
  model.flush();
  let drawn = 0;
  model.subscribe(() => (drawn += 1));
  // The data frame's pace: the next one no sooner than DATA_FRAME_MS after the last.
  const frame = async (): Promise<void> => {
    await vi.advanceTimersByTimeAsync(DATA_FRAME_MS + 1);
  };
  return { model, fake, drawn: () => drawn, frame };
}

const names = (pods: readonly Pod[]) => pods.map((p) => p.metadata?.name);

describe('data frames', () => {
  it('a batch that changes only pods off screen is not drawn, yet the rows the keys act on have it', async () => {
    const { model, fake, drawn, frame } = explorer();
    await frame();
    const store = fake.podStore();
    const pods = [...store.snapshot()];
    const last = pods.length - 1;
    pods[last] = modified(pods[last]!);
    store.set(pods);
    await frame();
    expect(drawn()).toBe(0);
    expect(model.podList().pods.at(-1)).toBe(store.snapshot()[last]);
  });

  it('a batch that changes a pod on screen is drawn, and so is a change of the count', async () => {
    const { fake, drawn, frame } = explorer();
    await frame();
    const store = fake.podStore();
    const pods = [...store.snapshot()];
    pods[0] = modified(pods[0]!);
    store.set(pods);
    await frame();
    expect(drawn()).toBe(1);
    // A pod off screen deleted: the header's count changes.
    store.set(pods.slice(0, -1));
    await frame();
    expect(drawn()).toBe(2);
  });

  it('a key, the namespace list, a connection change are drawn even when no pod on screen changed', async () => {
    const { model, fake, drawn, frame } = explorer();
    await frame();
    model.dispatch({ type: 'cursor.move', delta: 1, ...model.rowsView() });
    await frame();
    expect(drawn()).toBe(1);
    model.namespaceStore();
    fake.namespaceStore().set([]);
    await frame();
    expect(drawn()).toBe(2);
    fake.podStore().setConnection({ kind: 'reconnecting', attempt: 1, since: new Date(0), error: 'reset' });
    await frame();
    expect(drawn()).toBe(3);
  });

  it('new events are not drawn by the model: the panes that show them subscribe to the event store themselves', async () => {
    const { model, fake, drawn, frame } = explorer();
    await frame();
    model.eventStore();
    fake.eventStore().set([]);
    await frame();
    expect(drawn()).toBe(0);
  });

  it('what is drawn after skipped frames is the newest rows', async () => {
    const { model, fake, drawn, frame } = explorer();
    await frame();
    const store = fake.podStore();
    let pods = [...store.snapshot()];
    for (let i = 0; i < 5; i++) {
      pods = [...pods];
      pods[pods.length - 1 - i] = modified(pods[pods.length - 1 - i]!);
      store.set(pods);
      await frame();
    }
    expect(drawn()).toBe(0);
    model.dispatch({ type: 'cursor.jump', to: 'last', ...model.rowsView() });
    await frame();
    expect(drawn()).toBe(1);
    expect(names(model.podList(model.publishedState()).pods)).toEqual(names(store.snapshot()));
    expect(model.podList(model.publishedState()).pods.at(-1)).toBe(store.snapshot().at(-1));
  });
});

import type { V1Pod } from '@kubernetes/client-node';
import type { Pod } from '../../src/model/apiObjects.js';
import { describe, expect, test } from 'vitest';
import { PodListModel } from '../../src/ui/podList.js';
import type { SortOrder } from '../../src/ui/state.js';
import { podList, renamed } from './helpers/pods.js';

const lab = podList('pods/lab-list.json');
const states = podList('pods/states-list.json');
const templates = [...lab, ...states];

/** A deterministic pseudo-random sequence. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

function population(count: number): V1Pod[] {
  const words = ['web', 'pending', 'orders-worker', 'oom', 'cart', 'recommendation'];
  return Array.from({ length: count }, (_, i) => {
    const pod = renamed(templates[i % templates.length]!, `${words[i % words.length]}-${(i * 7919).toString(36)}-${i}`);
    pod.metadata = { ...pod.metadata, labels: { app: words[i % words.length]!, shard: String(i % 7) } };
    return pod;
  });
}

const orders: SortOrder[] = [
  { key: 'name', reverse: false },
  { key: 'age', reverse: false },
  { key: 'restarts', reverse: true },
  { key: 'status', reverse: false },
  { key: 'name', reverse: true },
];

const names = (pods: readonly Pod[]) => pods.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`);

describe('PodListModel', () => {
  const filters = ['', 'web', 'pen', 'pending-1', '!web', '/^oom-', 'app in (web,cart),shard!=3', 'zzz'];

  test('merging watch batches into the previous order gives what a fresh sort and filter gives', () => {
    const next = random(7);
    let pods = population(400);
    for (const order of orders) {
      for (const text of filters) {
        const incremental = new PodListModel();
        incremental.view(pods, order, text, 'ns');
        for (let batch = 0; batch < 8; batch++) {
          pods = [...pods];
          // Replace some objects (MODIFIED is a new object), delete a few, add a few.
          for (let n = 0; n < 6; n++) {
            const at = Math.floor(next() * pods.length);
            const template = templates[Math.floor(next() * templates.length)]!;
            const replaced = renamed(template, pods[at]!.metadata!.name!);
            replaced.metadata = { ...replaced.metadata, labels: pods[at]!.metadata?.labels };
            pods[at] = replaced;
          }
          pods.splice(Math.floor(next() * pods.length), 1);
          pods.push(...population(3).map((p, i) => renamed(p, `added-${batch}-${i}-${p.metadata!.name}`)));
          const view = incremental.view(pods, order, text, 'ns');
          const fresh = new PodListModel().view(pods, order, text, 'ns');
          expect(names(view.pods)).toEqual(names(fresh.pods));
          expect(view.total).toBe(pods.length);
        }
      }
    }
  });

  test('typing on in the filter searches the previous matches and gives what a fresh search gives', () => {
    const pods = population(600);
    const model = new PodListModel();
    let text = '';
    for (const character of 'pending-1') {
      text += character;
      const view = model.view(pods, orders[0]!, text, 'ns');
      expect(names(view.pods)).toEqual(names(new PodListModel().view(pods, orders[0]!, text, 'ns').pods));
    }
  });

  test('a fuzzy filter ranks: exact name, prefix, substring, then fuzzy; ties in the sort order', () => {
    const pods = ['a-web', 'web', 'orders-worker-6785b', 'web-2', 'web-1'].map((name) => renamed(lab[0]!, name));
    const view = new PodListModel().view(pods, { key: 'name', reverse: false }, 'web', 'ns');
    expect(view.ranked).toBe(true);
    expect(view.pods.map((p) => p.metadata?.name)).toEqual(['web', 'web-1', 'web-2', 'a-web', 'orders-worker-6785b']);
  });

  test('column widths grow with a batch at once and shrink only when the filter changes', () => {
    const pods = population(50);
    const model = new PodListModel();
    const first = model.view(pods, orders[0]!, '', 'ns');
    const long = renamed(pods[0]!, 'x'.repeat(60));
    const grown = model.view([...pods, long], orders[0]!, '', 'ns');
    expect(grown.widths.name).toBe(60);
    expect(grown.epoch).toBe(first.epoch);
    const back = model.view(pods, orders[0]!, '', 'ns');
    expect(back.widths.name).toBe(60);
    const filtered = model.view(pods, orders[0]!, 'web', 'ns');
    expect(filtered.widths.name).toBeLessThan(60);
    expect(filtered.epoch).not.toBe(first.epoch);
  });
});

describe('PodListModel, incremental against fresh', () => {
  /** The store's order: namespace, then name (what ListWatchStore.snapshot gives). */
  const storeOrder = (pods: V1Pod[]): V1Pod[] =>
    [...pods].sort((a, b) => `${a.metadata?.namespace}\u0000${a.metadata?.name}`.localeCompare(`${b.metadata?.namespace}\u0000${b.metadata?.name}`));

  /** A watch batch: a few objects replaced (MODIFIED brings a new object), one deleted, some added. */
  function churn(pods: V1Pod[], next: () => number, batch: number): V1Pod[] {
    const out = [...pods];
    for (let n = 0; n < 1 + Math.floor(next() * 8); n++) {
      const at = Math.floor(next() * out.length);
      const template = templates[Math.floor(next() * templates.length)]!;
      const replaced = renamed(template, out[at]!.metadata!.name!);
      replaced.metadata = { ...replaced.metadata, namespace: out[at]!.metadata?.namespace, labels: out[at]!.metadata?.labels };
      out[at] = replaced;
    }
    if (next() < 0.7) out.splice(Math.floor(next() * out.length), 1);
    if (next() < 0.7) out.push(...population(1 + Math.floor(next() * 3)).map((p, i) => renamed(p, `${p.metadata!.name}-b${batch}x${i}`)));
    return out;
  }

  const alphabet = 'webpndigor-0123456789 !/^=,';

  test.each([
    ['in store order', 1, true],
    ['in store order, another seed', 2, true],
    ['in any order', 3, false],
  ])('keystrokes, sort changes and watch batches give exactly what a fresh filter and sort gives (%s)', (_label, seed, sorted) => {
    const next = random(seed);
    let pods = population(300);
    const arrange = (list: V1Pod[]) => (sorted ? storeOrder(list) : [...list].sort(() => next() - 0.5));
    let snapshot = arrange(pods);
    const model = new PodListModel();
    let text = '';
    let order = orders[0]!;
    for (let step = 0; step < 400; step++) {
      const draw = next();
      if (draw < 0.45) text += alphabet[Math.floor(next() * alphabet.length)];
      else if (draw < 0.55) text = text.slice(0, -1);
      else if (draw < 0.6) text = '';
      else if (draw < 0.65) text = ['web', 'pend', '!oom', 'app=web', '/^or', 'ca rt'][Math.floor(next() * 6)]!;
      else if (draw < 0.7) order = orders[Math.floor(next() * orders.length)]!;
      else {
        pods = churn(pods, next, step);
        snapshot = arrange(pods);
      }
      const view = model.view(snapshot, order, text, 'ns');
      const fresh = new PodListModel().view(snapshot, order, text, 'ns');
      expect(names(view.pods), `step ${step}, filter ${JSON.stringify(text)}`).toEqual(names(fresh.pods));
      expect(view.keys).toEqual(fresh.keys);
      expect(view.total).toBe(snapshot.length);
      for (const key of fresh.keys.slice(0, 12)) expect(view.indexOf(key)).toBe(fresh.indexOf(key));
    }
  });

  test('a batch that changes only pods the filter leaves out keeps the same view (nothing to draw)', () => {
    const pods = storeOrder(population(300));
    const model = new PodListModel();
    const before = model.view(pods, orders[0]!, 'cart', 'ns');
    expect(before.pods.length).toBeGreaterThan(0);
    const hidden = pods.findIndex((p) => !p.metadata!.name!.includes('cart'));
    const next = [...pods];
    next[hidden] = renamed(templates[0]!, pods[hidden]!.metadata!.name!);
    next[hidden]!.metadata = { ...next[hidden]!.metadata, namespace: pods[hidden]!.metadata?.namespace };
    expect(model.view(next, orders[0]!, 'cart', 'ns')).toBe(before);
    // A shown pod replaced: a new view, the replacement in its place.
    const shown = next.findIndex((p) => p.metadata!.name!.includes('cart'));
    const after = [...next];
    after[shown] = renamed(templates[1]!, next[shown]!.metadata!.name!);
    after[shown]!.metadata = { ...after[shown]!.metadata, namespace: next[shown]!.metadata?.namespace };
    const view = model.view(after, orders[0]!, 'cart', 'ns');
    expect(view).not.toBe(before);
    expect(view.pods).toContain(after[shown]);
    expect(view.pods).not.toContain(next[shown]);
    expect(names(view.pods)).toEqual(names(before.pods));
  });

  test('a row is found by key after many lookups as after a few, and a pod not shown is -1', () => {
    const pods = storeOrder(population(120));
    const view = new PodListModel().view(pods, orders[0]!, '', 'ns');
    view.keys.forEach((key, i) => expect(view.indexOf(key)).toBe(i));
    expect(view.indexOf({ namespace: 'nowhere', name: 'none' })).toBe(-1);
  });
});

import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { UsageFeed } from '../../src/kube/metrics/usagePoller.js';
import type { UsageState } from '../../src/model/usage.js';
import { ExplorerModel } from '../../src/ui/explorer/explorerModel.js';
import { initialUiState, type UiState } from '../../src/ui/state.js';
import type { PodScope } from '../../src/ui/services.js';
import { podList } from './helpers/pods.js';
import { fakeServices } from './helpers/services.js';

const lab = podList('pods/lab-list.json');
/** 60 more pods in a namespace after `lab`: the table's last screen holds only them. */
const shop: V1Pod[] = Array.from({ length: 60 }, (_, i) => {
  const pod = structuredClone(lab[i % lab.length]!);
  pod.metadata = { ...pod.metadata, namespace: 'shop', name: `shop-${String(i).padStart(2, '0')}`, uid: `shop-${i}` };
  pod.spec = { ...pod.spec!, nodeName: 'shop-node' };
  return pod;
});

/** A usage feed that records what the explorer told it to poll. */
class RecordingFeed implements UsageFeed {
  readonly focused: Array<readonly string[] | undefined> = [];
  state(): UsageState {
    return { kind: 'loading' };
  }
  subscribe(): () => void {
    return () => {};
  }
  focus(namespaces: readonly string[] | undefined): void {
    this.focused.push(namespaces === undefined ? undefined : [...namespaces].sort());
  }
  close(): void {}
}

function explorer(scope: PodScope): { model: ExplorerModel; feeds: RecordingFeed[]; nodesAsked: Array<readonly string[] | undefined> } {
  const fake = fakeServices({ pods: [...lab, ...shop] });
  const feeds: RecordingFeed[] = [];
  const nodesAsked: Array<readonly string[] | undefined> = [];
  fake.services.usage = {
    open: (_scope, nodes) => {
      const feed = new RecordingFeed();
      feeds.push(feed);
      nodesAsked.push(nodes(['shop']));
      return feed;
    },
  };
  const initialState: UiState = initialUiState(scope);
  const model = new ExplorerModel({ services: fake.services, initialState, size: () => ({ columns: 80, rows: 24 }), display: { unicode: true, color: false } });
  return { model, feeds, nodesAsked };
}

describe('usage polled for what the table shows', () => {
  it('all namespaces: the namespaces of the rows on screen, and those of the new rows after a jump', () => {
    const { model, feeds } = explorer({ allNamespaces: true });
    model.flush();
    const feed = feeds[0]!;
    expect(feed.focused.at(-1)).toEqual(['lab', 'shop']);
    model.dispatch({ type: 'cursor.jump', to: 'last', ...model.rowsView() });
    model.flush();
    expect(feed.focused.at(-1)).toEqual(['shop']);
  });

  it('sorted by CPU or memory: the whole scope (every pod is ranked)', () => {
    const { model, feeds } = explorer({ allNamespaces: true });
    model.flush();
    model.dispatch({ type: 'sort.by', key: 'cpu' });
    model.flush();
    expect(feeds[0]!.focused.at(-1)).toBeUndefined();
    model.dispatch({ type: 'sort.by', key: 'name' });
    model.flush();
    expect(feeds[0]!.focused.at(-1)).toEqual(['lab', 'shop']);
  });

  it('the summary fallback asks only the nodes of the focused namespaces', () => {
    const { model, nodesAsked } = explorer({ allNamespaces: true });
    model.flush();
    expect(nodesAsked[0]).toEqual(['shop-node']);
  });

  it('one namespace: the feed is never narrowed', () => {
    const { model, feeds } = explorer({ namespace: 'lab' });
    model.flush();
    expect(feeds[0]!.focused).toEqual([]);
  });
});

import { Text } from 'ink';
import { cleanup } from 'ink-testing-library';
import { afterEach, expect, test, vi } from 'vitest';
import type { ConnectionState } from '../../src/kube/resourceStore.js';
import { useOwnedStore, useStoreConnection, useStoreSnapshot } from '../../src/ui/hooks/useStore.js';
import { MemoryStore } from './helpers/memoryStore.js';
import { renderAt } from './helpers/render.js';

afterEach(() => {
  cleanup();
});

/** A store that builds a new connection object on every call, as a real one may. */
class FreshObjectStore extends MemoryStore<string> {
  override connection(): ConnectionState {
    return { ...super.connection() };
  }
}

function Probe({ store, renders }: { store: MemoryStore<string>; renders: () => void }) {
  renders();
  const items = useStoreSnapshot(store);
  const connection = useStoreConnection(store);
  return <Text>{`${connection.kind}: ${items.join(',')}`}</Text>;
}

test('a store that returns fresh connection objects does not re-render in a loop', async () => {
  const store = new FreshObjectStore(['a'], { kind: 'connecting' });
  const renders = vi.fn();
  const ui = renderAt(<Probe store={store} renders={renders} />, { columns: 40, rows: 5 });
  await ui.waitForFrame((f) => f.includes('connecting: a'));
  store.setConnection({ kind: 'live' });
  store.set(['a', 'b']);
  await ui.waitForFrame((f) => f.includes('live: a,b'));
  const settled = renders.mock.calls.length;
  expect(settled).toBeLessThan(10);
  // Same state again, as a new object: nothing to redraw.
  store.setConnection({ kind: 'live' });
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(renders.mock.calls.length).toBe(settled);
});

function Owner({ scope, opened }: { scope: string; opened: Array<MemoryStore<string>> }) {
  const store = useOwnedStore(() => {
    const s = new MemoryStore<string>([scope]);
    opened.push(s);
    return s;
  }, scope);
  return <Text>{useStoreSnapshot(store).join(',')}</Text>;
}

test('an owned store is opened once per key and closed when the key changes or on unmount', async () => {
  const opened: Array<MemoryStore<string>> = [];
  const ui = renderAt(<Owner scope="lab" opened={opened} />, { columns: 40, rows: 5 });
  await ui.waitForFrame((f) => f.includes('lab'));
  ui.rerender(<Owner scope="lab" opened={opened} />);
  expect(opened).toHaveLength(1);
  ui.rerender(<Owner scope="states" opened={opened} />);
  await ui.waitForFrame((f) => f.includes('states'));
  expect(opened.map((s) => s.closed)).toEqual([true, false]);
  ui.unmount();
  expect(opened.map((s) => s.closed)).toEqual([true, true]);
});

import { describe, expect, test } from 'vitest';
import {
  initialUiState,
  scopeOf,
  selectedIndex,
  uiReducer,
  type PodKey,
  type UiState,
} from '../../src/ui/state.js';
import { eventsTop, scrollWindow, treeIndex } from '../../src/ui/viewport.js';

const keys = (...names: string[]): PodKey[] => names.map((name) => ({ namespace: 'lab', name }));
const rows = keys('a', 'b', 'c', 'd', 'e');
const start = initialUiState({ namespace: 'lab' });

function run(state: UiState, ...actions: Parameters<typeof uiReducer>[1][]): UiState {
  return actions.reduce(uiReducer, state);
}

describe('uiReducer', () => {
  test('the first list selects its first row', () => {
    const state = run(start, { type: 'rows.changed', rows, viewport: 3 });
    expect(state.selection).toEqual({ namespace: 'lab', name: 'a' });
    expect(state.cursor).toBe(0);
  });

  test('cursor moves are clamped to the list', () => {
    let state = run(start, { type: 'rows.changed', rows, viewport: 3 });
    state = run(state, { type: 'cursor.move', delta: -1, rows, viewport: 3 });
    expect(state.selection?.name).toBe('a');
    state = run(state, { type: 'cursor.move', delta: 2, rows, viewport: 3 });
    expect(state.selection?.name).toBe('c');
    state = run(state, { type: 'cursor.move', delta: 10, rows, viewport: 3 });
    expect(state.selection?.name).toBe('e');
    expect(state.cursor).toBe(4);
  });

  test('jumps go to the first and last rows', () => {
    let state = run(start, { type: 'cursor.jump', to: 'last', rows, viewport: 3 });
    expect(state.selection?.name).toBe('e');
    state = run(state, { type: 'cursor.jump', to: 'first', rows, viewport: 3 });
    expect(state.selection?.name).toBe('a');
  });

  test('scrolls just enough to keep the selection in the viewport', () => {
    let state = run(start, { type: 'rows.changed', rows, viewport: 2 });
    state = run(state, { type: 'cursor.move', delta: 1, rows, viewport: 2 });
    expect(state.scrollTop).toBe(0);
    state = run(state, { type: 'cursor.move', delta: 1, rows, viewport: 2 });
    expect(state.scrollTop).toBe(1);
    state = run(state, { type: 'cursor.jump', to: 'last', rows, viewport: 2 });
    expect(state.scrollTop).toBe(3);
    state = run(state, { type: 'cursor.move', delta: -1, rows, viewport: 2 });
    expect(state.scrollTop).toBe(3);
    state = run(state, { type: 'cursor.move', delta: -2, rows, viewport: 2 });
    expect(state.scrollTop).toBe(1);
  });

  test('the selection follows its pod when rows are inserted before it', () => {
    let state = run(start, { type: 'rows.changed', rows, viewport: 10 }, { type: 'cursor.move', delta: 2, rows, viewport: 10 });
    const reordered = keys('0', 'e', 'd', 'c', 'b', 'a');
    state = run(state, { type: 'rows.changed', rows: reordered, viewport: 10 });
    expect(state.selection?.name).toBe('c');
    expect(state.cursor).toBe(3);
    expect(selectedIndex(state, reordered)).toBe(3);
  });

  test('a vanished pod hands the selection to the row that took its place', () => {
    let state = run(start, { type: 'cursor.move', delta: 2, rows, viewport: 10 });
    expect(state.selection?.name).toBe('c');
    state = run(state, { type: 'rows.changed', rows: keys('a', 'b', 'd', 'e'), viewport: 10 });
    expect(state.selection?.name).toBe('d');
  });

  test('a vanished last pod hands the selection to the new last row', () => {
    let state = run(start, { type: 'cursor.jump', to: 'last', rows, viewport: 10 });
    state = run(state, { type: 'rows.changed', rows: keys('a', 'b'), viewport: 10 });
    expect(state.selection?.name).toBe('b');
    expect(state.cursor).toBe(1);
  });

  test('an empty list keeps the wanted pod for when the list comes back', () => {
    let state = run(start, { type: 'cursor.move', delta: 3, rows, viewport: 10 });
    const emptied = run(state, { type: 'rows.changed', rows: [], viewport: 10 });
    expect(emptied).toBe(state);
    state = run(emptied, { type: 'rows.changed', rows: keys('x', 'd'), viewport: 10 });
    expect(state.selection?.name).toBe('d');
  });

  test('actions that change nothing return the same state object', () => {
    const state = run(start, { type: 'rows.changed', rows, viewport: 3 });
    expect(uiReducer(state, { type: 'rows.changed', rows: keys('a', 'b', 'c', 'd', 'e'), viewport: 3 })).toBe(state);
    expect(uiReducer(state, { type: 'cursor.move', delta: -1, rows, viewport: 3 })).toBe(state);
    expect(uiReducer(state, { type: 'cursor.move', delta: 1, rows: [], viewport: 3 })).toBe(state);
    expect(uiReducer(state, { type: 'message.clear' })).toBe(state);
    expect(uiReducer(state, { type: 'pane.focus', pane: 'pods' })).toBe(state);
  });

  test('a new scope keeps the selection (found again if the scope still lists it) and the message', () => {
    let state = run(
      start,
      { type: 'cursor.move', delta: 3, rows, viewport: 2 },
      { type: 'message.show', message: { text: 'hello', level: 'info' } },
    );
    state = run(state, { type: 'scope.set', scope: { allNamespaces: true } });
    expect(state.scope).toEqual({ allNamespaces: true });
    expect([state.cursor, state.scrollTop, state.selection?.name, state.message?.text]).toEqual([0, 0, 'd', 'hello']);
    const all = [{ namespace: 'a', name: 'x' }, ...rows];
    expect(run(state, { type: 'rows.changed', rows: all, viewport: 10 }).selection).toEqual({ namespace: 'lab', name: 'd' });
    // Elsewhere, the first row.
    const other = run(state, { type: 'scope.set', scope: { namespace: 'other' } }, { type: 'rows.changed', rows: [{ namespace: 'other', name: 'z' }], viewport: 10 });
    expect(other.selection).toEqual({ namespace: 'other', name: 'z' });
    expect(uiReducer(other, { type: 'scope.set', scope: { namespace: 'other' } })).toBe(other);
  });

  test('messages are shown and cleared', () => {
    const shown = run(start, { type: 'message.show', message: { text: 'x', level: 'error' } });
    expect(shown.message).toEqual({ text: 'x', level: 'error' });
    expect(run(shown, { type: 'message.clear' }).message).toBeNull();
  });
});

describe('selection helpers', () => {
  test('selectedIndex finds the pod, else the nearest row, else -1', () => {
    const state = { selection: { namespace: 'lab', name: 'd' }, cursor: 3 };
    expect(selectedIndex(state, rows)).toBe(3);
    expect(selectedIndex(state, keys('a'))).toBe(0);
    expect(selectedIndex(state, [])).toBe(-1);
    expect(selectedIndex({ selection: { namespace: 'other', name: 'd' }, cursor: 1 }, rows)).toBe(1);
  });

  test('scrollWindow keeps the selection visible and the window inside the list', () => {
    expect(scrollWindow(0, 0, 3, 10)).toBe(0);
    expect(scrollWindow(0, 5, 3, 10)).toBe(3);
    expect(scrollWindow(5, 2, 3, 10)).toBe(2);
    expect(scrollWindow(8, 9, 3, 10)).toBe(7);
    expect(scrollWindow(4, -1, 3, 2)).toBe(0);
  });

  test('scopeOf reads the cluster info', () => {
    expect(scopeOf({ namespace: 'lab', allNamespaces: false })).toEqual({ namespace: 'lab' });
    expect(scopeOf({ namespace: 'lab', allNamespaces: true })).toEqual({ allNamespaces: true });
  });
});

describe('panes, filter and sort', () => {
  test('Tab order is pods, tree, events; the detail pane remembers the last one focused', () => {
    let state = run(start, { type: 'pane.cycle', delta: 1 });
    expect([state.activePane, state.detailPane]).toEqual(['tree', 'tree']);
    state = run(state, { type: 'pane.cycle', delta: 1 });
    expect([state.activePane, state.detailPane]).toEqual(['events', 'events']);
    state = run(state, { type: 'pane.cycle', delta: 1 });
    expect([state.activePane, state.detailPane]).toEqual(['pods', 'events']);
    state = run(state, { type: 'pane.cycle', delta: -1 });
    expect(state.activePane).toBe('events');
  });

  test('sort cycles name, age, restarts, status and reverses', () => {
    const keysSeen: string[] = [];
    let state = start;
    for (let i = 0; i < 4; i++) {
      keysSeen.push(state.sort.key);
      state = run(state, { type: 'sort.cycle', delta: 1 });
    }
    expect(keysSeen).toEqual(['name', 'age', 'restarts', 'status']);
    expect(state.sort.key).toBe('name');
    expect(run(state, { type: 'sort.cycle', delta: -1 }).sort.key).toBe('status');
    expect(run(state, { type: 'sort.reverse' }).sort).toEqual({ key: 'name', reverse: true });
  });

  test('the filter keeps the selection when the pod still shows', () => {
    let state = run(start, { type: 'cursor.move', delta: 3, rows, viewport: 10 }, { type: 'filter.set', text: 'd' });
    state = run(state, { type: 'rows.changed', rows: keys('d'), viewport: 10 });
    expect(state.selection?.name).toBe('d');
    expect(uiReducer(state, { type: 'filter.set', text: 'd' })).toBe(state);
  });
});

describe('tree and events', () => {
  const ids = ['pod', 'pod/phase', 'container/a', 'container/a/state', 'container/b'];

  test('the tree cursor follows its id, moves within the lines and scrolls', () => {
    let state = run(start, { type: 'tree.move', delta: 3, ids, viewport: 2 });
    expect([state.tree.selected, state.tree.scrollTop]).toEqual(['container/a/state', 2]);
    expect(treeIndex(state.tree, ['pod', 'container/a/state'])).toBe(1);
    expect(treeIndex(state.tree, ['pod', 'x'])).toBe(0);
    state = run(state, { type: 'tree.jump', to: 'first', ids, viewport: 2 });
    expect([state.tree.selected, state.tree.scrollTop]).toEqual(['pod', 0]);
    state = run(state, { type: 'tree.jump', to: 'last', ids, viewport: 2 });
    expect(state.tree.selected).toBe('container/b');
  });

  test('folding records the collapsed ids and selects the folded node', () => {
    let state = run(start, { type: 'tree.fold', id: 'container/a', collapsed: true }, { type: 'tree.fold', id: 'conditions', collapsed: true });
    expect(state.tree.collapsed).toEqual(['container/a', 'conditions']);
    state = run(state, { type: 'tree.fold', id: 'container/a', collapsed: false });
    expect(state.tree.collapsed).toEqual(['conditions']);
    expect(state.tree.selected).toBe('container/a');
  });

  test('events follow the newest until scrolled back; another pod follows again', () => {
    expect(eventsTop(start.events, 10, 4)).toBe(6);
    let state = run(start, { type: 'events.scroll', delta: -2, total: 10, viewport: 4 });
    expect(state.events.scrollTop).toBe(4);
    expect(eventsTop(state.events, 12, 4)).toBe(4);
    state = run(state, { type: 'events.scroll', delta: 5, total: 10, viewport: 4 });
    expect(state.events.scrollTop).toBeNull();
    state = run(state, { type: 'events.jump', to: 'first' }, { type: 'rows.changed', rows, viewport: 3 });
    expect(state.events.scrollTop).toBeNull();
    state = run(state, { type: 'events.mode', mode: 'scope' });
    expect(state.events).toEqual({ mode: 'scope', scrollTop: null });
  });

  test('overlays open and close', () => {
    const state = run(start, { type: 'overlay.open', overlay: { kind: 'picker', text: '', cursor: 0 } });
    expect(state.overlay.kind).toBe('picker');
    expect(run(state, { type: 'overlay.close' }).overlay).toEqual({ kind: 'none' });
    expect(uiReducer(start, { type: 'overlay.close' })).toBe(start);
  });
});


import { describe, expect, test } from 'vitest';
import {
  initialUiState,
  scopeOf,
  scrollWindow,
  selectedIndex,
  uiReducer,
  type PodKey,
  type UiState,
} from '../../src/ui/state.js';

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

  test('a new scope starts a fresh selection but keeps the message', () => {
    let state = run(
      start,
      { type: 'cursor.move', delta: 3, rows, viewport: 2 },
      { type: 'message.show', message: { text: 'hello', level: 'info' } },
    );
    state = run(state, { type: 'scope.set', scope: { allNamespaces: true } });
    expect(state).toEqual({ ...initialUiState({ allNamespaces: true }), message: { text: 'hello', level: 'info' } });
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

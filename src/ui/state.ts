import type { ContainerTarget, DebugProgressView, DebugRequest, PodRef, PodScope } from './services.js';
import type { DebugFormState } from './debugForm.js';
import type { ForwardFormState } from './forwardForm.js';
import { clamp, eventsTop, isSpecNodeId, scrollWindow, treeIndex } from './viewport.js';

export interface PodKey {
  namespace: string;
  name: string;
}

/** The panes that can hold the keyboard focus, in Tab order. */
export type Pane = 'pods' | 'tree' | 'events';
export const PANES: readonly Pane[] = ['pods', 'tree', 'events'];

/** The pane under the table on narrow terminals: the detail pane focused last. */
export type DetailPane = Exclude<Pane, 'pods'>;

export type SortKey = 'name' | 'age' | 'restarts' | 'status' | 'cpu' | 'memory';
/** The keys `O`/`<`/`>` cycle through; CPU and memory have keys of their own (C, M). */
export const SORT_KEYS: readonly SortKey[] = ['name', 'age', 'restarts', 'status'];

export interface SortOrder {
  key: SortKey;
  reverse: boolean;
}

/** The events pane shows the selected pod's events, or every event of the pod scope. */
export type EventsMode = 'pod' | 'scope';

export interface StatusMessage {
  text: string;
  level: 'info' | 'warning' | 'error';
}

/** What takes the keyboard instead of the panes. */
export type Overlay =
  | { kind: 'none' }
  | { kind: 'help'; scrollTop: number }
  /** `text` filters the namespaces (or is the namespace to use when listing is forbidden). */
  | { kind: 'picker'; text: string; cursor: number }
  /** The filter is edited in place (UiState.filter); Esc restores nothing, it clears. */
  | { kind: 'filter' }
  | { kind: 'command'; text: string }
  /** `d`: the debug container form. */
  | { kind: 'debugForm'; form: DebugFormState }
  /** A launched debug container being waited for; `error` ends the wait and stays until Esc. */
  | { kind: 'debugProgress'; request: DebugRequest; progress: DebugProgressView; error: string | null }
  /** `s` or `a` while the session opens: the panes stay, keys wait, Esc gives up (see useSessionOpener). */
  | { kind: 'session'; action: 'shell' | 'attach'; target: ContainerTarget }
  /** A container's log, full-screen in the body area; `workload`: that of every pod of the pod's controller. */
  | { kind: 'logs'; namespace: string; pod: string; container: string; workload?: true }
  /** `D`: kubectl describe of the pod, live. */
  | { kind: 'describe'; pod: PodRef }
  /** `y`: the pod as YAML. */
  | { kind: 'yaml'; pod: PodRef }
  /** Ctrl-D / Ctrl-K asks first; kill wants `kill` typed (`typed`). `gracePeriodSeconds` is what the delete will give the pod. */
  | { kind: 'confirmRemoval'; pod: PodRef; removal: 'delete' | 'kill'; gracePeriodSeconds: number; owner?: string; typed: string }
  /** `F`: the port-forward form. */
  | { kind: 'forwardForm'; form: ForwardFormState }
  /** `:pf`: the active port-forwards. */
  | { kind: 'forwards'; cursor: number }
  /** `E`: one event whole (by EventRow.key); j/k go to the next and previous event of the pane. */
  | { kind: 'eventDetail'; key: string }
  /** `:ctx`: the kubeconfig's contexts; `switchTo` starts switching at once (`:ctx NAME`). */
  | { kind: 'contexts'; text: string; cursor: number; switchTo?: string };

export interface TreeState {
  /** Id of the selected tree line, followed across updates. */
  selected: string | null;
  scrollTop: number;
  /** Ids of collapsed nodes; ids are per node kind (`container/web`), so folds carry over between pods. */
  collapsed: readonly string[];
  /** Ids of nodes folded by default (the spec details) that the user unfolded. */
  expanded?: readonly string[];
  /** `x`: every spec detail unfolded at once (each can still be folded on its own). */
  details?: boolean;
}

export interface EventsState {
  mode: EventsMode;
  /** First event line shown; null follows the newest (the list is oldest first). */
  scrollTop: number | null;
}

/**
 * Everything the UI remembers. Kept outside the components (see App's initialState and
 * onStateChange) so it survives Ink being unmounted for a debug shell and mounted again.
 */
export interface UiState {
  scope: PodScope;
  /** The namespace `A` returns to from all namespaces ('' when none was used yet). */
  lastNamespace: string;
  /** The selected pod, followed by identity when the list changes. */
  selection: PodKey | null;
  /** Row of the selection when last seen: where the cursor lands if the selected pod vanishes. */
  cursor: number;
  /** First pod row shown in the table viewport. */
  scrollTop: number;
  activePane: Pane;
  detailPane: DetailPane;
  filter: string;
  /** The filter changed: the next look at the rows selects its best match (see settleSelection). */
  selectBest: boolean;
  sort: SortOrder;
  tree: TreeState;
  events: EventsState;
  overlay: Overlay;
  message: StatusMessage | null;
}

/** The rows on screen when a navigation action happens, in display order, and how many fit. */
export interface RowsView {
  rows: readonly PodKey[];
  viewport: number;
  /** Row of a pod, -1 when not shown (a faster rows.findIndex). */
  indexOf?: (key: PodKey) => number;
}

/** What settling the selection against the rows needs besides them. */
export interface SettleView extends RowsView {
  /** Row of the best match of the filter (see podList), used once after the filter changed. */
  best: number;
  /** The list is complete (the store is live): a selected pod missing from it is gone, not yet to come. */
  complete: boolean;
}

/** The tree lines on screen (ids in display order) and how many fit. */
export interface TreeView {
  ids: readonly string[];
  viewport: number;
}

export interface ListView {
  total: number;
  viewport: number;
}

export type UiAction =
  | ({ type: 'rows.changed' } & RowsView)
  | ({ type: 'rows.settle' } & SettleView)
  | ({ type: 'cursor.move'; delta: number } & RowsView)
  | ({ type: 'cursor.jump'; to: 'first' | 'last' } & RowsView)
  | { type: 'scope.set'; scope: PodScope }
  | { type: 'pane.focus'; pane: Pane }
  | { type: 'pane.cycle'; delta: 1 | -1 }
  /** Shows a detail pane under the table (narrow layout) without moving the focus. */
  | { type: 'pane.show'; pane: DetailPane }
  | { type: 'filter.set'; text: string }
  | { type: 'sort.cycle'; delta: 1 | -1 }
  | { type: 'sort.reverse' }
  /** Sorts by `key`; asked again for the key already sorted by, reverses (as k9s's shift-C/M). */
  | { type: 'sort.by'; key: SortKey }
  | ({ type: 'tree.move'; delta: number } & TreeView)
  | ({ type: 'tree.jump'; to: 'first' | 'last' } & TreeView)
  /** Folds `id` and selects it (the caller passes the parent when the selected line has no children). */
  | { type: 'tree.fold'; id: string; collapsed: boolean }
  /** `select`: where the cursor goes when its line is folded away. */
  | { type: 'tree.details'; select?: string }
  | ({ type: 'events.scroll'; delta: number } & ListView)
  | { type: 'events.jump'; to: 'first' | 'last' }
  | { type: 'events.mode'; mode: EventsMode }
  | { type: 'overlay.open'; overlay: Overlay }
  | { type: 'overlay.close' }
  | { type: 'message.show'; message: StatusMessage }
  /** Progress of the launch the panel shows; ignored once the panel is closed (a late report). */
  | { type: 'debug.progress'; progress: DebugProgressView }
  | { type: 'debug.failed'; error: string }
  | { type: 'message.clear' };

export const NO_OVERLAY: Overlay = { kind: 'none' };

export function initialUiState(scope: PodScope): UiState {
  return {
    scope,
    lastNamespace: 'namespace' in scope ? scope.namespace : '',
    selection: null,
    cursor: 0,
    scrollTop: 0,
    activePane: 'pods',
    detailPane: 'tree',
    filter: '',
    selectBest: false,
    sort: { key: 'name', reverse: false },
    tree: { selected: null, scrollTop: 0, collapsed: [] },
    events: { mode: 'pod', scrollTop: null },
    overlay: NO_OVERLAY,
    message: null,
  };
}

export function scopeOf(info: { namespace: string; allNamespaces: boolean }): PodScope {
  return info.allNamespaces ? { allNamespaces: true } : { namespace: info.namespace };
}

export function sameScope(a: PodScope, b: PodScope): boolean {
  if ('allNamespaces' in a || 'allNamespaces' in b) return 'allNamespaces' in a && 'allNamespaces' in b;
  return a.namespace === b.namespace;
}

export function samePod(a: PodKey | null, b: PodKey | null): boolean {
  return a === b || (a !== null && b !== null && a.namespace === b.namespace && a.name === b.name);
}

/**
 * Row of the selection in `rows`: where the selected pod is now, else the nearest row to where it
 * was (the row that took its place, or the last row), or -1 when there are no rows.
 */
export function selectedIndex(state: Pick<UiState, 'selection' | 'cursor'>, rows: readonly PodKey[], indexOf?: (key: PodKey) => number): number {
  const found = foundIndex(state, rows, indexOf);
  if (found >= 0 || rows.length === 0) return found;
  return clamp(state.cursor, 0, rows.length - 1);
}

/** Row of the selected pod itself, -1 when the rows do not show it. */
function foundIndex(state: Pick<UiState, 'selection' | 'cursor'>, rows: readonly PodKey[], indexOf?: (key: PodKey) => number): number {
  const { selection } = state;
  if (selection === null || rows.length === 0) return -1;
  if (samePod(rows[state.cursor] ?? null, selection)) return state.cursor;
  return indexOf === undefined ? rows.findIndex((r) => samePod(r, selection)) : indexOf(selection);
}

function label(key: PodKey): string {
  return `${key.namespace}/${key.name}`;
}

/**
 * The selection made to agree with the rows: after a filter change the best match; a pod that left
 * the complete list hands over to the row that took its place, and the status line says which pod
 * that is. An empty or still-loading list keeps the wanted pod (a remount, a new scope).
 */
export function settleSelection(state: UiState, view: SettleView): UiState {
  if (view.rows.length === 0) return state;
  if (state.selectBest) {
    const best = view.best >= 0 && view.best < view.rows.length ? view.best : selectedIndex(state, view.rows, view.indexOf);
    return { ...selectRow(state, best, view), selectBest: false };
  }
  const found = foundIndex(state, view.rows, view.indexOf);
  if (found >= 0) return selectRow(state, found, view);
  const gone = state.selection;
  if (gone !== null && !view.complete) return state;
  const next = selectRow(state, clamp(state.cursor, 0, view.rows.length - 1), view);
  if (gone === null || next.selection === null) return next;
  return { ...next, message: { text: `${label(gone)} is no longer listed; ${label(next.selection)} is selected`, level: 'info' } };
}

/** Selects row `index` (which must exist) and scrolls just enough to show it. */
function selectRow(state: UiState, index: number, view: RowsView): UiState {
  const row = view.rows[index];
  if (row === undefined) return state;
  const selection = { namespace: row.namespace, name: row.name };
  const cursor = index;
  const scrollTop = scrollWindow(state.scrollTop, index, view.viewport, view.rows.length);
  const samePodSelected = samePod(selection, state.selection);
  if (samePodSelected && cursor === state.cursor && scrollTop === state.scrollTop) return state;
  if (samePodSelected) return { ...state, cursor, scrollTop };
  // Another pod: its tree starts at the top and its events at the newest.
  return {
    ...state,
    selection,
    cursor,
    scrollTop,
    tree: { ...state.tree, scrollTop: 0 },
    events: { ...state.events, scrollTop: null },
  };
}

function selectTreeLine(state: UiState, index: number, view: TreeView): UiState {
  const id = view.ids[index];
  if (id === undefined) return state;
  const scrollTop = scrollWindow(state.tree.scrollTop, index, view.viewport, view.ids.length);
  if (id === state.tree.selected && scrollTop === state.tree.scrollTop) return state;
  return { ...state, tree: { ...state.tree, selected: id, scrollTop } };
}

function focus(state: UiState, pane: Pane): UiState {
  if (pane === state.activePane) return state;
  return { ...state, activePane: pane, detailPane: pane === 'pods' ? state.detailPane : pane };
}

export function uiReducer(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'rows.changed':
      // An empty list (a new store still connecting, e.g. after a remount) keeps the wanted pod.
      if (action.rows.length === 0) return state;
      return selectRow(state, selectedIndex(state, action.rows, action.indexOf), action);
    case 'rows.settle':
      return settleSelection(state, action);
    case 'cursor.move': {
      const current = selectedIndex(state, action.rows, action.indexOf);
      if (current < 0) return state;
      return selectRow(state, clamp(current + action.delta, 0, action.rows.length - 1), action);
    }
    case 'cursor.jump':
      if (action.rows.length === 0) return state;
      return selectRow(state, action.to === 'first' ? 0 : action.rows.length - 1, action);
    case 'scope.set':
      if (sameScope(state.scope, action.scope)) return state;
      // The selection is kept: it stays selected if the new scope still lists it.
      return {
        ...state,
        scope: action.scope,
        lastNamespace: 'namespace' in action.scope ? action.scope.namespace : state.lastNamespace,
        cursor: 0,
        scrollTop: 0,
      };
    case 'pane.focus':
      return focus(state, action.pane);
    case 'pane.cycle': {
      const at = PANES.indexOf(state.activePane);
      return focus(state, PANES[(at + action.delta + PANES.length) % PANES.length] ?? 'pods');
    }
    case 'pane.show':
      return action.pane === state.detailPane ? state : { ...state, detailPane: action.pane };
    case 'filter.set':
      // A new filter selects its best match; cleared, the pod found stays selected, now among all.
      return action.text === state.filter ? state : { ...state, filter: action.text, selectBest: action.text.trim() !== '' };
    case 'sort.cycle': {
      const at = SORT_KEYS.indexOf(state.sort.key);
      const key = SORT_KEYS[(at + action.delta + SORT_KEYS.length) % SORT_KEYS.length] ?? 'name';
      return { ...state, sort: { ...state.sort, key } };
    }
    case 'sort.reverse':
      return { ...state, sort: { ...state.sort, reverse: !state.sort.reverse } };
    case 'sort.by':
      return { ...state, sort: state.sort.key === action.key ? { key: action.key, reverse: !state.sort.reverse } : { key: action.key, reverse: false } };
    case 'tree.move': {
      const current = treeIndex(state.tree, action.ids);
      if (current < 0) return state;
      return selectTreeLine(state, clamp(current + action.delta, 0, action.ids.length - 1), action);
    }
    case 'tree.jump':
      if (action.ids.length === 0) return state;
      return selectTreeLine(state, action.to === 'first' ? 0 : action.ids.length - 1, action);
    case 'tree.fold': {
      const others = state.tree.collapsed.filter((id) => id !== action.id);
      const collapsed = action.collapsed ? [...others, action.id] : others;
      const opened = (state.tree.expanded ?? []).filter((id) => id !== action.id);
      const expanded = action.collapsed ? opened : [...opened, action.id];
      return { ...state, tree: { ...state.tree, selected: action.id, collapsed, expanded } };
    }
    case 'tree.details': {
      // Showing or hiding every detail starts over: the folds made one by one go.
      const details = state.tree.details !== true;
      const selected = action.select ?? state.tree.selected;
      return { ...state, tree: { ...state.tree, selected, details, expanded: [], collapsed: state.tree.collapsed.filter((id) => !isSpecNodeId(id)) } };
    }
    case 'events.scroll': {
      const maxTop = Math.max(0, action.total - Math.max(1, action.viewport));
      const top = clamp(eventsTop(state.events, action.total, action.viewport) + action.delta, 0, maxTop);
      // Scrolling back to the newest page follows new events again.
      return { ...state, events: { ...state.events, scrollTop: top >= maxTop ? null : top } };
    }
    case 'events.jump':
      return { ...state, events: { ...state.events, scrollTop: action.to === 'first' ? 0 : null } };
    case 'events.mode':
      return action.mode === state.events.mode ? state : { ...state, events: { mode: action.mode, scrollTop: null } };
    case 'overlay.open':
      return { ...state, overlay: action.overlay };
    case 'overlay.close':
      return state.overlay.kind === 'none' ? state : { ...state, overlay: NO_OVERLAY };
    case 'message.show':
      return { ...state, message: action.message };
    case 'debug.progress':
      if (state.overlay.kind !== 'debugProgress' || state.overlay.error !== null) return state;
      return { ...state, overlay: { ...state.overlay, progress: action.progress } };
    case 'debug.failed':
      if (state.overlay.kind !== 'debugProgress') return state;
      return { ...state, overlay: { ...state.overlay, error: action.error, progress: { ...state.overlay.progress, phase: 'failed' } } };
    case 'message.clear':
      return state.message === null ? state : { ...state, message: null };
  }
}

import type { KubeEvent, Namespace, Pod } from '../../model/apiObjects.js';
import type { ConnectionState, ResourceStore } from '../../kube/resourceStore.js';
import type { ContainerView, TreeContext } from '../../model/containerTree.js';
import { eventRows, type EventRow } from '../../model/eventRows.js';
import { eventsViewport } from '../components/EventsPane.js';
import { paneRegions, type PaneRegions } from '../components/ExplorerPanes.js';
import { podTableViewport } from '../components/PodTable.js';
import { treeViewport } from '../components/TreePane.js';
import { eventCells, eventLines, eventStart, planEventLayout } from '../eventColumns.js';
import { glyphsFor, type Display, type Glyphs } from '../glyphs.js';
import { planScreen, type PaneContent, type ScreenLayout, type TerminalSize } from '../layout.js';
import { wholeTableWidth } from '../podTableColumns.js';
import { HEALTH_MARKER_WIDTH } from '../theme.js';
import { PodListModel, type PodListView } from '../podList.js';
import type { DebugPermissions, PodActionPermissions, PodScope, UiServices } from '../services.js';
import { eventsTop, scrollWindow, treeIndex } from '../viewport.js';
import { selectedIndex, settleSelection, type ListView, type RowsView, type UiAction, type UiState } from '../state.js';
import type { TreeScreenLine } from '../treeView.js';
import { UiStore } from '../uiStore.js';
import { AccessAnswers } from './accessAnswers.js';
import { DataFrames, podFrame, type PodFrame } from './dataFrames.js';
import { EventPaneMemo } from './eventPaneMemo.js';
import { OwnedStore } from './ownedStore.js';
import { PodTreeMemo, type PodTreeView } from './podTreeMemo.js';
import type { UsageState } from '../../model/usage.js';
import type { UsageFeed } from '../../kube/metrics/usagePoller.js';

export interface ExplorerModelOptions {
  services: UiServices;
  initialState: UiState;
  /** The terminal size now (stdout's columns and rows). */
  size(): TerminalSize;
  display: Display;
}

/** The selected pod's container tree as the keys see it: line ids, the cursor, the viewport. */
export interface TreeModel {
  lines: readonly TreeScreenLine[];
  ids: readonly string[];
  selected: number;
  viewport: number;
  containers: readonly ContainerView[];
}

/** The nodes the pods (of `namespaces`, when given) run on, each once. */
function nodesOf(pods: readonly Pod[], namespaces: readonly string[] | undefined): string[] {
  const nodes = new Set<string>();
  for (const pod of pods) {
    if (namespaces !== undefined && !namespaces.includes(pod.metadata?.namespace ?? '')) continue;
    if (pod.spec?.nodeName) nodes.add(pod.spec.nodeName);
  }
  return [...nodes];
}

export function scopeKey(scope: PodScope): string {
  return 'allNamespaces' in scope ? '*' : `ns:${scope.namespace}`;
}

/**
 * Everything the explorer shows, outside React: the UI state (UiStore), the stores of the current
 * scope, and what is derived from them (the sorted, filtered rows; the selected pod's tree; event
 * line counts), each computed on demand and cached on its inputs. Keys are handled against this
 * model synchronously, so every keypress sees what the previous one left, whatever React has drawn
 * yet; React is told only about settled states (see flush), so a frame never shows a selection the
 * keys would not act on.
 */
export class ExplorerModel {
  readonly ui: UiStore;
  readonly services: UiServices;
  readonly display: Display;
  readonly glyphs: Glyphs;
  private readonly size: () => TerminalSize;
  private readonly listeners = new Set<() => void>();
  private readonly list = new PodListModel();
  private readonly frames = new DataFrames(
    () => this.queueFlush(),
    () => this.pods.peek()?.connection().kind === 'live',
  );
  private readonly pods = new OwnedStore<Pod>(() => this.frames.storeChanged('pods'));
  private readonly events = new OwnedStore<KubeEvent>(() => this.frames.storeChanged('events'));
  private readonly namespaces = new OwnedStore<Namespace>(() => this.frames.storeChanged('namespaces'));
  private readonly usageFeed = new OwnedStore<never, UsageFeed>(() => this.changed());
  private readonly permissionAnswers: AccessAnswers<DebugPermissions>;
  private readonly actionPermissionAnswers: AccessAnswers<PodActionPermissions>;
  /** A namespace asked for by name, waiting for the namespace list to say whether it exists. */
  private wantedNamespace: string | undefined;
  private published: UiState;
  private version = 0;
  private flushQueued = false;
  private disposed = false;
  private readonly treeMemo: PodTreeMemo;
  /** Counts the owner answers: a new one changes the tree. */
  private ownerAnswers = 0;
  private readonly unsubscribeOwners: (() => void) | undefined;
  private readonly eventPane: EventPaneMemo;

  constructor(options: ExplorerModelOptions) {
    this.services = options.services;
    this.display = options.display;
    this.glyphs = glyphsFor(options.display);
    this.eventPane = new EventPaneMemo(this.glyphs);
    this.treeMemo = new PodTreeMemo(this.display.unicode);
    this.size = options.size;
    this.ui = new UiStore(options.initialState);
    this.published = options.initialState;
    this.ui.subscribe(() => this.changed());
    const { debug, actions } = this.services;
    this.permissionAnswers = new AccessAnswers(debug && ((namespace) => debug.permissions(namespace)), () => this.changed());
    this.actionPermissionAnswers = new AccessAnswers(actions && ((namespace) => actions.permissions(namespace)), () => this.changed());
    this.unsubscribeOwners = this.services.owners?.subscribe(() => {
      this.ownerAnswers += 1;
      this.changed();
    });
  }

  // React's side: a version that changes after every settled change.
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getVersion = (): number => this.version;

  /** The state React draws: the last settled one. */
  publishedState = (): UiState => this.published;

  /** The state now, as the keys left it (not settled against the rows: see settled()). */
  state(): UiState {
    return this.ui.getState();
  }

  dispatch = (action: UiAction): void => this.ui.dispatch(action);

  /** The state with the selection made to agree with the rows (best match, vanished pod). */
  settled(): UiState {
    const state = this.ui.getState();
    const view = this.podList();
    const next = settleSelection(state, { ...this.rowsView(), best: view.ranked ? 0 : -1, complete: this.podConnection().kind !== 'connecting' });
    this.ui.set(next);
    return next;
  }

  /** Something besides the pods changed: settled and drawn, once per burst of changes. */
  private changed(): void {
    this.frames.stateChanged();
    this.queueFlush();
  }

  /** Settles and tells React, once per burst of changes (a microtask after the last one). */
  private queueFlush(): void {
    if (this.flushQueued || this.disposed) return;
    this.flushQueued = true;
    queueMicrotask(() => this.flush());
  }

  flush(): void {
    this.flushQueued = false;
    if (this.disposed) return;
    this.resolveWantedNamespace();
    const state = this.settled();
    if (state.overlay.kind !== 'picker' && this.wantedNamespace === undefined) this.namespaces.close();
    this.focusUsage(state);
    this.flushQueued = false;
    // A data frame whose changes are all off screen is not drawn: React and Ink would draw the same screen.
    if (!this.frames.shouldDraw(this.podFrame(state), state !== this.published || state.overlay.kind !== 'none')) return;
    this.published = state;
    this.version += 1;
    for (const listener of [...this.listeners]) listener();
  }

  dispose(): void {
    this.disposed = true;
    this.frames.dispose();
    this.unsubscribeOwners?.();
    this.pods.close();
    this.events.close();
    this.namespaces.close();
    this.usageFeed.close();
    this.listeners.clear();
  }

  // The pods.

  podStore(state: UiState = this.ui.getState()): ResourceStore<Pod> {
    const { scope } = state;
    return this.pods.get(scopeKey(scope), () => this.services.podStore(scope));
  }

  podConnection(state: UiState = this.ui.getState()): ConnectionState {
    return this.podStore(state).connection();
  }

  /** The rows for the scope, sort and filter of `state` (by default the current one). */
  podList(state: UiState = this.ui.getState()): PodListView {
    return this.list.view(this.frames.pods(this.podStore(state)), state.sort, state.filter, scopeKey(state.scope), this.usage(state));
  }

  /** What the screen draws of the pod list for `state` (see DataFrames.shouldDraw). */
  private podFrame(state: UiState): PodFrame {
    const view = this.podList(state);
    const viewport = podTableViewport(this.regions(state).table);
    const top = scrollWindow(state.scrollTop, selectedIndex(state, view.keys, view.indexOf), viewport, view.pods.length);
    return podFrame(view, this.podConnection(state), top, this.size().rows);
  }

  /** The scope's CPU and memory, polled while the explorer shows the scope; undefined without usage services. */
  usage(state: UiState = this.ui.getState()): UsageState | undefined {
    const open = this.services.usage?.open;
    if (open === undefined) return undefined;
    const { scope } = state;
    const feed = this.usageFeed.get(scopeKey(scope), () => open(scope, (namespaces) => nodesOf(this.podStore(state).snapshot(), namespaces)));
    return feed.state();
  }

  /**
   * Tells the usage feed of all namespaces which namespaces the table shows, so a poll reads their
   * pods' metrics and not 20,000 pods' (k9s too reads the metrics of what it shows); a sort by
   * usage needs every pod's.
   */
  private focusUsage(state: UiState): void {
    const feed = this.usageFeed.peek();
    if (feed === undefined || !('allNamespaces' in state.scope)) return;
    if (state.sort.key === 'cpu' || state.sort.key === 'memory') {
      feed.focus(undefined);
      return;
    }
    const shown = this.podList(state).pods.slice(state.scrollTop, state.scrollTop + podTableViewport(this.regions(state).table));
    const namespaces = new Set<string>();
    for (const pod of shown) namespaces.add(pod.metadata?.namespace ?? '');
    feed.focus([...namespaces]);
  }

  layout(state: UiState = this.ui.getState()): ScreenLayout {
    return planScreen(this.size(), state.detailPane, this.paneContent(state));
  }

  /** What the panes hold for `state`: the screen is split by it (see layout.planScreen). */
  private paneContent(state: UiState): PaneContent {
    const view = this.podList(state);
    // The row the state selects, not settled: settling asks for the layout.
    const pod = view.pods[selectedIndex(state, view.keys, view.indexOf)];
    return {
      pods: view.pods.length,
      tableWidth: wholeTableWidth(view.widths, 'allNamespaces' in state.scope, this.display.color ? 0 : HEALTH_MARKER_WIDTH),
      treeLines: () => (pod === undefined ? 0 : this.treeOf(pod, state).lines.length),
      eventLines: (width) => this.eventLineCount(pod, state, width),
    };
  }

  regions(state: UiState = this.ui.getState()): PaneRegions {
    const layout = this.layout(state);
    return paneRegions(layout.kind === 'normal' ? layout.arrangement : undefined);
  }

  rowsView(): RowsView {
    const view = this.podList();
    return { rows: view.keys, viewport: podTableViewport(this.regions().table), indexOf: view.indexOf };
  }

  /**
   * The highlighted row and its pod: what every pod action acts on. The same function places the
   * highlight on screen (PodScreen), so an action can only reach the pod the user sees selected.
   */
  highlighted(): { index: number; pod: Pod } | undefined {
    const state = this.settled();
    const view = this.podList();
    const index = selectedIndex(state, view.keys, view.indexOf);
    const pod = view.pods[index];
    return pod === undefined ? undefined : { index, pod };
  }

  // The selected pod's tree and events.

  tree(): TreeModel {
    const pod = this.highlighted()?.pod;
    const state = this.ui.getState();
    const viewport = treeViewport(this.regions().tree);
    if (pod === undefined) return { lines: [], ids: [], selected: -1, viewport, containers: [] };
    const { lines, containers } = this.treeOf(pod, state);
    const ids = lines.map((l) => l.id);
    return { lines, ids, selected: treeIndex(state.tree, ids), viewport, containers };
  }

  private treeOf(pod: Pod, state: UiState): PodTreeView {
    return this.treeMemo.tree(pod, state.tree, this.treeContext(pod), this.usage(state), () => this.services.now());
  }

  /** What the tree shows besides the pod: its events (probe failures) and its owners as read so far. */
  treeContext(pod: Pod): TreeContext {
    return this.treeMemo.context(pod, this.eventStore().snapshot(), this.ownerAnswers, this.services.owners?.lookup);
  }

  eventStore(state: UiState = this.ui.getState()): ResourceStore<KubeEvent> {
    const { scope } = state;
    return this.events.get(scopeKey(scope), () => this.services.eventStore(scope));
  }

  /** The events the pane lists: the selected pod's, or the whole scope's. */
  eventList(pod: Pod | undefined, state: UiState = this.ui.getState()): readonly KubeEvent[] {
    return this.eventPane.list(this.eventStore(state).snapshot(), pod, state.events.mode);
  }

  /** How many lines the events pane has and shows: what its scroll keys need. */
  eventsView(): ListView {
    const region = this.regions().events;
    const count = this.eventLineCount(this.highlighted()?.pod, this.ui.getState(), region.width);
    return { total: count, viewport: eventsViewport(region) };
  }

  /** The events of the pane as rows, oldest first (what the event detail view steps through). */
  eventDetailRows(): EventRow[] {
    return eventRows(this.eventList(this.highlighted()?.pod), this.services.now());
  }

  /**
   * The event the detail view opens on: the newest while the pane follows the newest, else the
   * first one whose line is at the top of the pane.
   */
  eventToDetail(): string | undefined {
    const rows = this.eventDetailRows();
    const state = this.ui.getState();
    if (state.events.scrollTop === null) return rows.at(-1)?.key;
    const region = this.regions().events;
    const cells = rows.map((r) => eventCells(r, state.events.mode, this.glyphs));
    const lines = eventLines(cells, planEventLayout(region.width, cells), region.width, this.glyphs);
    const top = eventStart(lines, eventsTop(state.events, lines.length, eventsViewport(region)));
    const key = lines[top]?.key;
    return rows.find((r) => r.key === key)?.key ?? rows.at(-1)?.key;
  }

  private eventLineCount(pod: Pod | undefined, state: UiState, width: number): number {
    return this.eventPane.lineCount(this.eventList(pod, state), state.events.mode, pod, width, this.services.now());
  }

  // The namespace picker's list, open while the picker is.

  namespaceStore(): ResourceStore<Namespace> {
    return this.namespaces.get('namespaces', () => this.services.namespaceStore());
  }

  /**
   * Goes to the namespace `name` (`:ns NAME`, the picker) once the namespace list says it exists;
   * one that does not is refused with a message. Where namespaces cannot be listed (forbidden,
   * failed) the user is taken there all the same: the server decides what they may see. Keys wait
   * for the answer, so those typed after it act in the namespace it leads to.
   */
  switchNamespace(name: string): void {
    this.wantedNamespace = name;
    this.resolveWantedNamespace();
  }

  private resolveWantedNamespace(): void {
    const name = this.wantedNamespace;
    if (name === undefined) return;
    const store = this.namespaceStore();
    const connection = store.connection();
    if (connection.kind === 'connecting') return;
    this.wantedNamespace = undefined;
    const listed = connection.kind === 'live' || connection.kind === 'reconnecting';
    if (listed && !store.snapshot().some((n) => n.metadata?.name === name)) {
      this.dispatch({ type: 'message.show', message: { text: `namespace ${name} does not exist`, level: 'warning' } });
      return;
    }
    this.dispatch({ type: 'scope.set', scope: { namespace: name } });
  }

  /** What the user may do in `namespace`; undefined until the access review answers (or without debug services). */
  permissions(namespace: string | undefined): DebugPermissions | undefined {
    return this.permissionAnswers.get(namespace);
  }

  /** The access review of delete and port-forward in `namespace`, the same way. */
  actionPermissions(namespace: string | undefined): PodActionPermissions | undefined {
    return this.actionPermissionAnswers.get(namespace);
  }

  /**
   * Why keys should wait before they run, if they should: the list they would act on is still
   * loading (the first one, or a new scope's), or the picker's namespaces are.
   */
  waitingFor(): string | undefined {
    if (this.wantedNamespace !== undefined) {
      this.resolveWantedNamespace();
      if (this.wantedNamespace !== undefined) return 'namespaces';
    }
    if (this.podConnection().kind === 'connecting') return 'pods';
    if (this.ui.getState().overlay.kind === 'picker' && this.namespaceStore().connection().kind === 'connecting') return 'namespaces';
    return undefined;
  }
}

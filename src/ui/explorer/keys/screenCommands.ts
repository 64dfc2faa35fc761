import type { Command } from '../../keymap.js';
import type { PodScope } from '../../services.js';
import { isSpecNodeId } from '../../viewport.js';
import { foldFor, type FoldAction, type TreeScreenLine } from '../../treeView.js';
import type { ExplorerModel } from '../explorerModel.js';

type ScreenCommand = Exclude<Command, 'debug.open' | 'debug.attach' | 'debug.node' | 'shell.open' | 'logs.open' | 'logs.workload' | 'pod.describe' | 'pod.yaml' | 'pod.delete' | 'pod.kill' | 'forward.open'>;

/** The spec line the line at `index` hangs from, if any. */
function specAncestor(lines: readonly TreeScreenLine[], index: number): string | undefined {
  const byId = new Map(lines.map((line) => [line.id, line]));
  let parent = lines[index]?.parentId ?? null;
  while (parent !== null) {
    if (isSpecNodeId(parent)) return parent;
    parent = byId.get(parent)?.parentId ?? null;
  }
  return undefined;
}

/** One page keeps a line of context from the previous one. */
const page = (viewport: number): number => Math.max(1, viewport - 1);

/**
 * What the explorer's own commands do, read against the model when the key is handled. Cursor
 * commands act on the focused pane: the pod selection, the tree cursor, or the events scroll.
 */
export function screenCommands(model: ExplorerModel, onQuit: () => void): Record<ScreenCommand, () => void> {
  const { dispatch } = model;
  const pane = (): string => model.state().activePane;
  const move = (delta: (viewport: number) => number): void => {
    if (pane() === 'pods') {
      model.settled();
      const rows = model.rowsView();
      dispatch({ type: 'cursor.move', delta: delta(rows.viewport), ...rows });
    } else if (pane() === 'tree') {
      const tree = model.tree();
      dispatch({ type: 'tree.move', delta: delta(tree.viewport), ids: tree.ids, viewport: tree.viewport });
    } else {
      const events = model.eventsView();
      dispatch({ type: 'events.scroll', delta: delta(events.viewport), ...events });
    }
  };
  const jump = (to: 'first' | 'last'): void => {
    if (pane() === 'pods') {
      model.settled();
      dispatch({ type: 'cursor.jump', to, ...model.rowsView() });
    } else if (pane() === 'tree') {
      const tree = model.tree();
      dispatch({ type: 'tree.jump', to, ids: tree.ids, viewport: tree.viewport });
    } else {
      dispatch({ type: 'events.jump', to });
    }
  };
  const fold = (action: FoldAction): void => {
    const tree = model.tree();
    const target = foldFor(tree.lines, tree.selected, action);
    if (target !== undefined) dispatch({ type: 'tree.fold', ...target });
  };
  const allNamespaces: PodScope = { allNamespaces: true };
  return {
    'cursor.down': () => move(() => 1),
    'cursor.up': () => move(() => -1),
    'cursor.pageDown': () => move((viewport) => page(viewport)),
    'cursor.pageUp': () => move((viewport) => -page(viewport)),
    'cursor.first': () => jump('first'),
    'cursor.last': () => jump('last'),
    'focus.next': () => dispatch({ type: 'pane.cycle', delta: 1 }),
    'focus.previous': () => dispatch({ type: 'pane.cycle', delta: -1 }),
    'tree.toggle': () => fold('toggle'),
    'tree.collapse': () => fold('collapse'),
    'tree.expand': () => fold('expand'),
    'tree.details': () => {
      const tree = model.tree();
      const state = model.state().tree;
      // Folding every spec away: a cursor inside one goes to its spec line.
      const select = state.details === true ? specAncestor(tree.lines, tree.selected) : undefined;
      dispatch(select === undefined ? { type: 'tree.details' } : { type: 'tree.details', select });
    },
    'namespace.pick': () => dispatch({ type: 'overlay.open', overlay: { kind: 'picker', text: '', cursor: 0 } }),
    'namespace.all': () => {
      const state = model.state();
      const scope = 'allNamespaces' in state.scope ? { namespace: state.lastNamespace || model.services.info.namespace } : allNamespaces;
      dispatch({ type: 'scope.set', scope });
    },
    'filter.edit': () => dispatch({ type: 'overlay.open', overlay: { kind: 'filter' } }),
    'filter.clear': () => dispatch({ type: 'filter.set', text: '' }),
    'sort.next': () => dispatch({ type: 'sort.cycle', delta: 1 }),
    'sort.previous': () => dispatch({ type: 'sort.cycle', delta: -1 }),
    'sort.reverse': () => dispatch({ type: 'sort.reverse' }),
    'sort.cpu': () => dispatch({ type: 'sort.by', key: 'cpu' }),
    'sort.memory': () => dispatch({ type: 'sort.by', key: 'memory' }),
    'events.detail': () => {
      const key = model.eventToDetail();
      if (key === undefined) dispatch({ type: 'message.show', message: { text: 'no event to show', level: 'info' } });
      else dispatch({ type: 'overlay.open', overlay: { kind: 'eventDetail', key } });
    },
    'events.scope': () => {
      dispatch({ type: 'events.mode', mode: model.state().events.mode === 'pod' ? 'scope' : 'pod' });
      dispatch({ type: 'pane.show', pane: 'events' });
    },
    'help.show': () => dispatch({ type: 'overlay.open', overlay: { kind: 'help', scrollTop: 0 } }),
    'command.open': () => dispatch({ type: 'overlay.open', overlay: { kind: 'command', text: '' } }),
    'app.quit': onQuit,
  };
}

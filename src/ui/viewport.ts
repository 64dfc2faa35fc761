import type { EventsState, TreeState } from './state.js';

/** Windowing for the panes: which rows a viewport shows, kept pure so the panes and the reducer agree. */

export function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/** The first row to show so that row `selected` is inside a viewport of `viewport` rows, scrolling as little as possible. */
export function scrollWindow(scrollTop: number, selected: number, viewport: number, total: number): number {
  const height = Math.max(1, viewport);
  const maxTop = Math.max(0, total - height);
  let top = clamp(scrollTop, 0, maxTop);
  if (selected < 0) return top;
  if (selected < top) top = selected;
  if (selected >= top + height) top = selected - height + 1;
  return top;
}

/** The spec nodes (TreeNode.folded): `pod/spec`, `container/web/spec`. */
export function isSpecNodeId(id: string): boolean {
  return id === 'pod/spec' || id.endsWith('/spec');
}

/** Line of the selected tree node: where its id is now, else the first line. */
export function treeIndex(tree: Pick<TreeState, 'selected'>, ids: readonly string[]): number {
  if (ids.length === 0) return -1;
  const found = tree.selected === null ? -1 : ids.indexOf(tree.selected);
  return found >= 0 ? found : 0;
}

/** First event line shown: the newest page when following, else the remembered line kept inside the list. */
export function eventsTop(events: Pick<EventsState, 'scrollTop'>, total: number, viewport: number): number {
  const maxTop = Math.max(0, total - Math.max(1, viewport));
  return events.scrollTop === null ? maxTop : clamp(events.scrollTop, 0, maxTop);
}

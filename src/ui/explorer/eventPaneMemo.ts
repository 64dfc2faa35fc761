import type { KubeEvent, Pod } from '../../model/apiObjects.js';
import { eventRows, eventsForPod } from '../../model/eventRows.js';
import { eventCells, eventLines, planEventLayout } from '../eventColumns.js';
import type { Glyphs } from '../glyphs.js';
import type { EventsState } from '../state.js';

/**
 * What the events pane derives from the scope's events, kept while its inputs stay the same: every
 * layout asks for it, so it is computed once per snapshot, pod and width, not once per key.
 */
export class EventPaneMemo {
  private podEvents: { all: readonly KubeEvent[]; pod: Pod; list: readonly KubeEvent[] } | undefined;
  private lines: { list: readonly KubeEvent[]; mode: string; pod: Pod | undefined; width: number; count: number } | undefined;

  constructor(private readonly glyphs: Glyphs) {}

  /** The events the pane lists: the pod's, or the whole scope's. */
  list(all: readonly KubeEvent[], pod: Pod | undefined, mode: EventsState['mode']): readonly KubeEvent[] {
    if (mode === 'scope') return all;
    const meta = pod?.metadata;
    if (pod === undefined || meta?.namespace === undefined || meta.name === undefined) return [];
    const memo = this.podEvents;
    if (memo !== undefined && memo.all === all && memo.pod === pod) return memo.list;
    const list = eventsForPod(all, meta.namespace, meta.name, meta.uid);
    this.podEvents = { all, pod, list };
    return list;
  }

  /** How many lines `list` takes in a pane `width` columns wide. */
  lineCount(list: readonly KubeEvent[], mode: EventsState['mode'], pod: Pod | undefined, width: number, now: Date): number {
    const memo = this.lines;
    if (memo !== undefined && memo.list === list && memo.mode === mode && memo.pod === pod && memo.width === width) return memo.count;
    const cells = eventRows(list, now).map((r) => eventCells(r, mode, this.glyphs));
    const count = eventLines(cells, planEventLayout(width, cells), width, this.glyphs).length;
    this.lines = { list, mode, pod, width, count };
    return count;
  }
}

import { useMemo } from 'react';
import type { Pod } from '../../model/apiObjects.js';
import type { ConnectionState } from '../../kube/resourceStore.js';
import { eventRows, type EventRow } from '../../model/eventRows.js';
import { eventsViewport } from '../components/EventsPane.js';
import { eventFactsOf } from '../objectFacts.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { eventCells, eventLines, eventStart, planEventLayout, type EventColumn, type EventLine } from '../eventColumns.js';
import type { Region } from '../layout.js';
import type { EventsState, ListView } from '../state.js';
import { eventsTop } from '../viewport.js';
import { useAgeClock } from './useAgeClock.js';
import { useEventList } from './useEventList.js';

/** Events whose age is kept current; older ones change their LAST SEEN too rarely to matter. */
const EVENT_ANCHORS = 50;

export interface EventLines {
  /** What the pane draws: one line per event, or more when the layout stacks the message under it. */
  lines: readonly EventLine[];
  columns: readonly EventColumn[];
  /** The events behind the lines, oldest first. */
  rows: readonly EventRow[];
  /** How many events, and how many of them warnings. */
  count: number;
  warnings: number;
  /** First line shown. */
  top: number;
  /** What the events' scroll commands need (see explorer/keys/screenCommands). */
  view: ListView;
  connection: ConnectionState;
}

/** The events pane's lines (the selected pod's or the whole scope's), with ages kept current, columns and scroll position. */
export function useEventLines(events: EventsState, pod: Pod | undefined, region: Region, now: () => Date): EventLines {
  const { glyphs } = useDisplay();
  const mode = events.mode;
  const { events: list, connection } = useEventList(mode, pod);
  const anchors = useMemo(
    () =>
      eventRows(list, new Date(0), eventFactsOf)
        .slice(-EVENT_ANCHORS)
        .flatMap((r) => (r.lastSeenMs === undefined ? [] : [r.lastSeenMs])),
    [list],
  );
  const time = useAgeClock(anchors, now);
  const rows = useMemo(() => eventRows(list, time, eventFactsOf), [list, time]);
  const cells = useMemo(() => rows.map((r) => eventCells(r, mode, glyphs)), [rows, mode, glyphs]);
  const layout = useMemo(() => planEventLayout(region.width, cells), [region.width, cells]);
  const lines = useMemo(() => eventLines(cells, layout, region.width, glyphs), [cells, layout, region.width, glyphs]);
  const warnings = useMemo(() => cells.filter((c) => c.warning).length, [cells]);
  const viewport = eventsViewport(region);
  const view = useMemo(() => ({ total: lines.length, viewport }), [lines.length, viewport]);
  let top = eventsTop(events, lines.length, viewport);
  // Following the newest: start the page at an event, not at the tail of a message whose event is cut
  // off; where the page holds no event's first line (a tall last event), go back to that event's.
  if (events.scrollTop === null) top = eventStart(lines, top);
  return { lines, columns: layout.columns, rows, count: cells.length, warnings, top, view, connection };
}

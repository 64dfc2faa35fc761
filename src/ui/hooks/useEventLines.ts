import { useMemo } from 'react';
import type { V1Pod } from '@kubernetes/client-node';
import type { ConnectionState } from '../../kube/resourceStore.js';
import { eventRows } from '../../model/eventRows.js';
import { eventsViewport } from '../components/EventsPane.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { eventCells, planEventColumns, type EventCells, type EventColumn } from '../eventColumns.js';
import type { Region } from '../layout.js';
import type { PodScope, UiServices } from '../services.js';
import { eventsTop, type EventsState, type ListView } from '../state.js';
import { useAgeClock } from './useAgeClock.js';
import { useEventList } from './useEventList.js';

/** Events whose age is kept current; older ones change their LAST SEEN too rarely to matter. */
const EVENT_ANCHORS = 50;

export interface EventLines {
  lines: readonly EventCells[];
  columns: readonly EventColumn[];
  /** First line shown. */
  top: number;
  /** What the events' scroll commands need (see useScreenCommands). */
  view: ListView;
  connection: ConnectionState;
}

/** The events pane's lines (the selected pod's or the whole scope's), with ages kept current, columns and scroll position. */
export function useEventLines(services: UiServices, scope: PodScope, events: EventsState, pod: V1Pod | undefined, region: Region, now: () => Date): EventLines {
  const { glyphs } = useDisplay();
  const mode = events.mode;
  const { events: list, connection } = useEventList(services, scope, mode, pod);
  const anchors = useMemo(
    () =>
      eventRows(list, new Date(0))
        .slice(-EVENT_ANCHORS)
        .flatMap((r) => (r.lastSeenMs === undefined ? [] : [r.lastSeenMs])),
    [list],
  );
  const time = useAgeClock(anchors, now);
  const lines = useMemo(() => eventRows(list, time).map((r) => eventCells(r, mode, glyphs)), [list, time, mode, glyphs]);
  const columns = useMemo(() => planEventColumns(region.width, lines), [region.width, lines]);
  const viewport = eventsViewport(region);
  const view = useMemo(() => ({ total: lines.length, viewport }), [lines.length, viewport]);
  const top = eventsTop(events, lines.length, viewport);
  return { lines, columns, top, view, connection };
}

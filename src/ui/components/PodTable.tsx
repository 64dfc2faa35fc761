import { useMemo, useRef } from 'react';
import { Box } from 'ink';
import { clean, cleanName, joinPrintable, p, padPrintable, type Printable } from '../../model/printable.js';
import type { ConnectionState } from '../../kube/resourceStore.js';
import { columnsAt, podHealth } from '../../model/podColumns.js';
import { ageAnchorsOf } from '../ageClock.js';
import { connectionText } from '../connectionText.js';
import { podFactsOf } from '../objectFacts.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { useAgeClock } from '../hooks/useAgeClock.js';
import type { Region } from '../layout.js';
import type { PodListView } from '../podList.js';
import { COLUMN_GAP, formatPodLine, formatTitleLine, planColumnsFromWidths } from '../podTableColumns.js';
import { planUsageColumns, usageCellsFor, usageRowText, usageTitleText } from '../usageColumns.js';
import type { PodScope } from '../services.js';
import { fit, fitPadded, textWidth } from '../text.js';
import { connectionStyle, HEALTH_MARKER_WIDTH, healthMarker } from '../theme.js';
import { Line } from './Line.js';
import { PodRow } from './PodRow.js';

export interface PodTableProps {
  /** Pods in display order, with the widest cells of their clock-independent columns. */
  list: PodListView;
  scope: PodScope;
  connection: ConnectionState;
  /** Row of the selected pod, -1 for none. */
  selected: number;
  /** First row shown. */
  scrollTop: number;
  region: Region;
  now: () => Date;
  focused: boolean;
  /** Said when the filter hides every pod. */
  filter: string;
}

/** How many pod rows fit under the column titles. */
export function podTableViewport(region: Region): number {
  return Math.max(1, region.height - 1);
}

function emptyText(scope: PodScope, connection: ConnectionState, text: Printable): Printable {
  if (connection.kind !== 'live') return text;
  return 'allNamespaces' in scope ? p`no pods in any namespace` : p`no pods in namespace ${cleanName(scope.namespace)}`;
}

/** AGE and RESTARTS ("3 (5m ago)") change with the clock: their widths are the widest seen on screen since the rows last changed. */
interface ClockWidths {
  epoch: number;
  age: number;
  restarts: number;
}

/**
 * The pod table. Only the rows on screen are drawn and have their cells (and ages) computed; the
 * column widths come from the list's running maximum (podList), so they do not jump while
 * scrolling or as pods change, and shrink only when the scope, filter or sort does.
 */
export function PodTable({ list, scope, connection, selected, scrollTop, region, now, focused, filter }: PodTableProps) {
  const { display, glyphs } = useDisplay();
  const { pods } = list;
  const viewport = podTableViewport(region);
  const visible = useMemo(() => pods.slice(scrollTop, scrollTop + viewport), [pods, scrollTop, viewport]);
  const anchors = useMemo(() => visible.flatMap(ageAnchorsOf), [visible]);
  const time = useAgeClock(anchors, now);

  const cells = useMemo(() => visible.map((pod) => columnsAt(podFactsOf(pod), time)), [visible, time]);
  const clock = useRef<ClockWidths>({ epoch: -1, age: 0, restarts: 0 });
  if (clock.current.epoch !== list.epoch) clock.current = { epoch: list.epoch, age: 0, restarts: 0 };
  for (const row of cells) {
    clock.current.age = Math.max(clock.current.age, textWidth(row.age));
    clock.current.restarts = Math.max(clock.current.restarts, textWidth(row.restarts));
  }
  const { age, restarts } = clock.current;
  // Without colour, a first column of `!` marks the rows that need attention (as `!` marks warning events).
  const markerWidth = display.color ? 0 : HEALTH_MARKER_WIDTH;
  const tableWidth = region.width - markerWidth;
  const columns = useMemo(
    () => planColumnsFromWidths(region.width, { ...list.widths, age, restarts }, 'allNamespaces' in scope, markerWidth),
    [region.width, list.widths, age, restarts, scope, markerWidth],
  );
  // CPU and MEM take only the room the other columns leave (see usageColumns).
  const usageCells = useMemo(() => usageCellsFor(visible, list.usage), [visible, list.usage]);
  const spare = tableWidth - columns.reduce((sum, c) => sum + c.width, 0) - Math.max(0, columns.length - 1) * COLUMN_GAP;
  const usageColumns = usageCells === undefined ? [] : planUsageColumns(spare, usageCells);
  // With CPU and MEM, they follow the last column at once; the slack goes after them.
  const baseWidth = usageColumns.length === 0 ? tableWidth : tableWidth - spare;
  const withUsage = (line: Printable, usage: Printable): Printable => (usageColumns.length === 0 ? line : fitPadded(joinPrintable([line, usage]), tableWidth, glyphs.truncated));
  const titleLine = padPrintable(withUsage(formatTitleLine(columns, baseWidth, glyphs.truncated), usageTitleText(usageColumns, glyphs.truncated)), markerWidth, 0);

  if (pods.length === 0) {
    const text = filter === '' ? emptyText(scope, connection, connectionText(connection, glyphs)) : p`no pods match the filter ${clean(filter)}`;
    return (
      <Box flexDirection="column" width={region.width} height={region.height}>
        <Line bold underline={focused}>
          {titleLine}
        </Line>
        <Line {...(connection.kind === 'live' ? {} : connectionStyle(connection, display))}>{fit(text, region.width, glyphs.truncated)}</Line>
      </Box>
    );
  }

  return (
    <Box flexDirection="column" width={region.width} height={region.height}>
      <Line bold underline={focused}>
        {titleLine}
      </Line>
      {visible.map((pod, i) => {
        const index = scrollTop + i;
        const row = cells[i];
        if (row === undefined) return null;
        const health = podHealth(pod);
        return (
          <PodRow
            // Positions, not names: two names can be the same once cleaned (and a hostile server repeats uids).
            key={index}
            line={withUsage(formatPodLine(row, columns, baseWidth, glyphs.truncated), usageRowText(usageCells?.[i], usageColumns, glyphs.truncated))}
            health={health}
            marker={markerWidth > 0 ? healthMarker(health, glyphs) : undefined}
            selected={index === selected}
          />
        );
      })}
    </Box>
  );
}

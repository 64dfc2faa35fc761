import { memo } from 'react';
import { Box, Text } from 'ink';
import { useDisplay } from '../contexts/DisplayContext.js';
import { formatEventLine, formatEventTitle, type EventCells, type EventColumn } from '../eventColumns.js';
import type { Region } from '../layout.js';
import { fit } from '../text.js';
import { eventStyle } from '../theme.js';
import { PaneTitle } from './PaneTitle.js';

export interface EventsPaneProps {
  title: string;
  rows: readonly EventCells[];
  columns: readonly EventColumn[];
  /** First row shown. */
  top: number;
  region: Region;
  focused: boolean;
  emptyText: string;
}

/** Event lines under the pane title and the column titles. */
export function eventsViewport(region: Region): number {
  return Math.max(1, region.height - 2);
}

const EventLine = memo(function EventLine({ cells, columns, width }: { cells: EventCells; columns: readonly EventColumn[]; width: number }) {
  const { display, glyphs } = useDisplay();
  return (
    <Text {...eventStyle(cells.warning, display)} wrap="truncate-end">
      {formatEventLine(cells, columns, width, glyphs)}
    </Text>
  );
});

/** Events oldest first, so the newest is at the bottom; warnings marked with `!`. */
export function EventsPane({ title, rows, columns, top, region, focused, emptyText }: EventsPaneProps) {
  const { glyphs } = useDisplay();
  const visible = rows.slice(top, top + eventsViewport(region));
  return (
    <Box flexDirection="column" width={region.width} height={region.height}>
      <PaneTitle text={title} width={region.width} focused={focused} />
      {rows.length === 0 ? (
        <Text dimColor wrap="truncate-end">
          {fit(emptyText, region.width, glyphs.truncated)}
        </Text>
      ) : (
        <>
          <Text bold wrap="truncate-end">
            {formatEventTitle(columns, region.width, glyphs.truncated)}
          </Text>
          {visible.map((cells) => (
            <EventLine key={cells.key} cells={cells} columns={columns} width={region.width} />
          ))}
        </>
      )}
    </Box>
  );
}

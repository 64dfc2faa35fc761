import { memo } from 'react';
import { Box } from 'ink';
import type { Printable } from '../../model/printable.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { formatEventTitle, type EventColumn, type EventLine as EventLineModel } from '../eventColumns.js';
import type { Region } from '../layout.js';
import { fit } from '../text.js';
import { eventStyle } from '../theme.js';
import { Line } from './Line.js';
import { PaneTitle } from './PaneTitle.js';

export interface EventsPaneProps {
  title: Printable;
  rows: readonly EventLineModel[];
  columns: readonly EventColumn[];
  /** First row shown. */
  top: number;
  region: Region;
  focused: boolean;
  emptyText: Printable;
}

/** Event lines under the pane title and the column titles. */
export function eventsViewport(region: Region): number {
  return Math.max(1, region.height - 2);
}

const EventLine = memo(function EventLine({ text, warning }: { text: Printable; warning: boolean }) {
  const { display } = useDisplay();
  return <Line {...eventStyle(warning, display)}>{text}</Line>;
});

/** Events oldest first, so the newest is at the bottom; warnings marked with `!`; lines made by eventLines. */
export function EventsPane({ title, rows, columns, top, region, focused, emptyText }: EventsPaneProps) {
  const { glyphs } = useDisplay();
  const visible = rows.slice(top, top + eventsViewport(region));
  return (
    <Box flexDirection="column" width={region.width} height={region.height}>
      <PaneTitle text={title} width={region.width} focused={focused} />
      {rows.length === 0 ? (
        <Line dimColor>{fit(emptyText, region.width, glyphs.truncated)}</Line>
      ) : (
        <>
          <Line bold>{formatEventTitle(columns, region.width, glyphs.truncated)}</Line>
          {visible.map((line, i) => (
            <EventLine key={top + i} text={line.text} warning={line.warning} />
          ))}
        </>
      )}
    </Box>
  );
}

import { Box } from 'ink';
import type { EventRow } from '../../model/eventRows.js';
import { p } from '../../model/printable.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { eventDetailLines } from '../eventDetail.js';
import type { Region } from '../layout.js';
import { eventStyle } from '../theme.js';
import { Line, Span } from './Line.js';
import { PaneTitle } from './PaneTitle.js';

export interface EventDetailProps {
  /** The pane's events, oldest first. */
  rows: readonly EventRow[];
  /** EventRow.key of the event shown. */
  shown: string;
  region: Region;
}

/** `E`: one event whole in the body area; j/k step through the pane's events (explorer/keys/overlayKeys). */
export function EventDetail({ rows, shown, region }: EventDetailProps) {
  const { display, glyphs } = useDisplay();
  const index = rows.findIndex((r) => r.key === shown);
  const row = rows[index];
  const sep = glyphs.separator;
  if (row === undefined) {
    return (
      <Box flexDirection="column" width={region.width} height={region.height}>
        <PaneTitle text={p`Event ${sep} gone from the list ${sep} Esc back`} width={region.width} focused />
      </Box>
    );
  }
  const lines = eventDetailLines(row, region.width, region.height - 1, glyphs.truncated);
  return (
    <Box flexDirection="column" width={region.width} height={region.height}>
      <PaneTitle text={p`Event ${index + 1} of ${rows.length} ${sep} j/k next/previous ${sep} Esc back`} width={region.width} focused />
      {lines.map((line, i) => (
        <Line key={i}>
          <Span bold>{line.label}</Span>
          {i === 1 ? <Span {...eventStyle(row.warning, display)}>{line.text}</Span> : line.text}
        </Line>
      ))}
    </Box>
  );
}

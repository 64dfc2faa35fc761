import { Box } from 'ink';
import { clean, p, type Printable } from '../../model/printable.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { useForwards } from '../hooks/useForwards.js';
import { useKeys } from '../input/KeyInput.js';
import type { Region } from '../layout.js';
import type { ForwardServices } from '../services.js';
import { fit, fitPadded } from '../text.js';
import { Line } from './Line.js';

export interface ForwardsViewProps {
  forwards: ForwardServices;
  cursor: number;
  region: Region;
  onCursor(cursor: number): void;
  onStopped(message: Printable): void;
  onClose(): void;
}

function bytes(count: number): string {
  if (count < 1024) return `${count}B`;
  if (count < 1024 * 1024) return `${(count / 1024).toFixed(1)}K`;
  return `${(count / 1024 / 1024).toFixed(1)}M`;
}


// 80 columns in all; the pod name takes what is left on a wider screen (it is the last to give way).
const COLUMNS = [
  { title: 'POD', width: 22 },
  { title: 'LOCAL', width: 17 },
  { title: 'REMOTE', width: 7 },
  { title: 'STATE', width: 13 },
  { title: 'CONN', width: 6 },
  { title: 'IN/OUT', width: 11 },
  { title: 'ERR', width: 0 },
] as const;

function row(cells: readonly string[], width: number, truncated: Printable): Printable {
  let text = '';
  cells.forEach((cell, index) => {
    const column = COLUMNS[index];
    text += column === undefined || column.width === 0 ? cell : `${fitPadded(clean(cell), column.width - 1, truncated)} `;
  });
  return fit(clean(text), width, truncated);
}

/** `:pf`: every port-forward of this run with its traffic and errors; x stops the selected one. */
export function ForwardsView({ forwards, cursor, region, onCursor, onStopped, onClose }: ForwardsViewProps) {
  const { glyphs } = useDisplay();
  const list = useForwards(forwards);
  const width = Math.max(1, region.width);
  const selected = Math.min(Math.max(0, cursor), Math.max(0, list.length - 1));
  const current = list[selected];
  useKeys((input, key) => {
    if (key.escape || input === 'q') onClose();
    else if (input === 'j' || key.downArrow) onCursor(Math.min(list.length - 1, selected + 1));
    else if (input === 'k' || key.upArrow) onCursor(Math.max(0, selected - 1));
    else if ((input === 'x' || key.delete || (key.ctrl && input === 'd')) && current !== undefined && current.state !== 'ended') {
      void forwards.stop(current.id).then(() => onStopped(p`stopped forwarding ${clean(current.addresses[0] ?? '')} -> ${clean(`${current.namespace}/${current.pod}`)}:${current.remote}`));
    }
  });
  const viewport = Math.max(1, region.height - 5);
  const top = Math.max(0, Math.min(selected - viewport + 1, list.length - viewport));
  return (
    <Box flexDirection="column" width={width} height={region.height}>
      <Line bold underline>
        {fitPadded(clean(`Port-forwards (${list.filter((forward) => forward.state !== 'ended').length} active) ${glyphs.separator} x stops, Esc back`), width, glyphs.truncated)}
      </Line>
      <Line bold>{row(COLUMNS.map((column) => column.title), width, glyphs.truncated)}</Line>
      {list.length === 0 ? <Line dimColor>{p`no port-forwards yet: F on a pod starts one`}</Line> : null}
      {list.slice(top, top + viewport).map((forward, index) => (
        <Line key={forward.id} inverse={top + index === selected} dimColor={forward.state === 'ended'} bold={forward.state === 'reconnecting'}>
          {row(
            [
              `${forward.namespace}/${forward.pod}`,
              forward.addresses.length > 1 ? `${forward.addresses[0] ?? ''}+` : (forward.addresses[0] ?? ''),
              String(forward.remote),
              forward.state,
              `${forward.active}/${forward.connections}`,
              `${bytes(forward.bytesIn)}/${bytes(forward.bytesOut)}`,
              String(forward.errors),
            ],
            width,
            glyphs.truncated,
          )}
        </Line>
      ))}
      {current?.endReason !== undefined ? <Line dimColor>{fit(clean(`ended: ${current.endReason}`), width, glyphs.truncated)}</Line> : null}
      {current?.lastError !== undefined ? <Line dimColor>{fit(clean(`last error: ${current.lastError}`), width, glyphs.truncated)}</Line> : null}
    </Box>
  );
}

import type { CoreV1Event } from '@kubernetes/client-node';
import { eventRows } from '../../model/eventRows.js';
import { cleanName, EMPTY, p } from '../../model/printable.js';
import type { PrintLine } from '../output.js';
import type { PlainTextOptions } from './treeText.js';
import { textTable } from './textTable.js';

/** The explorer's events pane as a table: oldest first, the container in OBJECT, repeats as ×N (xN in ASCII); warnings toned. */
export function eventsText(events: readonly CoreV1Event[], now: Date, options: PlainTextOptions): PrintLine[] {
  const rows = eventRows(events, now);
  if (rows.length === 0) return [{ text: p`No events.` }];
  const times = options.ascii ? p`x` : p`×`;
  const [header = EMPTY, ...lines] = textTable(
    [p`LAST SEEN`, p`TYPE`, p`REASON`, p`OBJECT`, p`COUNT`, p`MESSAGE`],
    rows.map((row) => [
      row.lastSeen,
      row.type,
      row.reason,
      row.container ? p`${row.object}/${cleanName(row.container)}` : row.object,
      row.count > 1 ? p`${times}${row.count}` : EMPTY,
      row.message,
    ]),
  );
  return [{ text: header }, ...lines.map((text, i) => (rows[i]?.warning ? { text, tone: 'warning' as const } : { text }))];
}

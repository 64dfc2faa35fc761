import type { KubeEvent } from '../../model/apiObjects.js';
import { eventRows } from '../../model/eventRows.js';
import { paint } from './ansi.js';
import type { PlainTextOptions } from './treeText.js';
import { textTable } from './textTable.js';

/** The explorer's events pane as a table: oldest first, the container in OBJECT, repeats as ×N (xN in ASCII). */
export function eventsText(events: readonly KubeEvent[], now: Date, options: PlainTextOptions): string[] {
  const rows = eventRows(events, now);
  if (rows.length === 0) return ['No events.'];
  const times = options.ascii ? 'x' : '×';
  const [header = '', ...lines] = textTable(
    ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'COUNT', 'MESSAGE'],
    rows.map((row) => [
      row.lastSeen,
      row.type,
      row.reason,
      row.container ? `${row.object}/${row.container}` : row.object,
      row.count > 1 ? `${times}${row.count}` : '',
      row.message,
    ]),
  );
  return [header, ...lines.map((line, i) => (rows[i]?.warning ? paint(line, 'warning', options.colour) : line))];
}

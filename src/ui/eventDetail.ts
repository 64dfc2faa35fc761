import type { EventRow } from '../model/eventRows.js';
import { EMPTY, joinPrintable, p, spaces, type Printable } from '../model/printable.js';
import { fit, wrapWords } from './text.js';

/** One line of the event detail view: a field's label (bold) and its text. */
export interface EventDetailLine {
  label: Printable;
  text: Printable;
}

const LABEL_WIDTH = 12;

function field(label: Printable, text: Printable, width: number, truncated: Printable): EventDetailLine {
  return { label: fit(joinPrintable([label, spaces(LABEL_WIDTH - label.length)]), LABEL_WIDTH, truncated), text: fit(text, Math.max(0, width - LABEL_WIDTH), truncated) };
}

/**
 * The whole of one event in `height` lines of `width` columns: its object (pod and container),
 * type, reason, source, count and times, then its message word-wrapped under them, as many lines
 * as it takes (cut, with the mark, only where the screen has no more lines).
 */
export function eventDetailLines(row: EventRow, width: number, height: number, truncated: Printable): EventDetailLine[] {
  const object = row.subobject === '' ? row.object : p`${row.object} ${row.subobject}`;
  const times = row.count > 1 ? p`last ${row.lastSeen} ago, first ${row.firstSeen} ago` : p`${row.lastSeen} ago`;
  const head = [
    field(p`Object`, object, width, truncated),
    field(p`Type`, row.type, width, truncated),
    field(p`Reason`, row.reason, width, truncated),
    field(p`Source`, row.source === '' ? p`<none>` : row.source, width, truncated),
    field(p`Count`, p`${row.count}`, width, truncated),
    field(p`Seen`, times, width, truncated),
    { label: p`Message`, text: EMPTY },
  ];
  const room = Math.max(1, height - head.length);
  const message = wrapWords(row.message, Math.max(1, width - 2), room, truncated).map((text) => ({ label: EMPTY, text: joinPrintable([spaces(2), text]) }));
  return [...head, ...(message.length === 0 ? [{ label: EMPTY, text: p`  <none>` }] : message)];
}

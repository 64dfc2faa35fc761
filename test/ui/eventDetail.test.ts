import { describe, expect, it } from 'vitest';
import type { CoreV1Event } from '@kubernetes/client-node';
import { eventRows } from '../../src/model/eventRows.js';
import { clean as c } from '../../src/model/printable.js';
import { eventDetailLines } from '../../src/ui/eventDetail.js';
import { textWidth } from '../../src/ui/text.js';
import { readFixtureJson } from '../helpers/fixtures.js';

const events = readFixtureJson<{ items: CoreV1Event[] }>('events/lab-events.json').items;
const rows = eventRows(events, new Date('2030-01-01T00:00:00Z'));
const longest = [...rows].sort((a, b) => b.message.length - a.message.length)[0]!;

describe('eventDetailLines', () => {
  it.each([80, 120, 200])('at %d columns holds the whole message, wrapped, with object, reason, source, count and times', (width) => {
    const lines = eventDetailLines(longest, width, 18, c('…'));
    for (const line of lines) expect(textWidth(line.label) + textWidth(line.text)).toBeLessThanOrEqual(width);
    const text = lines.map((l) => `${l.label}${l.text}`);
    const message = text.slice(text.findIndex((l) => l.startsWith('Message')) + 1).map((l) => l.trim()).join(' ');
    expect(message.replace(/\s+/g, ' ')).toBe(longest.message.replace(/\s+/g, ' '));
    expect(message).not.toContain('…');
    expect(text.find((l) => l.startsWith('Object'))).toContain(longest.object);
    expect(text.find((l) => l.startsWith('Reason'))).toContain(longest.reason);
    expect(text.find((l) => l.startsWith('Source'))).toContain(longest.source);
    expect(text.find((l) => l.startsWith('Count'))).toContain(String(longest.count));
    expect(text.find((l) => l.startsWith('Seen'))).toContain(longest.lastSeen);
  });

  it('cuts the message, with the mark, only where the screen has no more lines', () => {
    const lines = eventDetailLines({ ...longest, message: c('word '.repeat(200)) }, 40, 10, c('…'));
    expect(lines).toHaveLength(10);
    expect(lines.at(-1)?.text).toMatch(/…$/);
  });
});

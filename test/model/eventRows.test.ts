import type { CoreV1Event } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { containerFromFieldPath, eventRows, eventsForPod } from '../../src/model/eventRows.js';
import { toMillis } from '../../src/model/time.js';
import { readFixtureJson, readFixtureText } from '../helpers/fixtures.js';

interface EventList {
  items: CoreV1Event[];
}
interface EventTable {
  rows: { cells: unknown[] }[];
}

const labEvents = (): CoreV1Event[] => structuredClone(readFixtureJson<EventList>('events/lab-events.json').items);
const statesEvents = (): CoreV1Event[] => structuredClone(readFixtureJson<EventList>('events/states-events.json').items);

/** The [low, high) range of elapsed ms a HumanDuration cell such as `6m23s`, `49s` or `12m` stands for. */
function cellRange(cell: string): [number, number] {
  const m = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(cell);
  if (!m || cell === '') throw new Error(`unexpected cell ${cell}`);
  const minutes = Number(m[1] ?? 0);
  const low = (minutes * 60 + Number(m[2] ?? 0)) * 1000;
  const coarse = m[2] === undefined && minutes >= 10;
  return [low, low + (coarse ? 60_000 : 1000)];
}

/** The instant the table was printed: the intersection of what every row's Last Seen allows. */
function tableInstant(table: EventTable, byName: Map<string, CoreV1Event>): Date {
  let low = Number.NEGATIVE_INFINITY;
  let high = Number.POSITIVE_INFINITY;
  for (const row of table.rows) {
    const e = byName.get(String(row.cells[9]));
    const at = toMillis(e?.lastTimestamp) ?? toMillis(e?.firstTimestamp) ?? toMillis(e?.eventTime);
    if (at === undefined) throw new Error('event without time');
    const [from, to] = cellRange(String(row.cells[0]));
    low = Math.max(low, at + from);
    high = Math.min(high, at + to);
  }
  expect(low).toBeLessThan(high);
  return new Date((low + high) / 2);
}

describe('eventRows against the server-side event Table', () => {
  const table = readFixtureJson<EventTable>('table/lab-events-table.json');
  const events = labEvents();
  const byName = new Map(events.map((e) => [e.metadata.name ?? '', e]));
  const now = tableInstant(table, byName);
  const rows = new Map(eventRows(events, now).map((r) => [r.name, r]));

  it('covers every row of the table', () => {
    expect(table.rows.length).toBe(79);
    expect(rows.size).toBe(79);
  });

  it('prints each cell (Last Seen, Type, Reason, Object, Subobject, Source, Message, First Seen, Count) like the server', () => {
    for (const { cells } of table.rows) {
      const r = rows.get(String(cells[9]));
      expect(r, String(cells[9])).toBeDefined();
      expect([r!.lastSeen, r!.type, r!.reason, r!.object, r!.subobject, r!.source, r!.message, r!.firstSeen, r!.count, r!.name]).toEqual(cells);
    }
  });
});

/** Rows of a `kubectl get events` recording, cut at the header's column starts. */
function kubectlRows(relative: string): Record<string, string>[] {
  const [header, ...lines] = readFixtureText(relative).split('\n').filter((l) => l.trim() !== '');
  const names = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
  const starts = names.map((n) => header!.indexOf(n));
  return lines.map((line) =>
    Object.fromEntries(names.map((n, i) => [n, line.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : undefined).trim()])),
  );
}

describe('eventRows against the kubectl get events recordings', () => {
  for (const [ns, load] of [['lab', labEvents], ['states', statesEvents]] as const) {
    it(`${ns}: type, reason, object and message match kubectl row for row`, () => {
      const recorded = kubectlRows(`kubectl/get-events-${ns}.txt`);
      const items = load();
      expect(recorded.length).toBe(items.length);
      // kubectl prints in list order; eventRows reorders, so map each event to its row by name.
      const rows = new Map(eventRows(items, new Date()).map((r) => [r.name, r]));
      items.forEach((e, i) => {
        const r = rows.get(e.metadata.name ?? '')!;
        const k = recorded[i]!;
        expect([r.type, r.reason, r.object, r.message]).toEqual([k.TYPE, k.REASON, k.OBJECT, k.MESSAGE]);
      });
    });
  }
});

describe('eventRows', () => {
  const now = new Date('2026-11-23T09:16:13.600Z');

  it('orders oldest to newest by last seen, ties by name', () => {
    const rows = eventRows(labEvents(), now);
    const times = rows.map((r) => r.lastSeenMs ?? 0);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(rows[0]?.reason).toBe('Scheduled');
    expect(rows.at(-1)?.lastSeenMs).toBe(Math.max(...times));
  });

  it('names the container from the field path and flags warnings', () => {
    const rows = eventRows(labEvents(), now);
    const neverPull = rows.find((r) => r.reason === 'ErrImageNeverPull')!;
    expect([neverPull.container, neverPull.warning, neverPull.count, neverPull.involvedObject.name]).toEqual(['bad', true, 8, 'badimage']);
    const scheduled = rows.find((r) => r.reason === 'Scheduled')!;
    expect([scheduled.container, scheduled.warning, scheduled.subobject]).toEqual([undefined, false, '']);
  });

  it('uses the series for new-style repeated events and falls back to creationTimestamp for ordering', () => {
    const series = {
      metadata: { name: 'a.1', namespace: 'lab', creationTimestamp: '2026-11-23T09:00:00Z' },
      involvedObject: { kind: 'Pod', name: 'a', namespace: 'lab' },
      eventTime: '2026-11-23T09:10:00.000000Z',
      series: { count: 7, lastObservedTime: '2026-11-23T09:16:00.000000Z' },
      type: 'Warning',
      reason: 'BackOff',
      reportingComponent: 'kubelet',
      message: '  spaced\x1b]0;x\x07 out \n',
    } as unknown as CoreV1Event;
    const timeless = {
      metadata: { name: 'b.1', namespace: 'lab', creationTimestamp: '2026-11-23T08:00:00Z' },
      involvedObject: { kind: 'Node' },
    } as unknown as CoreV1Event;
    const [first, second] = eventRows([series, timeless], now);
    expect(first).toMatchObject({ name: 'b.1', lastSeen: '<unknown>', firstSeen: '<unknown>', object: 'node', count: 1, source: '' });
    expect(second).toMatchObject({ lastSeen: '13s', firstSeen: '6m13s', count: 7, source: 'kubelet', message: 'spaced^[]0;x^G out', warning: true });
  });
});

describe('containerFromFieldPath', () => {
  it.each([
    ['spec.containers{web}', 'web'],
    ['spec.initContainers{init-wait}', 'init-wait'],
    ['spec.ephemeralContainers{debugger-c798c}', 'debugger-c798c'],
    ['spec.containers', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s -> %s', (path, container) => {
    expect(containerFromFieldPath(path)).toBe(container);
  });
});

describe('eventsForPod', () => {
  it('matches the server-side field selector result for lab/crashy', () => {
    const bySelector = readFixtureJson<EventList>('events/crashy-by-field.json').items.map((e) => e.metadata.name).sort();
    const mine = eventsForPod(labEvents(), 'lab', 'crashy').map((e) => e.metadata.name).sort();
    expect(mine).toEqual(bySelector);
    expect(mine.length).toBeGreaterThan(0);
  });

  it('leaves out other namespaces and an earlier pod of the same name when a uid is given', () => {
    const events = labEvents();
    const crashyUid = 'eb28322c-d63e-419a-ab3c-110e09b2b81d';
    expect(eventsForPod(events, 'states', 'crashy')).toEqual([]);
    const all = eventsForPod(events, 'lab', 'crashy', crashyUid).length;
    const stale = structuredClone(events.find((e) => e.involvedObject.name === 'crashy')!);
    stale.involvedObject.uid = 'old-uid';
    expect(eventsForPod([...events, stale], 'lab', 'crashy', crashyUid).length).toBe(all);
    expect(eventsForPod([...events, stale], 'lab', 'crashy').length).toBe(all + 1);
  });
});

describe('order within one second', () => {
  it('follows the order the server stored the events in, not sub-second noise of new-style events', () => {
    const scheduled = {
      metadata: { name: 'p.aaa', namespace: 'shop', resourceVersion: '10' },
      involvedObject: { kind: 'Pod', name: 'p', namespace: 'shop' },
      reason: 'Scheduled',
      type: 'Normal',
      eventTime: new Date('2026-11-23T10:00:00.900Z'),
    };
    const pulling = {
      metadata: { name: 'p.bbb', namespace: 'shop', resourceVersion: '11' },
      involvedObject: { kind: 'Pod', name: 'p', namespace: 'shop', fieldPath: 'spec.containers{app}' },
      reason: 'Pulling',
      type: 'Normal',
      firstTimestamp: new Date('2026-11-23T10:00:00Z'),
      lastTimestamp: new Date('2026-11-23T10:00:00Z'),
      count: 1,
    };
    const rows = eventRows([pulling, scheduled] as CoreV1Event[], new Date('2026-11-23T10:00:05Z'));
    expect(rows.map((row) => row.reason)).toEqual(['Scheduled', 'Pulling']);
  });
});

import type { LogEvent } from './logStream.js';

interface Held {
  event: LogEvent;
  key: string;
  order: number;
  arrived: number;
}

/**
 * Merges the events of several container streams into one timeline ordered by timestamp. An event
 * is released once every container still streaming has reached its timestamp (so a slower stream
 * cannot put older lines after newer ones), or after `holdMs` at the latest. Events other than lines
 * take their container's last timestamp, so they stay where they happened in that container's log.
 * Streams may come and go: one that was not named at the start is waited for once it sent something.
 */
export class LogMerger {
  private held: Held[] = [];
  private order = 0;
  private readonly lastKey = new Map<string, string>();
  private readonly active = new Set<string>();

  constructor(
    containers: readonly string[],
    private readonly holdMs: number,
  ) {
    for (const container of containers) {
      this.lastKey.set(container, '');
      this.active.add(container);
    }
  }

  get size(): number {
    return this.held.length;
  }

  add(event: LogEvent, now: number): void {
    const { container } = event;
    if (event.kind === 'line' && event.key !== '') this.lastKey.set(container, event.key);
    if (event.kind === 'line' || event.kind === 'connected' || event.kind === 'marker') this.active.add(container);
    else this.active.delete(container);
    this.held.push({ event, key: this.lastKey.get(container) ?? '', order: this.order++, arrived: now });
  }

  /** A stream that left (its pod went away): not waited for, and its last timestamp not kept. */
  forget(container: string): void {
    this.active.delete(container);
    this.lastKey.delete(container);
  }

  /** The events that can be shown now, in timeline order. */
  release(now: number): LogEvent[] {
    if (this.held.length === 0) return [];
    let watermark: string | undefined;
    for (const container of this.active) {
      const key = this.lastKey.get(container) ?? '';
      if (watermark === undefined || key < watermark) watermark = key;
    }
    // The newest key among events held too long: everything up to it goes too, to keep the order.
    let forced = '';
    for (const held of this.held) if (now - held.arrived >= this.holdMs && held.key > forced) forced = held.key;
    const limit = watermark === undefined ? undefined : watermark > forced ? watermark : forced;
    const out: Held[] = [];
    const keep: Held[] = [];
    for (const held of this.held) {
      if (limit === undefined || held.key <= limit || now - held.arrived >= this.holdMs) out.push(held);
      else keep.push(held);
    }
    this.held = keep;
    out.sort((a, b) => (a.key === b.key ? a.order - b.order : a.key < b.key ? -1 : 1));
    return out.map((held) => held.event);
  }
}

/**
 * Coalesces change notifications: the first one after a quiet spell goes out on the next
 * macrotask (so a synchronous burst counts once), later ones at most once per `intervalMs`.
 */
export class NotifyBatcher {
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;
  private lastFlush = Number.NEGATIVE_INFINITY;
  private closed = false;

  constructor(private readonly intervalMs: number) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  notify(): void {
    if (this.closed || this.timer) return;
    const wait = Math.max(0, this.lastFlush + this.intervalMs - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }

  private flush(): void {
    this.timer = undefined;
    this.lastFlush = Date.now();
    for (const listener of [...this.listeners]) listener();
  }
}

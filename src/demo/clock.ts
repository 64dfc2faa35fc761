/**
 * The demo cluster's notion of time. Every component of the simulated control plane reads the time and
 * schedules work through a Clock, so the cluster can run faster than real time (`realClock(speed)`)
 * or be stepped deterministically in tests (`manualClock`).
 */

/** An opaque handle for a scheduled callback. */
export interface ClockTimer {
  readonly clockTimer: true;
}

export interface Clock {
  /** Simulated milliseconds since the epoch. */
  now(): number;
  /** Runs `fn` once `ms` simulated milliseconds have passed. */
  setTimeout(fn: () => void, ms: number): ClockTimer;
  clearTimeout(timer: ClockTimer): void;
}

export interface ManualClock extends Clock {
  /** Moves time forward by `ms`, running every timer that falls due on the way, in due order. */
  advance(ms: number): void;
  /** How many timers are waiting. */
  pendingTimers(): number;
}

interface RealTimer extends ClockTimer {
  handle: ReturnType<typeof setTimeout>;
}

/**
 * Wall-clock time running `speed` times faster than real time from the instant this clock was made.
 * Timers do not keep the process alive: the demo server's sockets do that.
 */
export function realClock(speed = 1): Clock {
  if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`clock speed must be a positive number, got ${speed}`);
  const origin = Date.now();
  return {
    now: () => origin + (Date.now() - origin) * speed,
    setTimeout(fn, ms) {
      const due = origin + (Date.now() - origin) * speed + Math.max(0, ms);
      // Node's timers run on the loop's cached monotonic time, Date.now() on the wall clock: a timer
      // can fire a millisecond early by Date.now(), a whole simulated second at speed 1000. Not due yet: wait the rest.
      const schedule = (delay: number): ReturnType<typeof setTimeout> => {
        const handle = setTimeout(() => {
          const left = due - (origin + (Date.now() - origin) * speed);
          if (left > 0) timer.handle = schedule(Math.max(1, left / speed));
          else fn();
        }, delay);
        handle.unref();
        return handle;
      };
      const timer: RealTimer = { clockTimer: true, handle: schedule(Math.max(0, ms) / speed) };
      return timer;
    },
    clearTimeout(timer) {
      clearTimeout((timer as RealTimer).handle);
    },
  };
}

interface ManualTimer extends ClockTimer {
  due: number;
  sequence: number;
  fn: () => void;
  cancelled: boolean;
}

function firesBefore(a: ManualTimer, b: ManualTimer): boolean {
  return a.due < b.due || (a.due === b.due && a.sequence < b.sequence);
}

/** A binary heap of timers ordered by due time, then by scheduling order. */
class TimerHeap {
  private readonly items: ManualTimer[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): ManualTimer | undefined {
    return this.items[0];
  }

  push(timer: ManualTimer): void {
    const items = this.items;
    items.push(timer);
    let index = items.length - 1;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex] as ManualTimer;
      if (!firesBefore(timer, parent)) break;
      items[index] = parent;
      index = parentIndex;
    }
    items[index] = timer;
  }

  pop(): ManualTimer | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let index = 0;
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let smallest = last;
      let smallestIndex = -1;
      const leftItem = items[left];
      const rightItem = items[right];
      if (leftItem !== undefined && firesBefore(leftItem, smallest)) {
        smallest = leftItem;
        smallestIndex = left;
      }
      if (rightItem !== undefined && firesBefore(rightItem, smallest)) {
        smallest = rightItem;
        smallestIndex = right;
      }
      if (smallestIndex === -1) break;
      items[index] = smallest;
      index = smallestIndex;
    }
    items[index] = last;
    return top;
  }
}

/** Time that only moves when `advance` is called: deterministic tests of the simulated cluster. */
export function manualClock(start: Date): ManualClock {
  let current = start.getTime();
  let sequence = 0;
  let live = 0;
  const heap = new TimerHeap();
  return {
    now: () => current,
    setTimeout(fn, ms) {
      const timer: ManualTimer = { clockTimer: true, due: current + Math.max(0, ms), sequence: sequence++, fn, cancelled: false };
      heap.push(timer);
      live += 1;
      return timer;
    },
    clearTimeout(timer) {
      const manual = timer as ManualTimer;
      if (manual.cancelled) return;
      manual.cancelled = true;
      live -= 1;
    },
    advance(ms) {
      const target = current + Math.max(0, ms);
      for (let next = heap.peek(); next !== undefined && next.due <= target; next = heap.peek()) {
        heap.pop();
        if (next.cancelled) continue;
        next.cancelled = true;
        live -= 1;
        current = Math.max(current, next.due);
        next.fn();
      }
      current = target;
    },
    pendingTimers: () => live,
  };
}

/**
 * What the container runtime keeps of each container's output: the lines of the current instance and
 * of the previous one (after a restart), like the files behind `kubectl logs` and `--previous`.
 */
export type LogStream = 'stdout' | 'stderr';

export interface LogEntry {
  /** Simulated milliseconds since the epoch when the line was written. */
  time: number;
  text: string;
  stream: LogStream;
}

export interface ContainerLogInfo {
  /** Restart count of the current instance (0 for the first run). */
  restartCount: number;
  /** Whether the current instance is still running (a follow stays open). */
  running: boolean;
  hasPrevious: boolean;
}

/** The read side, exported on the ControlPlane for the pods/{name}/log endpoint. */
export interface ContainerLogs {
  /** The lines of the current (or, with `previous`, the previous) instance; undefined if there is none. */
  read(namespace: string, pod: string, container: string, options?: { previous?: boolean }): LogEntry[] | undefined;
  /**
   * Lines the current instance writes from now on. `onEnd` runs when that instance stops (or at once
   * if no instance is running), after which the subscription is over. Returns an unsubscribe function.
   */
  subscribe(namespace: string, pod: string, container: string, listener: (entry: LogEntry) => void, onEnd?: () => void): () => void;
  info(namespace: string, pod: string, container: string): ContainerLogInfo | undefined;
}

export interface LogWriter {
  write(text: string, stream: LogStream): void;
  /** The instance stopped: followers are told, its lines stay readable. */
  end(): void;
}

interface Instance {
  restartCount: number;
  entries: LogEntry[];
  running: boolean;
  listeners: Set<Subscriber>;
}

interface Subscriber {
  onLine: (entry: LogEntry) => void;
  onEnd: (() => void) | undefined;
}

interface Book {
  current?: Instance;
  previous?: Instance;
}

function bookKey(namespace: string, pod: string, container: string): string {
  return `${namespace}/${pod}/${container}`;
}

export class LogStore implements ContainerLogs {
  private readonly books = new Map<string, Book>();

  constructor(
    private readonly now: () => number,
    private readonly maxLinesPerInstance = 10_000,
  ) {}

  /** A new instance of the container starts writing; the one before becomes "previous". */
  startInstance(namespace: string, pod: string, container: string, restartCount: number): LogWriter {
    const key = bookKey(namespace, pod, container);
    const book = this.books.get(key) ?? {};
    this.books.set(key, book);
    if (book.current !== undefined) {
      this.finish(book.current);
      book.previous = book.current;
    }
    const instance: Instance = { restartCount, entries: [], running: true, listeners: new Set() };
    book.current = instance;
    return {
      write: (text, stream) => {
        if (!instance.running) return;
        const entry: LogEntry = { time: this.now(), text, stream };
        instance.entries.push(entry);
        // Trim in chunks so a firehose does not pay for a splice on every line.
        if (instance.entries.length > this.maxLinesPerInstance + Math.ceil(this.maxLinesPerInstance / 10)) {
          instance.entries.splice(0, instance.entries.length - this.maxLinesPerInstance);
        }
        for (const subscriber of [...instance.listeners]) subscriber.onLine({ ...entry });
      },
      end: () => this.finish(instance),
    };
  }

  /** The pod's containers were removed: their logs go with them. */
  removePod(namespace: string, pod: string): void {
    const prefix = `${namespace}/${pod}/`;
    for (const [key, book] of [...this.books.entries()]) {
      if (!key.startsWith(prefix)) continue;
      if (book.current !== undefined) this.finish(book.current);
      this.books.delete(key);
    }
  }

  read(namespace: string, pod: string, container: string, options: { previous?: boolean } = {}): LogEntry[] | undefined {
    const book = this.books.get(bookKey(namespace, pod, container));
    const instance = options.previous === true ? book?.previous : book?.current;
    if (instance === undefined) return undefined;
    return instance.entries.slice(-this.maxLinesPerInstance).map((entry) => ({ ...entry }));
  }

  subscribe(namespace: string, pod: string, container: string, listener: (entry: LogEntry) => void, onEnd?: () => void): () => void {
    const instance = this.books.get(bookKey(namespace, pod, container))?.current;
    if (instance === undefined || !instance.running) {
      onEnd?.();
      return () => {};
    }
    const subscriber: Subscriber = { onLine: listener, onEnd };
    instance.listeners.add(subscriber);
    return () => {
      instance.listeners.delete(subscriber);
    };
  }

  info(namespace: string, pod: string, container: string): ContainerLogInfo | undefined {
    const book = this.books.get(bookKey(namespace, pod, container));
    if (book?.current === undefined) return undefined;
    return { restartCount: book.current.restartCount, running: book.current.running, hasPrevious: book.previous !== undefined };
  }

  private finish(instance: Instance): void {
    if (!instance.running) return;
    instance.running = false;
    const subscribers = [...instance.listeners];
    instance.listeners.clear();
    for (const subscriber of subscribers) subscriber.onEnd?.();
  }
}

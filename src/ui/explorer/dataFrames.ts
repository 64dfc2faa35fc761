import type { Pod } from '../../model/apiObjects.js';
import type { ResourceStore } from '../../kube/resourceStore.js';
import type { PodListView } from '../podList.js';

/**
 * Store changes reach the screen at most this often once the list is live; keys are drawn at once.
 * 500 pod updates a second would otherwise take every frame Ink's budget allows, and a key would
 * wait behind them (k9s redraws its table every 2 s).
 */
export const DATA_FRAME_MS = 250;

/** What the screen draws of the pod list: the counts, the columns' widths, the rows from the first shown. */
export interface PodFrame {
  view: PodListView;
  /** The pod store's connection, as text (its states are plain data). */
  connection: string;
  /** The rows from the first one shown, as many as the screen has lines (the table is never taller). */
  shown: readonly Pod[];
}

export function podFrame(view: PodListView, connection: unknown, top: number, rows: number): PodFrame {
  return { view, connection: JSON.stringify(connection), shown: view.pods.slice(top, top + rows) };
}

/** Whether two frames of the pod list draw the same: the same pods shown (objects are replaced, never changed), counts, widths, order. */
export function samePodFrame(a: PodFrame, b: PodFrame): boolean {
  const x = a.view;
  const y = b.view;
  if (a.connection !== b.connection || a.shown.length !== b.shown.length) return false;
  if (x.pods.length !== y.pods.length || x.total !== y.total || x.epoch !== y.epoch || x.ranked !== y.ranked || x.filter !== y.filter || x.usage !== y.usage) return false;
  const w = x.widths;
  const v = y.widths;
  if (w.namespace !== v.namespace || w.name !== v.name || w.ready !== v.ready || w.status !== v.status || w.ip !== v.ip || w.node !== v.node) return false;
  for (let i = 0; i < a.shown.length; i++) if (a.shown[i] !== b.shown[i]) return false;
  return true;
}

/**
 * The pace of data frames: store changes are drawn at most every DATA_FRAME_MS once the pods are
 * live (at once while they load), keys between them work on the pods the last frame took, and a
 * frame in which only pods off screen changed is not drawn at all. At 20,000 pods and 500 updates
 * a second a frame's batch of 125 changes touches the 30-odd rows on screen one time in six or so;
 * the other frames cost React and Ink a whole render of a screen that reads the same, which a key
 * arriving meanwhile waits behind.
 */
export class DataFrames {
  private timer: NodeJS.Timeout | undefined;
  /** A store changed since the pods were taken (see pods). */
  private due = true;
  /** Something besides pods changed since the last drawn frame: it must be drawn whatever the rows. */
  private mustDraw = true;
  private taken: { store: ResourceStore<Pod>; pods: readonly Pod[]; live: boolean } | undefined;
  private lastAt = Number.NEGATIVE_INFINITY;
  private drawn: PodFrame | undefined;
  private disposed = false;

  /** `frame` asks for a flush; `live` says whether the pods are live (frames paced) or loading. */
  constructor(
    private readonly frame: () => void,
    private readonly live: () => boolean,
  ) {}

  /**
   * A store changed. Pods are drawn if the rows on screen changed; events not by this frame (the
   * panes that show them, the WHY line and the events pane, subscribe to their store themselves);
   * namespaces always (the picker, a namespace asked for by name).
   */
  storeChanged(what: 'pods' | 'events' | 'namespaces'): void {
    if (what === 'namespaces') this.mustDraw = true;
    if (this.timer !== undefined || this.disposed) return;
    const wait = this.live() ? this.lastAt + DATA_FRAME_MS - Date.now() : 0;
    if (wait <= 0) {
      this.due = true;
      this.frame();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.due = true;
      this.frame();
    }, wait);
  }

  /** The state or something else outside the pod store changed: the next flush draws. */
  stateChanged(): void {
    this.mustDraw = true;
  }

  /**
   * The pods as the last data frame took them: a key between data frames works on the rows on
   * screen, and does not pay for merging the watch events that came since (at 500 updates a
   * second there always are some) — the next data frame does.
   */
  pods(store: ResourceStore<Pod>): readonly Pod[] {
    const taken = this.taken;
    // While the list loads every read is fresh: keys waiting for the list must see all of it once it is live.
    if (taken !== undefined && taken.store === store && taken.live && !this.due) return taken.pods;
    const pods = store.snapshot();
    this.taken = { store, pods, live: store.connection().kind === 'live' };
    this.due = false;
    this.lastAt = Date.now();
    return pods;
  }

  /** Whether a flush with `frame` must tell React: something besides the pods changed, or the pods it draws did. */
  shouldDraw(frame: PodFrame, stateMoved: boolean): boolean {
    const draw = this.mustDraw || stateMoved || this.drawn === undefined || !samePodFrame(this.drawn, frame);
    this.mustDraw = false;
    if (draw) this.drawn = frame;
    return draw;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }
}

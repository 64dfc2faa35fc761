import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Box } from 'ink';
import { useKeys } from '../input/KeyInput.js';
import type { Pod } from '../../model/apiObjects.js';
import type { LogEvent } from '../../kube/logs/logStream.js';
import type { PodLogSource } from '../../kube/logs/podLogSession.js';
import type { WorkloadLogSource, WorkloadMembers } from '../../kube/logs/workloadLogSession.js';
import type { SavedLog } from '../../kube/logs/saveLog.js';
import { allContainerNames, defaultContainerName } from '../../model/containers.js';
import { bufferRaw, bufferText, DEFAULT_LOG_LIMITS, DEFAULT_TAIL_LINES, findMatch, initialLogViewState, LogBuffer, newSincePause, scrollBy, shownCount, topLine, viewEnd, visibleRows, type LogViewState } from '../../model/logView.js';
import { parseLineFilter } from '../../model/logFilter.js';
import { controllerOf } from '../../model/workloadLog.js';
import { SINCE_PRESETS } from '../../model/logViewSince.js';
import type { LogRingOptions } from '../../model/ringBuffer.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { PREFIX_COLORS, prefixColours } from './prefixColours.js';
import { clean, cleanName, EMPTY, joinPrintable, p, type Printable } from '../../model/printable.js';
import { Line } from '../components/Line.js';
import { fit } from '../text.js';
import { containerFinished } from '../../model/containerFinished.js';
import { LOG_VIEW_HINT } from './logViewKeys.js';
import { LineRate } from '../../model/logRate.js';
import { lineWord, logViewHeader } from '../../model/logViewHeader.js';
import { LogLine } from './LogLine.js';

export interface LogViewProps {
  /** Opens log streams; `podLogSource(session)` from src/kube/logs/podLogSession.ts. */
  source: PodLogSource;
  pod: Pod;
  /** The container to show first; default: the pod's default container. */
  container?: string;
  /** The log of every pod of the pod's controller (`L`); absent: that key is not offered. */
  workload?: WorkloadLogSource;
  /** Open on the workload log rather than the pod's. */
  startWorkload?: boolean;
  /** q or Esc. */
  onClose: () => void;
  /** Saves the buffer (`s`: as the text shown, or the raw bytes) and resolves with the path written. */
  save: (name: string, log: SavedLog) => Promise<string>;
  tailLines?: number;
  limits?: LogRingOptions;
  /** The rows and columns the view may use; default the whole terminal. */
  width?: number;
  height?: number;
}

type Mode = 'normal' | 'search' | 'filter' | 'choose' | 'save';

/**
 * New lines are drawn at most this often (keys at once). A firehose is not read line by line, and
 * each frame costs Ink a cell object per character of the screen: at 12 frames a second (one per
 * 80 ms batch) those outlived young collections and grew the heap.
 */
const DATA_FRAME_MS = 200;

interface Stream {
  containers: string[];
  previous: boolean;
  since: number;
  /** Every pod of the controller, each its default container or (`all`) all of them. */
  workload?: { all: boolean };
}

/** A workload stream's label is `pod` or `pod/container`: the pod picks the colour. */
const podOfLabel = (label: string): string => label.split('/')[0] ?? label;

/**
 * A pod's log: one container followed (or several merged), bounded in memory, only the visible rows
 * drawn. Keys are its own: p t w c a 0-5 space / n N s, arrows/PgUp/PgDn/g/G to scroll, q or Esc back.
 */
export function LogView({ source, pod, container, workload, startWorkload, onClose, save, tailLines = DEFAULT_TAIL_LINES, limits = DEFAULT_LOG_LIMITS, width, height }: LogViewProps) {
  const { display, glyphs } = useDisplay();
  const terminal = useTerminalSize();
  const columns = width ?? terminal.columns;
  const rows = height ?? terminal.rows;
  const viewport = Math.max(1, rows - 2);
  const podName = pod.metadata?.name ?? '';
  const namespace = pod.metadata?.namespace ?? '';
  const allContainers = useMemo(() => allContainerNames(pod).map((ref) => ref.name), [pod]);
  const prefixColour = useMemo(() => prefixColours(allContainers), [allContainers]);
  const first = container ?? defaultContainerName(pod) ?? allContainers[0] ?? '';
  // Taken once: the pod that opened the view may go away while its workload's log goes on.
  const [owner] = useState(() => controllerOf(pod));
  const canWorkload = workload !== undefined && owner !== undefined;

  const buffer = useMemo(() => new LogBuffer(limits), [limits]);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const [state, setState] = useState<LogViewState>(() => ({ ...initialLogViewState(), prefix: canWorkload && startWorkload === true }));
  const [stream, setStream] = useState<Stream>(() => ({ containers: [first], previous: false, since: -1, ...(canWorkload && startWorkload === true ? { workload: { all: false } } : {}) }));
  const [members, setMembers] = useState<WorkloadMembers | undefined>(undefined);
  // Colours by pod in the order they first showed up, so a pod keeps its colour while others come and go.
  const podColours = useRef(new Map<string, number>());
  const [problems, setProblems] = useState<Record<string, Printable>>({});
  const problemsNow = useRef<Record<string, Printable>>({});
  const [message, setMessage] = useState<Printable>(EMPTY);
  const [mode, setMode] = useState<Mode>('normal');
  const [query, setQuery] = useState('');
  const [choice, setChoice] = useState(Math.max(0, allContainers.indexOf(first)));
  const [ended, setEnded] = useState(false);
  /** Containers whose stream ended because they stopped for good (the pod may not show it yet). */
  const [exited, setExited] = useState<Record<string, { exitCode: number }>>({});
  const current = useRef(-1);
  // Bumped by restart(): the old stream may deliver a batch before React runs the effect's cleanup.
  const generation = useRef(0);
  const rate = useRef(new LineRate());
  const lastFrame = useRef(0);
  const frameTimer = useRef<NodeJS.Timeout | undefined>(undefined);
  /** A redraw for new lines: now if the last frame is old enough, else once when it is. */
  const redrawLines = (): void => {
    if (frameTimer.current !== undefined) return;
    const wait = lastFrame.current + DATA_FRAME_MS - Date.now();
    if (wait <= 0) redraw();
    else
      frameTimer.current = setTimeout(() => {
        frameTimer.current = undefined;
        redraw();
      }, wait);
  };
  useEffect(() => () => clearTimeout(frameTimer.current), []);
  /** The rate as last drawn: a stream that went quiet is redrawn once its rate fell (see below). */
  const drawnRate = useRef(0);

  useEffect(() => {
    // Any new stream (a key, or a new pod or source) outdates the old one's late batches.
    const mine = ++generation.current;
    buffer.clear();
    rate.current.reset();
    redraw();
    problemsNow.current = {};
    setProblems({});
    setEnded(false);
    setExited({});
    let open = stream.containers.length;
    const preset = SINCE_PRESETS[stream.since];
    const window = { tailLines: stream.since >= 0 ? undefined : tailLines, sinceSeconds: preset?.seconds };
    const onBatch = (events: LogEvent[]): void => {
      if (generation.current !== mine) return;
      const changes: Record<string, Printable | undefined> = {};
      for (const event of events) {
        if (event.kind === 'line') buffer.appendLine(event.container, event.timestamp, event.text, display.color, event.raw);
        else if (event.kind === 'marker') {
          buffer.appendMarker(event.container, clean(event.text));
          // A pod that joined or went away: whatever its streams said before is old news.
          if (stream.workload !== undefined) for (const label of Object.keys(problemsNow.current)) if (podOfLabel(label) === podOfLabel(event.container)) changes[label] = undefined;
        }
        else if (event.kind === 'problem') changes[event.container] = clean(event.message);
        else if (event.kind === 'connected') changes[event.container] = undefined;
        else if (event.kind === 'end') {
          // A workload's log goes on while pods come and go; a stream that failed keeps saying why.
          if (stream.workload !== undefined) continue;
          const stopped = event.exited;
          if (stopped !== undefined) setExited((old) => ({ ...old, [event.container]: stopped }));
          if (--open <= 0) setEnded(true);
        }
        if (event.kind === 'line') changes[event.container] = undefined;
      }
      rate.current.note(Date.now(), buffer.end);
      // Only a change that changes something: every batch of lines clears its container's problem,
      // and a new (equal) object each time made a frame per batch, past DATA_FRAME_MS.
      // problemsNow is kept as set (not only as last drawn), so a batch sees the one before it.
      const old = problemsNow.current;
      if (Object.entries(changes).some(([name, text]) => old[name] !== text)) {
        const next = { ...old };
        for (const [name, text] of Object.entries(changes)) {
          if (text === undefined) delete next[name];
          else next[name] = text;
        }
        problemsNow.current = next;
        setProblems(next);
      }
      redrawLines();
    };
    const handle =
      stream.workload !== undefined && workload !== undefined && owner !== undefined
        ? workload.open({ namespace, owner, containers: stream.workload.all ? 'all' : 'default', ...window }, onBatch, setMembers)
        : source.open({ namespace, pod: podName, containers: stream.containers, previous: stream.previous, follow: !stream.previous, ...window }, onBatch);
    return () => handle.close();
  }, [source, workload, owner, namespace, podName, stream, tailLines, buffer, display.color]);

  // Batches redraw the view; once they stop, the rate on screen must still come down to nothing.
  useEffect(() => {
    const timer = setInterval(() => {
      if (Math.round(rate.current.perSecond(Date.now())) !== drawnRate.current) redraw();
    }, 1000);
    return () => clearInterval(timer);
  }, []);

  const update = (change: (old: LogViewState) => LogViewState): void => setState((old) => change(old));
  const restart = (next: Partial<Stream>): void => {
    // Cleared now, not in the effect, so no frame shows the old stream's lines under the new header.
    generation.current++;
    buffer.clear();
    rate.current.reset();
    const merged: Stream = { ...stream, ...next };
    if ('workload' in next && next.workload === undefined) delete merged.workload;
    setStream(merged);
    setMembers(undefined);
    setState((old) => ({ ...old, follow: true, paused: false, prefix: merged.workload !== undefined || merged.containers.length > 1 }));
  };
  const onePodOnly = (what: string): void => setMessage(p`${clean(what)} works on one pod's log; L goes back to ${cleanName(podName)}`);
  const jump = (direction: 1 | -1): void => {
    const from = current.current >= 0 ? current.current : direction === 1 ? topLine(buffer, state, columns, viewport) : viewEnd(buffer, state);
    const found = findMatch(buffer, state, from, direction);
    if (found === undefined) {
      setMessage(p`no ${direction === 1 ? p`later` : p`earlier`} line with "${clean(state.search)}"`);
      return;
    }
    current.current = found;
    setMessage(EMPTY);
    update((old) => ({ ...old, follow: false, top: Math.max(buffer.start, found - Math.floor(viewport / 2)) }));
  };

  /** `s` then `t`: the lines as shown (escape sequences and controls removed); `r`: the bytes as the server sent them. */
  const saveAs = (kind: SavedLog['kind']): void => {
    const name = stream.workload !== undefined ? `${owner?.name ?? podName}-workload` : `${podName}-${stream.containers.length > 1 ? 'all' : (stream.containers[0] ?? '')}`;
    const text = kind === 'text' ? bufferText(buffer, state) : undefined;
    const bytes = text === undefined ? bufferRaw(buffer, state) : Buffer.from(text.length === 0 ? '' : `${text.join('\n')}\n`);
    // Short, so the path fits the footer.
    const what = kind === 'text' ? p`text` : p`raw bytes`;
    save(name, { kind, bytes }).then(
      (path) => setMessage(p`${what} saved to ${clean(path)}`),
      (error: unknown) => setMessage(p`cannot save: ${clean(error instanceof Error ? error.message : String(error))}`),
    );
  };

  useKeys((input, key) => {
    if (mode === 'search') {
      if (key.escape) setMode('normal');
      else if (key.return) {
        setMode('normal');
        current.current = -1;
        update((old) => ({ ...old, search: query }));
        setMessage(EMPTY);
      } else if (key.backspace || key.delete) setQuery((q) => q.slice(0, -1));
      else if (input !== '' && !key.ctrl && !key.meta) setQuery((q) => q + input);
      return;
    }
    if (mode === 'filter') {
      if (key.escape) setMode('normal');
      else if (key.return) {
        setMode('normal');
        current.current = -1;
        update((old) => ({ ...old, filter: parseLineFilter(query) === undefined ? '' : query, follow: true, paused: false }));
        setMessage(EMPTY);
      } else if (key.backspace || key.delete) setQuery((q) => q.slice(0, -1));
      else if (input !== '' && !key.ctrl && !key.meta) setQuery((q) => q + input);
      return;
    }
    if (mode === 'save') {
      setMode('normal');
      if (input === 't' || key.return) saveAs('text');
      else if (input === 'r') saveAs('raw');
      return;
    }
    if (mode === 'choose') {
      if (key.escape) setMode('normal');
      else if (key.upArrow || input === 'k') setChoice((c) => Math.max(0, c - 1));
      else if (key.downArrow || input === 'j') setChoice((c) => Math.min(allContainers.length - 1, c + 1));
      else if (key.return) {
        setMode('normal');
        const name = allContainers[choice];
        if (name !== undefined) restart({ containers: [name] });
      }
      return;
    }
    if (key.escape || input === 'q') onClose();
    else if (input === 'L') {
      if (stream.workload !== undefined) restart({ workload: undefined, containers: [first], previous: false });
      else if (canWorkload) restart({ workload: { all: false }, previous: false });
      else setMessage(workload === undefined ? p`no workload log here` : p`${cleanName(podName)} has no controller: no workload to follow`);
    } else if (input === 'f' || input === 'F') {
      setQuery(input === 'F' ? '!' : state.filter);
      setMode('filter');
    } else if (stream.workload !== undefined && (input === 'p' || input === 'c')) onePodOnly(input === 'p' ? 'p (previous instance)' : 'c (choose a container)');
    else if (stream.workload !== undefined && input === 'a') restart({ workload: { all: !stream.workload.all } });
    else if (input === 'p') restart({ previous: !stream.previous });
    else if (input === 't') update((old) => ({ ...old, timestamps: !old.timestamps }));
    else if (input === 'w') update((old) => ({ ...old, wrap: !old.wrap }));
    else if (input === 'c') setMode('choose');
    else if (input === 'a') restart({ containers: stream.containers.length > 1 ? [first] : allContainers });
    else if (/^[0-5]$/.test(input)) restart({ since: Number(input) });
    else if (input === ' ') update((old) => (old.paused ? { ...old, paused: false } : { ...old, paused: true, pausedEnd: buffer.end }));
    else if (input === '/') {
      setQuery('');
      setMode('search');
    } else if (input === 'n') jump(1);
    else if (input === 'N') jump(-1);
    else if (input === 's') setMode('save');
    else if (key.upArrow || input === 'k') update((old) => scrollBy(buffer, old, -1, columns, viewport));
    else if (key.downArrow || input === 'j') update((old) => scrollBy(buffer, old, 1, columns, viewport));
    else if (key.pageUp) update((old) => scrollBy(buffer, old, -viewport, columns, viewport));
    else if (key.pageDown) update((old) => scrollBy(buffer, old, viewport, columns, viewport));
    else if (input === 'g') update((old) => ({ ...old, follow: false, top: buffer.start }));
    else if (input === 'G') update((old) => ({ ...old, follow: true }));
  });

  // A container that stopped for good (an exited debug container) is not being followed, whatever the stream does.
  const single = stream.containers.length === 1 && stream.workload === undefined ? stream.containers[0] : undefined;
  const finished = single === undefined || stream.previous ? undefined : (containerFinished(pod, single) ?? exited[single]);
  lastFrame.current = Date.now();
  const perSecond = Math.round(rate.current.perSecond(Date.now()));
  drawnRate.current = perSecond;
  const header = logViewHeader({
    namespace,
    pod: podName,
    containers: stream.containers,
    previous: stream.previous,
    since: stream.since,
    tailLines,
    ...(stream.workload !== undefined ? { workload: stream.workload } : {}),
    ...(owner !== undefined ? { owner } : {}),
    ...(members !== undefined ? { members } : {}),
    paused: state.paused,
    fresh: state.paused ? newSincePause(buffer, state) : 0,
    ...(finished !== undefined ? { finished } : {}),
    ended,
    follow: state.follow,
    filter: state.filter,
    filterShown: () => shownCount(buffer, state),
    search: state.search,
    timestamps: state.timestamps,
    wrap: state.wrap,
    counts: { received: buffer.end, dropped: buffer.start, perSecond },
    separator: p` ${glyphs.separator} `,
  });
  const problemText = joinPrintable(
    Object.entries(problems).map(([name, text]) => (stream.containers.length > 1 || stream.workload !== undefined ? p`${cleanName(name)}: ${text}` : text)),
    p`; `,
  );
  const footer =
    mode === 'search'
      ? p`/${clean(query)}${glyphs.caret}`
      : mode === 'filter'
        ? p`show only lines with (!text: without): ${clean(query)}${glyphs.caret}`
      : mode === 'save'
        ? p`save ${buffer.length} ${lineWord(buffer.length)}: t as text (escape sequences removed)  r raw bytes as the server sent them  Esc cancel`
      : message !== ''
        ? message
        : problemText !== ''
          ? problemText
          : LOG_VIEW_HINT;

  const visible = visibleRows(buffer, state, columns, viewport);
  /** A workload's colours go by pod, in the order the pods first showed up. */
  const podColourIndex = (label: Printable): number => {
    const pod = podOfLabel(label);
    let index = podColours.current.get(pod);
    if (index === undefined) {
      // Bounded under churn: colours only tell apart the pods on screen together.
      if (podColours.current.size >= 1000) podColours.current.clear();
      index = podColours.current.size;
      podColours.current.set(pod, index);
    }
    return index;
  };
  const body =
    mode === 'choose' ? (
      allContainers.map((name, i) => (
        <Line key={i} inverse={i === choice}>
          {fit(p`${i === choice ? glyphs.current : p` `} ${cleanName(name)}`, columns, glyphs.truncated)}
        </Line>
      ))
    ) : visible.length === 0 ? (
      <Line dimColor>{fit(problemText !== '' ? problemText : p`no log lines yet`, columns, glyphs.truncated)}</Line>
    ) : (
      visible.map((row, i) => (
        <LogLine key={i} row={row} search={state.search} color={display.color} prefixColor={stream.workload === undefined ? prefixColour(row.container) : PREFIX_COLORS[podColourIndex(row.container) % PREFIX_COLORS.length]} />
      ))
    );
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Line bold>{fit(header, columns, glyphs.truncated)}</Line>
      <Box flexDirection="column" height={viewport}>
        {body}
      </Box>
      <Line dimColor={message === '' && problemText === ''} bold={problemText !== '' && message === ''}>
        {fit(footer, columns, glyphs.truncated)}
      </Line>
    </Box>
  );
}

